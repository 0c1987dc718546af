// income_band: the "income_band" distribution, row by row.

#include "../distributions.h"
#include "tables.h"

namespace tpcds::tables {

void income_band(double, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& bands = distribution("income_band");
  for (int64_t row = first; row < first + count; ++row) {
    batch.column(0).append_int64(row);
    batch.column(1).append_int32(bands.member_int(row, 1));
    batch.column(2).append_int32(bands.member_int(row, 2));
  }
}

}  // namespace tpcds::tables
