// inventory: every item id in every warehouse, once a week from 1998-01-01
// (the item fastest, the week slowest), with a quantity on hand.

#include "../joins.h"
#include "../nulls.h"
#include "../scaling.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int kQuantityColumn = 201, kNullsColumn = 202;
constexpr int kNullBasisPoints = 1000;
constexpr uint64_t kNeverNull = 0x07;
}  // namespace

void inventory(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch) {
  const int64_t items = id_count(Table::Item, scale_factor);
  const int64_t item_rows = scaled_row_count(Table::Item, scale_factor);
  const int64_t warehouses = scaled_row_count(Table::Warehouse, scale_factor);
  Stream quantity_stream(kQuantityColumn, 1, first);
  Stream nulls_stream(kNullsColumn, 2, first);
  for (int64_t row = first; row < first + count; ++row) {
    NullMap null(nulls_stream, kNullBasisPoints, kNeverNull);
    int64_t rest = row - 1;
    int64_t item = rest % items + 1;
    rest /= items;
    int64_t warehouse = rest % warehouses + 1;
    int64_t date = kJulianDataStart + 7 * (rest / warehouses);
    batch.column(0).append_int64(date);
    batch.column(1).append_int64(type2_key(item, date, item_rows));
    batch.column(2).append_int64(warehouse);
    put_int(batch.column(3), null[3], quantity_stream.uniform(0, 1000));
    quantity_stream.finish_row();
    nulls_stream.finish_row();
  }
}

}  // namespace tpcds::tables
