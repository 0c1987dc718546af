// household_demographics: every combination of income band, buy potential,
// dependents and vehicles, the row number read as a mixed-radix number.

#include "../distributions.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {

void household_demographics(double, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& bands = distribution("income_band");
  const Distribution& potentials = distribution("buy_potential");
  const Distribution& dependents = distribution("dep_count");
  const Distribution& vehicles = distribution("vehicle_count");
  for (int64_t row = first; row < first + count; ++row) {
    batch.column(0).append_int64(row);
    int64_t rest = row;
    batch.column(1).append_int64(rest % bands.size() + 1);
    rest /= bands.size();
    append_text(batch.column(2), potentials.member(rest % potentials.size() + 1, 1));
    rest /= potentials.size();
    batch.column(3).append_int32(dependents.member_int(rest % dependents.size() + 1, 1));
    rest /= dependents.size();
    batch.column(4).append_int32(vehicles.member_int(rest % vehicles.size() + 1, 1));
  }
}

}  // namespace tpcds::tables
