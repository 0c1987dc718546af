// web_sales and web_returns: orders of 8 to 16 lines on a web site's pages,
// most shipped to another customer than the one billed; a tenth of the lines
// returned. Both tables come from the same orders; each is generated here by
// walking the orders, keeping its own rows.

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
  kSoldDate = 409, kSoldTime, kShipDate, kItem, kBillCustomer, kBillCdemo, kBillHdemo, kBillAddress,
  kShipCustomer, kShipCdemo, kShipHdemo, kShipAddress, kWebPage, kWebSite, kShipMode, kWarehouse, kPromotion,
  kOrderNumber, kSalesPricing = 443, kSalesNulls, kIsReturned, kPermutation
};
enum ReturnsColumn {
  kReturnedDate = 383, kReturnedTime, kReturnedItem, kRefundedCustomer, kRefundedCdemo, kRefundedHdemo,
  kRefundedAddress, kReturningCustomer, kReason = 395, kReturnsPricing = 407, kReturnsNulls
};

void web_orders(double sf, int64_t first, int64_t count, BatchBuilder* sales, BatchBuilder* returns) {
  StreamSet s(kSoldDate, {2, 2, 16, 1, 1, 1, 1, 1, 2, 2, 1, 1, 16, 16, 16, 16, 16, 1, 1, 1,
                          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128, 32, 16, 0}, first);
  StreamSet r(kReturnedDate, {32, 32, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
                              0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 80, 32}, first);
  const KeyRanges ranges(sf);
  const std::vector<int32_t>& permutation = item_permutation(kPermutation, sf);
  for (int64_t order = first; order < first + count; ++order) {
    int64_t date = sale_date(s[kSoldDate]);
    int64_t time = time_of_day(s[kSoldTime], 3);
    Customer bill = draw_customer(ranges, s[kBillCustomer], s[kBillCdemo], s[kBillHdemo], s[kBillAddress]);
    Customer ship = bill;
    if (s[kShipCustomer].uniform(0, 99) > 7) {  // all but the gifts
      ship = draw_customer(ranges, s[kShipCustomer], s[kShipCdemo], s[kShipHdemo], s[kShipAddress]);
    }
    ItemCursor items(permutation, s[kItem].uniform(1, static_cast<int32_t>(permutation.size())));
    int lines = s[kOrderNumber].uniform(8, 16);
    for (int line = 0; line < lines; ++line) {
      NullMap null(s[kSalesNulls], 5, 0x20008);
      int64_t ship_date = date + s[kShipDate].uniform(1, 120);
      int64_t item = type2_key(items.next(), date, ranges.items);
      int64_t web_page = type2_join(ranges.web_pages, date, s[kWebPage]);
      int64_t web_site = type2_join(ranges.web_sites, date, s[kWebSite]);
      int64_t ship_mode = s[kShipMode].uniform(1, ranges.ship_modes);
      int64_t warehouse = s[kWarehouse].uniform(1, ranges.warehouses);
      int64_t promotion = s[kPromotion].uniform(1, ranges.promotions);
      Pricing price = sale_pricing(s[kSalesPricing], 200);
      if (s[kIsReturned].uniform(0, 99) < 10) {
        NullMap returned(r[kReturnsNulls], 900, 0x2004);
        int64_t returned_date = return_date(r[kReturnedDate], ship_date, 1, 120);
        int64_t returned_time = time_of_day(r[kReturnedTime], 3);
        Customer refunded = draw_customer(ranges, r[kRefundedCustomer], r[kRefundedCdemo], r[kRefundedHdemo],
                                          r[kRefundedAddress]);
        if (r[kReturningCustomer].uniform(0, 99) < 7) refunded = ship;
        // The returning customer is the refunded one.
        int64_t reason = r[kReason].uniform(1, ranges.reasons);
        Pricing back = return_pricing(price, r[kReturnsPricing].uniform(1, price.quantity), r[kReturnsPricing]);
        if (returns != nullptr) {
          BatchBuilder& b = *returns;
          const int64_t keys[] = {returned_date, returned_time, item,
                                  refunded.customer, refunded.demographics, refunded.household, refunded.address,
                                  refunded.customer, refunded.demographics, refunded.household, refunded.address,
                                  web_page, reason, order};
          for (size_t i = 0; i < std::size(keys); ++i) put_key(b.column(i), returned[static_cast<int>(i)], keys[i]);
          put_int(b.column(14), returned[14], back.quantity);
          put_return_amounts(b, 15, returned, 15, back);
        }
      }
      if (sales != nullptr) {
        BatchBuilder& b = *sales;
        const int64_t keys[] = {date, time, ship_date, item,
                                bill.customer, bill.demographics, bill.household, bill.address,
                                ship.customer, ship.demographics, ship.household, ship.address,
                                web_page, web_site, ship_mode, warehouse, promotion, order};
        for (size_t i = 0; i < std::size(keys); ++i) put_key(b.column(i), null[static_cast<int>(i)], keys[i]);
        put_int(b.column(18), null[18], price.quantity);
        const int64_t amounts[] = {price.wholesale_cost,    price.list_price,       price.sales_price,
                                   price.ext_discount_amount, price.ext_sales_price, price.ext_wholesale_cost,
                                   price.ext_list_price,    price.ext_tax,          price.coupon_amount,
                                   price.ext_ship_cost,     price.net_paid,         price.net_paid_inc_tax,
                                   price.net_paid_inc_ship, price.net_paid_inc_ship_tax, price.net_profit};
        for (size_t i = 0; i < std::size(amounts); ++i) {
          put_decimal(b.column(19 + i), null[19 + static_cast<int>(i)], amounts[i]);
        }
      }
    }
    s.finish_row();
    r.finish_row();
  }
}

}  // namespace

void web_sales(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  web_orders(sf, first, count, &batch, nullptr);
}

void web_returns(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  web_orders(sf, first, count, nullptr, &batch);
}

}  // namespace tpcds::tables
