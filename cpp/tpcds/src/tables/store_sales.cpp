// store_sales and store_returns: tickets of 8 to 16 lines, a tenth of the
// lines returned. Both tables come from the same tickets (dsdgen generates
// them together); each is generated here by walking the tickets, keeping its
// own rows.

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

// dsdgen's column numbers.
enum SalesColumn {
  kSoldDate = 314, kSoldTime, kSoldItem, kSoldCustomer, kSoldCdemo, kSoldHdemo, kSoldAddress, kSoldStore,
  kSoldPromotion, kTicketNumber, kIsReturned = 336, kSalesPricing, kSalesNulls, kPermutation
};
enum ReturnsColumn {
  kReturnedDate = 292, kReturnedTime, kReturnedItem, kReturnedCustomer, kReturnedCdemo, kReturnedHdemo,
  kReturnedAddress, kReturnedStore, kReason, kReturnedTicket, kReturnsPricing = 312, kReturnsNulls
};

void put_sale(BatchBuilder& b, const NullMap& null, int64_t date, int64_t time, int64_t item, const Customer& buyer,
              int64_t store, int64_t promotion, int64_t ticket, const Pricing& p) {
  put_key(b.column(0), null[0], date);
  put_key(b.column(1), null[1], time);
  put_key(b.column(2), null[2], item);
  put_key(b.column(3), null[3], buyer.customer);
  put_key(b.column(4), null[4], buyer.demographics);
  put_key(b.column(5), null[5], buyer.household);
  put_key(b.column(6), null[6], buyer.address);
  put_key(b.column(7), null[7], store);
  put_key(b.column(8), null[8], promotion);
  put_key(b.column(9), null[9], ticket);
  put_int(b.column(10), null[10], p.quantity);
  put_decimal(b.column(11), null[11], p.wholesale_cost);
  put_decimal(b.column(12), null[12], p.list_price);
  put_decimal(b.column(13), null[13], p.sales_price);
  // dsdgen writes the coupon amount in ss_ext_discount_amt too (and never
  // the discount): its data, kept as it is.
  put_decimal(b.column(14), null[14], p.coupon_amount);
  put_decimal(b.column(15), null[15], p.ext_sales_price);
  put_decimal(b.column(16), null[16], p.ext_wholesale_cost);
  put_decimal(b.column(17), null[17], p.ext_list_price);
  put_decimal(b.column(18), null[18], p.ext_tax);
  put_decimal(b.column(19), null[14], p.coupon_amount);
  put_decimal(b.column(20), null[19], p.net_paid);
  put_decimal(b.column(21), null[20], p.net_paid_inc_tax);
  put_decimal(b.column(22), null[21], p.net_profit);
}

// The tickets [first, first + count): their lines into `sales`, their
// returns into `returns` (either may be null).
void store_tickets(double sf, int64_t first, int64_t count, BatchBuilder* sales, BatchBuilder* returns) {
  StreamSet s(kSoldDate, {2, 2, 1, 1, 1, 1, 1, 1, 16, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 16, 128, 32, 0}, first);
  StreamSet r(kReturnedDate, {32, 32, 16, 16, 16, 16, 16, 16, 16, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 80, 32}, first);
  const KeyRanges ranges(sf);
  const std::vector<int32_t>& permutation = item_permutation(kPermutation, sf);
  for (int64_t ticket = first; ticket < first + count; ++ticket) {
    // The store current on day 1: dsdgen passes its join count as the date.
    int64_t store = type2_join(ranges.stores, 1, s[kSoldStore]);
    int64_t time = time_of_day(s[kSoldTime], 2);
    int64_t date = sale_date(s[kSoldDate]);
    Customer buyer = draw_customer(ranges, s[kSoldCustomer], s[kSoldCdemo], s[kSoldHdemo], s[kSoldAddress]);
    ItemCursor items(permutation, s[kSoldItem].uniform(1, static_cast<int32_t>(permutation.size())));
    int lines = s[kTicketNumber].uniform(8, 16);
    for (int line = 0; line < lines; ++line) {
      NullMap null(s[kSalesNulls], 900, 0x204);
      int64_t item = type2_key(items.next(), date, ranges.items);
      int64_t promotion = s[kSoldPromotion].uniform(1, ranges.promotions);
      Pricing price = sale_pricing(s[kSalesPricing], 100);
      if (s[kIsReturned].uniform(0, 99) < 10) {
        NullMap returned(r[kReturnsNulls], 700, 0x204);
        int64_t returning = r[kReturnedCustomer].uniform(1, ranges.customers);
        if (r[kReturnedTicket].uniform(1, 100) < 80) returning = buyer.customer;  // most return their own
        int64_t returned_date = return_date(r[kReturnedDate], date, 2, 90);
        int64_t returned_time = r[kReturnedTime].uniform(8 * 3600 - 1, 17 * 3600 - 1);
        int64_t returned_cdemo = r[kReturnedCdemo].uniform(1, ranges.demographics);
        int64_t returned_hdemo = r[kReturnedHdemo].uniform(1, ranges.households);
        int64_t returned_address = r[kReturnedAddress].uniform(1, ranges.addresses);
        int64_t returned_store = type2_join(ranges.stores, 1, r[kReturnedStore]);
        int64_t reason = r[kReason].uniform(1, ranges.reasons);
        Pricing back = return_pricing(price, r[kReturnsPricing].uniform(1, price.quantity), r[kReturnsPricing]);
        if (returns != nullptr) {
          BatchBuilder& b = *returns;
          put_key(b.column(0), returned[0], returned_date);
          put_key(b.column(1), returned[1], returned_time);
          put_key(b.column(2), returned[2], item);
          put_key(b.column(3), returned[3], returning);
          put_key(b.column(4), returned[4], returned_cdemo);
          put_key(b.column(5), returned[5], returned_hdemo);
          put_key(b.column(6), returned[6], returned_address);
          put_key(b.column(7), returned[7], returned_store);
          put_key(b.column(8), returned[8], reason);
          put_key(b.column(9), returned[9], ticket);
          put_int(b.column(10), returned[10], back.quantity);
          put_return_amounts(b, 11, returned, 11, back);
        }
      }
      if (sales != nullptr) {
        put_sale(*sales, null, date, time, item, buyer, store, promotion, ticket, price);
      }
    }
    s.finish_row();
    r.finish_row();
  }
}

}  // namespace

void store_sales(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  store_tickets(sf, first, count, &batch, nullptr);
}

void store_returns(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  store_tickets(sf, first, count, nullptr, &batch);
}

}  // namespace tpcds::tables
