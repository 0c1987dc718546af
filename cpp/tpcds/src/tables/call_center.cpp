// call_center: a type 2 dimension of the small tables' geography. The name,
// opening date and address are an id's own (drawn with its first revision);
// a later revision keeps some other fields of the previous one, by its
// change flags.

#include <cmath>
#include <string>

#include "../address_columns.h"
#include "../distributions.h"
#include "../scaling.h"
#include "../scd.h"
#include "../stream_set.h"
#include "../text.h"
#include "market.h"
#include "tables.h"

namespace tpcds::tables {
namespace {

enum Column {
  kFirst = 1, kOpenDate = 6, kClass = 8, kEmployees, kSquareFeet, kHours, kManager,  // and the market's 4
  kCompany = 19, kAddress = 31, kTaxPercentage, kChanges, kNulls
};

struct Kept {
  int32_t employees = 0;
  int32_t square_feet = 0;
  int32_t company = 0;
  int32_t division = 0;
  std::string division_name;
  std::string company_name;
  int64_t tax_percentage = 0;
};

}  // namespace

void call_center(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& names = distribution("call_centers");
  const Distribution& classes = distribution("call_center_classes");
  const Distribution& hours = distribution("call_center_hours");
  const int64_t rows = scaled_row_count(Table::CallCenter, sf);
  // dsdgen multiplies its whole scale factor in 32 bits (the Rust port rounds a
  // fraction up); the product wraps at the largest ones, as there.
  const auto scale = static_cast<uint32_t>(std::ceil(sf));
  const auto max_employees = static_cast<int32_t>(7u * scale * scale);
  const int64_t start = first_revision_row(first);
  StreamSet s(kFirst, {0, 15, 10, 1, 4, 10, 0, 2, 1, 1, 1, 2, 1, 50, 50, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                       15, 1, 1, 2},
              start);
  Kept previous;
  Market previous_market;
  int64_t opened = 0;
  std::string name;
  Address address;
  for (int64_t row = start; row < first + count; ++row) {
    NullMap null(s[kNulls], 100, 0x0B);
    Revision revision = revision_of(row, 0);
    if (revision.new_id) {
      // 23 days before the data starts (dsdgen's table number of web_site), less up to a year.
      opened = kJulianDataStart - 23 - s[kOpenDate].uniform(-365, 0);
      int64_t suffix = row / names.size();
      name = names.member(row % names.size() + 1, 1);
      if (suffix > 0) name += "_" + std::to_string(suffix);
      address = make_address(s[kAddress], rows, sf);
    }
    ChangeFlags changes(s[kChanges].next(), revision.new_id);
    Kept now;
    const std::string& center_class = classes.member(classes.pick(1, s[kClass]), 1);
    changes.skip();
    now.employees = s[kEmployees].uniform(1, max_employees);
    changes.apply(now.employees, previous.employees);
    now.square_feet = static_cast<int32_t>(static_cast<uint32_t>(s[kSquareFeet].uniform(100, 700)) *
                                           static_cast<uint32_t>(now.employees));
    changes.apply(now.square_feet, previous.square_feet);
    const std::string& center_hours = hours.member(hours.pick(1, s[kHours]), 1);
    changes.skip();
    Market market = draw_market(s, kManager, changes, previous_market);
    now.company = s[kCompany].uniform(1, 6);
    changes.apply(now.company, previous.company);
    now.division = s[kCompany].uniform(1, 6);
    changes.apply(now.division, previous.division);
    now.division_name = syllable_word(now.division, 50);
    changes.apply(now.division_name, previous.division_name);
    now.company_name = syllable_word(now.company, 10);
    changes.apply(now.company_name, previous.company_name);
    now.tax_percentage = s[kTaxPercentage].next() % 13;  // 0.00 to 0.12
    changes.apply(now.tax_percentage, previous.tax_percentage);

    if (row >= first) {
      batch.column(0).append_int64(row);
      append_business_key(batch.column(1), revision.id_row);
      put_revision_dates(batch, 2, null, revision);
      batch.column(4).append_null();  // cc_closed_date_sk: dsdgen never closes a call center
      put_key(batch.column(5), null[5], opened);
      put_text(batch.column(6), null[6], name);
      put_text(batch.column(7), null[7], center_class);
      put_int(batch.column(8), null[8], now.employees);
      put_int(batch.column(9), null[9], now.square_feet);
      put_text(batch.column(10), null[10], center_hours);
      put_text(batch.column(11), null[11], market.manager);
      put_int(batch.column(12), null[12], market.id);
      put_text(batch.column(13), null[13], market.market_class);
      put_text(batch.column(14), null[14], market.description);
      put_text(batch.column(15), null[15], market.market_manager);
      // dsdgen's null bits here: its division and company columns', and its
      // address column's for every part of the address.
      put_int(batch.column(16), null[16], now.division);
      put_text(batch.column(17), null[17], now.division_name);
      put_int(batch.column(18), null[18], now.company);
      put_text(batch.column(19), null[19], now.company_name);
      put_address(batch, 20, null, [](int) { return 30; }, address);
      put_decimal(batch.column(30), null[31], now.tax_percentage);
    }
    s.finish_row();
  }
}

}  // namespace tpcds::tables
