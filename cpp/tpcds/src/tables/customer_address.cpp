// customer_address: a drawn address and location type per row.

#include "../address_columns.h"
#include "../distributions.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int kLocationTypeColumn = 145, kNullsColumn = 146, kAddressColumn = 147;
constexpr int kNullBasisPoints = 600;
constexpr uint64_t kNeverNull = 0x03;
}  // namespace

void customer_address(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& location_types = distribution("location_types");
  Stream location_stream(kLocationTypeColumn, 1, first);
  Stream nulls_stream(kNullsColumn, 2, first);
  Stream address_stream(kAddressColumn, 7, first);
  for (int64_t row = first; row < first + count; ++row) {
    NullMap null(nulls_stream, kNullBasisPoints, kNeverNull);
    Address a = make_address(address_stream, 0, scale_factor);
    const std::string& location = location_types.member(location_types.pick(1, location_stream), 1);
    batch.column(0).append_int64(row);
    append_business_key(batch.column(1), row);
    put_address(batch, 2, null, [](int i) { return 2 + i; }, a);
    put_text(batch.column(12), null[12], location);
    location_stream.finish_row();
    nulls_stream.finish_row();
    address_stream.finish_row();
  }
}

}  // namespace tpcds::tables
