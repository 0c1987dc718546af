// catalog_sales and catalog_returns: orders of 4 to 14 lines, dated by the
// weighted progression of orders over the days; some shipped to another
// customer; a tenth of the lines returned. Both tables come from the same
// orders; each is generated here by walking the orders, keeping its own rows.

#include "../joins.h"
#include "../nulls.h"
#include "../pricing.h"
#include "../sales.h"
#include "../scaling.h"
#include "../stream_set.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {

enum SalesColumn {
  kSoldDate = 75, kSoldTime, kShipDate, kBillCustomer, kBillCdemo, kBillHdemo, kBillAddress, kShipCustomer,
  kShipCdemo, kShipHdemo, kShipAddress, kCallCenter, kCatalogPage, kShipMode, kWarehouse, kItem, kPromotion,
  kOrderNumber, kSalesPricing = 109, kPermutation, kSalesNulls, kIsReturned
};
enum ReturnsColumn {
  kReturnedDate = 46, kReturnedTime, kReturningCustomer = 53, kReturningCdemo, kReturningHdemo,
  kReturningAddress, kReturnShipMode = 59, kReturnWarehouse, kReason, kReturnsNulls = 73, kReturnsPricing
};

void catalog_orders(double sf, int64_t first, int64_t count, BatchBuilder* sales, BatchBuilder* returns) {
  StreamSet s(kSoldDate, {1, 2, 14, 1, 1, 1, 1, 2, 1, 1, 1, 1, 42, 14, 14, 1, 14, 1, 0, 0, 0, 0, 0, 0, 0, 0,
                          0, 0, 0, 0, 0, 0, 0, 0, 112, 0, 28, 14, 0}, first);
  StreamSet r(kReturnedDate, {28, 28, 14, 14, 14, 14, 14, 28, 14, 14, 14, 0, 14, 14, 14, 14, 0,
                              0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 28, 70}, first);
  const KeyRanges ranges(sf);
  const std::vector<int32_t>& permutation = item_permutation(kPermutation, sf);
  OrderDates dates(sf);
  for (int64_t order = first; order < first + count; ++order) {
    int64_t date = dates.date_of(order);
    int64_t time = time_of_day(s[kSoldTime], 3);
    int64_t call_center = type2_join(ranges.call_centers, date, s[kCallCenter]);
    Customer bill = draw_customer(ranges, s[kBillCustomer], s[kBillCdemo], s[kBillHdemo], s[kBillAddress]);
    Customer ship = bill;
    if (s[kShipCustomer].uniform(0, 99) <= 10) {  // shipped to someone else
      ship = draw_customer(ranges, s[kShipCustomer], s[kShipCdemo], s[kShipHdemo], s[kShipAddress]);
    }
    ItemCursor items(permutation, s[kItem].uniform(1, static_cast<int32_t>(permutation.size())));
    int lines = s[kOrderNumber].uniform(4, 14);
    for (int line = 0; line < lines; ++line) {
      NullMap null(s[kSalesNulls], 100, 0x28000);
      int64_t ship_date = date + s[kShipDate].uniform(2, 90);
      int64_t item = type2_key(items.next(), date, ranges.items);
      int64_t catalog_page = catalog_page_on(date, ranges.pages_per_catalog, s[kCatalogPage]);
      int64_t ship_mode = s[kShipMode].uniform(1, ranges.ship_modes);
      int64_t warehouse = s[kWarehouse].uniform(1, ranges.warehouses);
      int64_t promotion = s[kPromotion].uniform(1, ranges.promotions);
      Pricing price = sale_pricing(s[kSalesPricing], 200);
      if (s[kIsReturned].uniform(0, 99) < 10) {
        NullMap returned(r[kReturnsNulls], 400, 0x10007);
        Customer returning = draw_customer(ranges, r[kReturningCustomer], r[kReturningCdemo], r[kReturningHdemo],
                                           r[kReturningAddress]);
        if (r[kReturningCustomer].uniform(0, 99) < 10) {  // returned by the one it was shipped to
          returning.customer = ship.customer;
          returning.demographics = ship.demographics;
          returning.address = ship.address;
        }
        int64_t returned_date = return_date(r[kReturnedDate], ship_date, 2, 90);
        int64_t returned_time = time_of_day(r[kReturnedTime], 3);
        int64_t return_ship_mode = r[kReturnShipMode].uniform(1, ranges.ship_modes);
        int64_t return_warehouse = r[kReturnWarehouse].uniform(1, ranges.warehouses);
        int64_t reason = r[kReason].uniform(1, ranges.reasons);
        Pricing back = return_pricing(price, r[kReturnsPricing].uniform(1, price.quantity), r[kReturnsPricing]);
        if (returns != nullptr) {
          BatchBuilder& b = *returns;
          const int64_t keys[] = {returned_date, returned_time, item,
                                  bill.customer, bill.demographics, bill.household, bill.address,
                                  returning.customer, returning.demographics, returning.household,
                                  returning.address,
                                  call_center, catalog_page, return_ship_mode, return_warehouse, reason, order};
          for (size_t i = 0; i < std::size(keys); ++i) put_key(b.column(i), returned[static_cast<int>(i)], keys[i]);
          put_int(b.column(17), returned[17], back.quantity);
          put_return_amounts(b, 18, returned, 18, back);
        }
      }
      if (sales != nullptr) {
        BatchBuilder& b = *sales;
        const int64_t keys[] = {date, time, ship_date,
                                bill.customer, bill.demographics, bill.household, bill.address,
                                ship.customer, ship.demographics, ship.household, ship.address,
                                call_center, catalog_page, ship_mode, warehouse, item, promotion, order};
        for (size_t i = 0; i < std::size(keys); ++i) put_key(b.column(i), null[static_cast<int>(i)], keys[i]);
        put_int(b.column(18), null[18], price.quantity);
        // Printed in this order; their null bits are in dsdgen's column order.
        const std::pair<int64_t, int> amounts[] = {
            {price.wholesale_cost, 19},    {price.list_price, 20},         {price.sales_price, 21},
            {price.ext_discount_amount, 24}, {price.ext_sales_price, 23},  {price.ext_wholesale_cost, 25},
            {price.ext_list_price, 26},    {price.ext_tax, 27},            {price.coupon_amount, 22},
            {price.ext_ship_cost, 28},     {price.net_paid, 29},           {price.net_paid_inc_tax, 30},
            {price.net_paid_inc_ship, 31}, {price.net_paid_inc_ship_tax, 32}, {price.net_profit, 33}};
        for (size_t i = 0; i < std::size(amounts); ++i) {
          put_decimal(b.column(19 + i), null[amounts[i].second], amounts[i].first);
        }
      }
    }
    s.finish_row();
    r.finish_row();
  }
}

}  // namespace

void catalog_sales(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  catalog_orders(sf, first, count, &batch, nullptr);
}

void catalog_returns(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  catalog_orders(sf, first, count, nullptr, &batch);
}

}  // namespace tpcds::tables
