// scan_tool: runs one query through lance_bridge::Dataset and prints what the
// scan vs pylance test compares with the same query run by pylance:
//
//   scan_tool URI FILTER SUM_COLUMN [COLUMN...]
//
// scans URI with the projection SUM_COLUMN, COLUMN... and the SQL filter, and
// prints
//   rows N          rows the scan returned
//   count_rows N    Dataset::count_rows(FILTER)
//   sum S           the exact sum of SUM_COLUMN, a decimal128 column (nulls skipped)
// Exits 1 with a message on failure, 2 for bad usage.

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "lance_bridge/dataset.h"
#include "read_back.h"

namespace {

using lance_bridge::testing::is_valid;
using lance_bridge::testing::render_decimal;

// Releases a stream (or schema) however the function using it ends.
template <typename T>
struct Released {
  T value;
  ~Released() {
    if (value.release) value.release(&value);
  }
};

int run(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: scan_tool URI FILTER SUM_COLUMN [COLUMN...]\n");
    return 2;
  }
  lance_bridge::Dataset dataset = lance_bridge::Dataset::open(argv[1]);
  lance_bridge::ScanOptions options;
  options.filter = argv[2];
  options.columns.assign(argv + 3, argv + argc);

  Released<ArrowArrayStream> stream{};
  dataset.scan(options, &stream.value);
  Released<ArrowSchema> schema{};
  if (stream.value.get_schema(&stream.value, &schema.value) != 0) {
    std::fprintf(stderr, "scan_tool: %s\n", stream.value.get_last_error(&stream.value));
    return 1;
  }
  const char* format = schema.value.children[0]->format;
  // "d:precision,scale" is a decimal128; a third number is another bit width.
  int precision = 0, scale = 0, end = 0;
  if (std::sscanf(format, "d:%d,%d%n", &precision, &scale, &end) != 2 || format[end] != '\0') {
    std::fprintf(stderr, "scan_tool: %s is not a decimal128 column (format %s)\n", argv[3], format);
    return 2;
  }

  uint64_t rows = 0;
  __int128 sum = 0;
  while (true) {
    Released<ArrowArray> batch{};
    if (stream.value.get_next(&stream.value, &batch.value) != 0) {
      std::fprintf(stderr, "scan_tool: %s\n", stream.value.get_last_error(&stream.value));
      return 1;
    }
    if (batch.value.release == nullptr) break;
    const ArrowArray& column = *batch.value.children[0];
    const auto* values = static_cast<const unsigned char*>(column.buffers[1]);
    for (int64_t row = 0; row < batch.value.length; ++row) {
      if (!is_valid(column, batch.value.offset + row)) continue;
      __int128 value;
      std::memcpy(&value, values + 16 * (column.offset + batch.value.offset + row), sizeof value);
      sum += value;
    }
    rows += static_cast<uint64_t>(batch.value.length);
  }
  std::printf("rows %llu\n", static_cast<unsigned long long>(rows));
  std::printf("count_rows %llu\n", static_cast<unsigned long long>(dataset.count_rows(options.filter)));
  std::printf("sum %s\n", render_decimal(sum, scale).c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scan_tool: %s\n", e.what());
    return 1;
  }
}
