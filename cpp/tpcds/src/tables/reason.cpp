// reason: the return reasons of dsdgen's C distribution (all 75 of them at
// every scale factor, where the Java port has 35 at SF 1).

#include "../distributions.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {

void reason(double, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& reasons = distribution("return_reasons_c");
  for (int64_t row = first; row < first + count; ++row) {
    batch.column(0).append_int64(row);
    append_business_key(batch.column(1), row);
    append_text(batch.column(2), reasons.member(row, 1));
  }
}

}  // namespace tpcds::tables
