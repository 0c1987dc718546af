// Reading a dataset (or any Arrow stream) back as text, for comparisons.
#pragma once

#include <string>
#include <vector>

#include "lance_bridge/dataset.h"
#include "lance_bridge/writer.h"

namespace lance_bridge::testing {

// A table read back: column names and, per column, each value rendered as text
// (integers and dates as numbers, decimals with their scale, nulls as "<null>").
struct Table {
  std::vector<std::string> names;
  std::vector<std::string> formats;
  std::vector<std::vector<std::string>> columns;
  std::vector<int64_t> batch_rows;  // the length of each batch, in order
  size_t rows() const { return columns.empty() ? 0 : columns[0].size(); }
};

Table read_table(const std::string& uri, Format format = Format::Lance);

// Reads a stream to its end and releases it.
Table read_stream(ArrowArrayStream* stream);

// Renders one value of a C Data Interface array (a column of a batch).
std::string render_value(const ArrowSchema& schema, const ArrowArray& array, int64_t row);

// Whether `row` of `array` (its own offset applied) is valid, not null.
bool is_valid(const ArrowArray& array, int64_t row);

// A decimal's unscaled value as text with `scale` digits after the point.
std::string render_decimal(__int128 unscaled, int scale);

}  // namespace lance_bridge::testing
