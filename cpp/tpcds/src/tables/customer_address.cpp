// customer_address: a drawn address and location type per row.

#include <cstdio>

#include "../address.h"
#include "../distributions.h"
#include "../nulls.h"
#include "../values.h"
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
  char zip[16];
  for (int64_t row = first; row < first + count; ++row) {
    NullMap null(nulls_stream, kNullBasisPoints, kNeverNull);
    Address a = make_address(address_stream, 0, scale_factor);
    const std::string& location = location_types.member(location_types.pick(1, location_stream), 1);
    batch.column(0).append_int64(row);
    append_business_key(batch.column(1), row);
    put_text(batch.column(2), null[2], std::to_string(a.street_number));
    put_text(batch.column(3), null[3], a.street_name);
    put_text(batch.column(4), null[4], a.street_type);
    put_text(batch.column(5), null[5], a.suite);
    put_text(batch.column(6), null[6], a.city);
    put_text(batch.column(7), null[7], a.county);
    put_text(batch.column(8), null[8], a.state);
    int length = std::snprintf(zip, sizeof zip, "%05d", a.zip);
    put_text(batch.column(9), null[9], std::string_view(zip, static_cast<size_t>(length)));
    put_text(batch.column(10), null[10], "United States");
    put_decimal(batch.column(11), null[11], int64_t{a.gmt_offset} * 100);
    put_text(batch.column(12), null[12], location);
    location_stream.finish_row();
    nulls_stream.finish_row();
    address_stream.finish_row();
  }
}

}  // namespace tpcds::tables
