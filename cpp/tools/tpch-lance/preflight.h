// The checks before a write (preflight.cpp).
#pragma once

#include <string>
#include <vector>

#include "options.h"

namespace tpch_lance {

// Whether a Lance dataset is at `uri`: a clear answer, or a clear error (a bad
// endpoint, bucket or credentials; exit 2) before anything is written.
bool lance_dataset_exists(const Options& o, const std::string& uri);

// The field metadata of a table's columns: for Lance, tpch-lance's measured
// encoding choices, then the user's --encoding (the later wins).
std::vector<tpch::ColumnMetadata> column_metadata(const Options& o, tpch::Table table);

// Everything that can be refused is refused (exit 2) before anything is written.
void check_output(const Options& o);

}  // namespace tpch_lance
