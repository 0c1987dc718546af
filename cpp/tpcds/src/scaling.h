// How many rows each table has at a scale factor: dsdgen's scaling rules.
#pragma once

#include <cstdint>

#include "tpcds/tpcds.h"

namespace tpcds {

// Tables (orders, for the sales tables) with fewer rows are not split into parts.
constexpr int64_t kSplitThreshold = 1000000;

// The row count at a checked scale factor.
int64_t scaled_row_count(Table table, double scale_factor);

}  // namespace tpcds
