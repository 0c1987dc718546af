// The checks before a write (preflight.cpp).
#pragma once

#include <string>
#include <vector>

#include "options.h"

namespace benchmark_lance {

// Whether a Lance dataset is at `uri`: a clear answer, or a clear error (a bad
// endpoint, bucket or credentials; exit 2) before anything is written.
bool lance_dataset_exists(const Options& o, const std::string& uri);

// The field metadata of a table's columns: for Lance, the benchmark's measured
// encoding choices, then the user's --encoding (the later wins).
std::vector<datagen::ColumnMetadata> column_metadata(const Options& o, const std::string& table);

// Everything that can be refused is refused (exit 2) before anything is written.
void check_output(const Options& o);

}  // namespace benchmark_lance
