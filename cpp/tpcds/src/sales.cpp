#include "sales.h"

#include <map>
#include <mutex>
#include <numeric>
#include <utility>

#include "distributions.h"
#include "joins.h"
#include "scaling.h"
#include "values.h"

namespace tpcds {
namespace {
constexpr int kCalendarSales = 3;  // weight set; 4 in leap years
}  // namespace

KeyRanges::KeyRanges(double sf)
    : customers(static_cast<int32_t>(scaled_row_count(Table::Customer, sf))),
      demographics(static_cast<int32_t>(scaled_row_count(Table::CustomerDemographics, sf))),
      households(static_cast<int32_t>(scaled_row_count(Table::HouseholdDemographics, sf))),
      addresses(static_cast<int32_t>(scaled_row_count(Table::CustomerAddress, sf))),
      warehouses(static_cast<int32_t>(scaled_row_count(Table::Warehouse, sf))),
      promotions(static_cast<int32_t>(scaled_row_count(Table::Promotion, sf))),
      ship_modes(static_cast<int32_t>(scaled_row_count(Table::ShipMode, sf))),
      reasons(static_cast<int32_t>(scaled_row_count(Table::Reason, sf))),
      items(scaled_row_count(Table::Item, sf)),
      stores(Table::Store, sf),
      call_centers(Table::CallCenter, sf),
      web_pages(Table::WebPage, sf),
      web_sites(Table::WebSite, sf),
      pages_per_catalog(tpcds::pages_per_catalog(sf)) {}

const std::vector<int32_t>& item_permutation(int permutation_column, double scale_factor) {
  static std::mutex mutex;
  static std::map<std::pair<int, double>, std::vector<int32_t>> permutations;
  std::lock_guard<std::mutex> lock(mutex);
  std::vector<int32_t>& p = permutations[{permutation_column, scale_factor}];
  if (p.empty()) {
    auto n = static_cast<int32_t>(id_count(Table::Item, scale_factor));
    p.resize(static_cast<size_t>(n));
    std::iota(p.begin(), p.end(), 1);
    Stream stream(permutation_column, 0, 1);
    for (int32_t i = 0; i < n; ++i) std::swap(p[static_cast<size_t>(i)], p[static_cast<size_t>(stream.uniform(0, n - 1))]);
  }
  return p;
}

int64_t sale_date(Stream& stream) {
  static const Distribution& calendar = distribution("calendar");
  int year = stream.uniform(1998, 2002);
  int64_t day = calendar.pick(kCalendarSales + (is_leap_year(year) ? 1 : 0), stream);
  return to_julian(year, 1, 1) + day;
}

int64_t return_date(Stream& stream, int64_t base, int32_t min_lag, int32_t max_lag) {
  stream.uniform(1998, 2002);
  return base + stream.uniform(2 * min_lag, 2 * max_lag);
}

int64_t time_of_day(Stream& stream, int weight_set) {
  static const Distribution& hours = distribution("hours");
  int64_t hour = hours.member_int(hours.pick(weight_set, stream), 1);
  return hour * 3600 + stream.uniform(0, 3599);
}

int64_t catalog_page_on(int64_t julian, int64_t pages_per_catalog, Stream& stream) {
  static const Distribution& types = distribution("catalog_page_types");
  int64_t type = types.pick(2, stream);
  int64_t page = stream.uniform(1, static_cast<int32_t>(pages_per_catalog));
  int64_t offset = julian - kJulianDataStart - 1;
  int64_t catalog = offset / 365 * 18;
  offset %= 365;
  switch (type) {
    case 1: catalog += offset > 183 ? 1 : 0; break;  // half-yearly
    case 2: catalog += offset / 91; break;            // quarterly
    default: catalog += offset / 31; break;           // monthly
  }
  return catalog * pages_per_catalog + page;
}

OrderDates::OrderDates(double scale_factor)
    : orders_(scaled_row_count(Table::CatalogSales, scale_factor)), day_(kJulianDataStart) {
  last_order_of_day_ = orders_on(day_) + 1;  // the first day has one order more
}

int64_t OrderDates::orders_on(int64_t julian) const {
  static const Distribution& calendar = distribution("calendar");
  Date date = to_date(julian);
  int weights = kCalendarSales + (is_leap_year(date.year) ? 1 : 0);
  int64_t total = 5 * int64_t{calendar.total_weight(weights)};
  return (orders_ * calendar.weight(day_number(date), weights) + total / 2) / total;
}

int64_t OrderDates::date_of(int64_t order) {
  while (order > last_order_of_day_) {
    ++day_;
    last_order_of_day_ += orders_on(day_);
  }
  return day_;
}

}  // namespace tpcds
