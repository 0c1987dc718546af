// One generator per table: appends rows [first, first + count) (1-based row
// numbers, as dsdgen's) to a batch built with the table's fields.
#pragma once

#include <cstdint>

#include "lance_bridge/batch_builder.h"

namespace tpcds::tables {

using lance_bridge::BatchBuilder;

void customer_demographics(int64_t first, int64_t count, BatchBuilder& batch);
void date_dim(int64_t first, int64_t count, BatchBuilder& batch);
void household_demographics(int64_t first, int64_t count, BatchBuilder& batch);
void income_band(int64_t first, int64_t count, BatchBuilder& batch);
void reason(int64_t first, int64_t count, BatchBuilder& batch);
void ship_mode(int64_t first, int64_t count, BatchBuilder& batch);
void time_dim(int64_t first, int64_t count, BatchBuilder& batch);

}  // namespace tpcds::tables
