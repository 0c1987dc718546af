// warehouse: a name of generated text, a size, and an address among the few
// cities and counties of the small tables.

#include "../address_columns.h"
#include "../scaling.h"
#include "../text.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int kNameColumn = 353, kSquareFeetColumn = 354, kNullsColumn = 365, kAddressColumn = 366;
// dsdgen v4.0.0's (the kit's source says 200; no scale factor has the rows to tell).
constexpr int kNullBasisPoints = 100;
constexpr uint64_t kNeverNull = 0x03;
}  // namespace

void warehouse(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch) {
  int64_t rows = scaled_row_count(Table::Warehouse, scale_factor);
  Stream name_stream(kNameColumn, 80, first);
  Stream square_feet_stream(kSquareFeetColumn, 1, first);
  Stream nulls_stream(kNullsColumn, 2, first);
  Stream address_stream(kAddressColumn, 7, first);
  for (int64_t row = first; row < first + count; ++row) {
    NullMap null(nulls_stream, kNullBasisPoints, kNeverNull);
    std::string name = generate_text(10, 20, name_stream);
    int32_t square_feet = square_feet_stream.uniform(50000, 1000000);
    Address a = make_address(address_stream, rows, scale_factor);
    batch.column(0).append_int64(row);
    append_business_key(batch.column(1), row);
    put_text(batch.column(2), null[2], name);
    put_int(batch.column(3), null[3], square_feet);
    put_address(batch, 4, null, [](int i) { return 4 + i; }, a);
    for (Stream* s : {&name_stream, &square_feet_stream, &nulls_stream, &address_stream}) s->finish_row();
  }
}

}  // namespace tpcds::tables
