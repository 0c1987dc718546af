// Writing the tables (write.cpp).
#pragma once

#include <cstdint>
#include <vector>

#include "lance_bridge/writer.h"
#include "options.h"
#include "progress.h"

namespace benchmark_lance {

using lance_bridge::tools::Progress;

struct TableResult {
  std::string table;
  int64_t rows = 0;
  uint64_t bytes = 0;
  double seconds = 0;
};

// The writer options the program's flags make (Writer::open, check_destination).
lance_bridge::WriterOptions writer_options(const Options& o);

// Writes every table; the results of those written. Returns the exit status:
// 0, 1 (failed midway: see the help) or 2 (refused, nothing changed).
int write_tables(const Options& o, Progress::Style style, std::vector<TableResult>& results);

// How wide a table's name is in the printed tables (at least 9).
int table_name_width(const Options& o);

// The table of rows, bytes and seconds per table, and the totals.
void print_summary(const Options& o, const std::vector<TableResult>& results, double seconds);

}  // namespace benchmark_lance
