// store: a type 2 dimension of the small tables' geography. A later revision
// of a store keeps some of the previous one's fields, by its change flags.

#include <string>

#include "../address_columns.h"
#include "../distributions.h"
#include "../scaling.h"
#include "../scd.h"
#include "../stream_set.h"
#include "../text.h"
#include "tables.h"

namespace tpcds::tables {
namespace {

enum Column {
  kFirst = 259, kClosedDate = 263, kEmployees = 265, kFloorSpace, kHours, kManager, kMarketId, kTaxPercentage,
  kMarketDescription = 272, kMarketManager, kNulls = 288, kChanges = 290, kAddress
};
// 6 x dsdgen's table number of the id column, which for store is a column of
// the source schema's s_store (table 49).
constexpr int64_t kDateOffset = 6 * 49;

struct Kept {
  int64_t closed_date = -1;
  std::string name;
  int32_t employees = 0;
  int32_t floor_space = 0;
  std::string manager;
  int32_t market_id = 0;
  int64_t tax_percentage = 0;
  std::string market_description;
  std::string market_manager;
};

}  // namespace

void store(double sf, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& hours = distribution("call_center_hours");
  const int64_t rows = scaled_row_count(Table::Store, sf);
  const int64_t start = first_revision_row(first);
  StreamSet s(kFirst, {1, 1, 1, 2, 2, 0, 1, 1, 1, 2, 1, 1, 1, 100, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1,
                       1, 7},
              start);
  Kept previous;
  KeptAddress previous_address;
  for (int64_t row = start; row < first + count; ++row) {
    NullMap null(s[kNulls], 100, 0x0B);
    Revision revision = revision_of(row, kDateOffset);
    ChangeFlags changes(s[kChanges].next(), revision.new_id);
    Kept now;
    bool closes = s[kClosedDate].uniform(1, 100) < 30;
    int64_t closed_after = s[kClosedDate].uniform(5, 500);
    now.closed_date = closes ? kJulianDataStart + closed_after : -1;
    changes.apply(now.closed_date, previous.closed_date);
    now.name = syllable_word(row, 5);
    changes.apply(now.name, previous.name);
    now.employees = s[kEmployees].uniform(200, 300);  // dsdgen's one store type, "Big Box"
    changes.apply(now.employees, previous.employees);
    now.floor_space = s[kFloorSpace].uniform(5000000, 10000000);
    changes.apply(now.floor_space, previous.floor_space);
    const std::string& store_hours = hours.member(hours.pick(1, s[kHours]), 1);
    changes.skip();
    now.manager = person_name(s[kManager]);
    changes.apply(now.manager, previous.manager);
    now.market_id = s[kMarketId].uniform(1, 10);
    changes.apply(now.market_id, previous.market_id);
    now.tax_percentage = s[kTaxPercentage].next() % 12;  // 0.00 to 0.11
    changes.apply(now.tax_percentage, previous.tax_percentage);
    changes.skip();  // geography class: "Unknown"
    now.market_description = generate_text(15, 100, s[kMarketDescription]);
    changes.apply(now.market_description, previous.market_description);
    now.market_manager = person_name(s[kMarketManager]);
    changes.apply(now.market_manager, previous.market_manager);
    for (int constant = 0; constant < 4; ++constant) changes.skip();  // division and company: 1, "Unknown"
    Address address = make_address(s[kAddress], rows, sf);
    apply_address_changes(changes, address, previous_address);

    if (row >= first) {
      batch.column(0).append_int64(row);
      append_business_key(batch.column(1), revision.id_row);
      put_revision_dates(batch, 2, null, revision);
      put_key(batch.column(4), null[4], now.closed_date);
      put_text(batch.column(5), null[5], now.name);
      put_int(batch.column(6), null[6], now.employees);
      put_int(batch.column(7), null[7], now.floor_space);
      put_text(batch.column(8), null[8], store_hours);
      put_text(batch.column(9), null[9], now.manager);
      put_int(batch.column(10), null[10], now.market_id);
      // From here the null bits are one on: the tax percentage, printed last, has bit 11.
      put_text(batch.column(11), null[12], "Unknown");
      put_text(batch.column(12), null[13], now.market_description);
      put_text(batch.column(13), null[14], now.market_manager);
      put_int(batch.column(14), null[15], 1);
      put_text(batch.column(15), null[16], "Unknown");
      put_int(batch.column(16), null[17], 1);
      put_text(batch.column(17), null[18], "Unknown");
      put_address(batch, 18, null, [](int i) { return 19 + i; }, address);
      put_decimal(batch.column(28), null[11], now.tax_percentage);
    }
    s.finish_row();
  }
}

}  // namespace tpcds::tables
