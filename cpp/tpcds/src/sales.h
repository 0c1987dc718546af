// What the three sales channels (store, catalog, web) share: the order of
// items sold, sale and return dates and times, catalog pages.
#pragma once

#include <cstdint>
#include <vector>

#include "joins.h"
#include "random.h"
#include "tpcds/tpcds.h"

namespace tpcds {

// The row counts a sales channel draws its keys from.
struct KeyRanges {
  explicit KeyRanges(double scale_factor);
  int32_t customers, demographics, households, addresses, warehouses, promotions, ship_modes, reasons;
  int64_t items;  // rows of item (its revisions), which item keys are
  Type2Keys stores, call_centers, web_pages, web_sites;
  int64_t pages_per_catalog;
};

// A customer with its demographics and address, as an order's bill-to,
// ship-to or a return's refunded or returning customer is drawn: one draw
// from each of four streams.
struct Customer {
  int64_t customer, demographics, household, address;
};
inline Customer draw_customer(const KeyRanges& ranges, Stream& customer, Stream& demographics, Stream& household,
                              Stream& address) {
  return Customer{customer.uniform(1, ranges.customers), demographics.uniform(1, ranges.demographics),
                  household.uniform(1, ranges.households), address.uniform(1, ranges.addresses)};
}

// dsdgen's item permutation of a sales table: the item ids (1-based) in the
// order its orders sell them, shuffled once from the initial seed of the
// table's permutation column. Computed once per table and scale factor.
const std::vector<int32_t>& item_permutation(int permutation_column, double scale_factor);

// Walks the permutation as an order sells its lines: from an id drawn per
// order, one entry on per line, round.
class ItemCursor {
 public:
  ItemCursor(const std::vector<int32_t>& permutation, int64_t start) : permutation_(permutation), at_(start) {}
  // The next line's item id.
  int64_t next() {
    if (++at_ > static_cast<int64_t>(permutation_.size())) at_ = 1;
    return permutation_[static_cast<size_t>(at_ - 1)];
  }

 private:
  const std::vector<int32_t>& permutation_;
  int64_t at_;
};

// A sale's date in 1998-2002 by the calendar's sales weights: 2 draws.
int64_t sale_date(Stream& stream);
// A return's date, `min_lag` to `max_lag` days (each doubled, as dsdgen
// does) after `base`: 2 draws (the first is a year dsdgen draws and drops).
int64_t return_date(Stream& stream, int64_t base, int32_t min_lag, int32_t max_lag);
// A time of day (seconds) by the "hours" weights `weight_set` (2: store,
// 3: catalog and web): 2 draws.
int64_t time_of_day(Stream& stream, int weight_set);

// A catalog page current on `julian`: the catalog type by its sales weight,
// a page of it (2 draws).
int64_t catalog_page_on(int64_t julian, int64_t pages_per_catalog, Stream& stream);

// dsdgen's weighted progression of catalog orders over the days from
// 1998-01-01: each day has orders in proportion to its calendar sales weight.
class OrderDates {
 public:
  explicit OrderDates(double scale_factor);
  // The day of order `order`, for orders in increasing order (from any first one).
  int64_t date_of(int64_t order);

 private:
  int64_t orders_on(int64_t julian) const;
  int64_t orders_;
  int64_t day_;
  int64_t last_order_of_day_;
};

}  // namespace tpcds
