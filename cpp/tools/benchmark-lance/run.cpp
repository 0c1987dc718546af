// A benchmark data program (tpch-lance, tpcds-lance): generate the
// benchmark's data and stream every batch into Lance datasets (or Parquet
// files, or the reference generator's text).
//   cli.cpp        the command line and the help
//   layout.cpp     where each table, part and pending piece goes
//   preflight.cpp  what is refused before anything is written
//   write.cpp      the tables written, one after the other
//   parts.cpp      the commit, discard and cleanup commands

#include <chrono>
#include <vector>

#include "options.h"
#include "parts.h"
#include "preflight.h"
#include "write.h"

namespace benchmark_lance {

int run(const Benchmark& benchmark, int argc, char** argv) {
  Options o = parse_command_line(benchmark, argc, argv);
  switch (o.command) {
    case Command::Commit: return commit(o);
    case Command::Discard: return discard(o);
    case Command::Cleanup: return cleanup(o);
    case Command::Write: break;
  }
  check_output(o);
  Progress::Style style = Progress::detect(o.quiet);
  auto start = std::chrono::steady_clock::now();
  std::vector<TableResult> results;
  if (int status = write_tables(o, style, results)) return status;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!o.quiet) print_summary(o, results, seconds);
  return 0;
}

}  // namespace benchmark_lance
