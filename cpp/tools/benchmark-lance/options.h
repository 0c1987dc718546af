// What a benchmark data program (tpch-lance, tpcds-lance) was asked to do: the
// command line, parsed and checked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "benchmark.h"
#include "benchmark_command_line.h"
#include "lance_bridge/common.h"
#include "lance_bridge/writer.h"

namespace benchmark_lance {

using lance_bridge::tools::Benchmark;

enum class Command { Write, Commit, Discard, Cleanup };

// Text is the reference generator's own: dbgen's .tbl, dsdgen's .dat.
enum class OutputFormat { Lance, Parquet, Text };

// Lance writers per table by default. lance encodes a batch's pages on all
// cores but takes the next batch only once the largest page of this one is done
// (l_comment's, for lineitem), so with one writer a core waits at the end of
// every batch. Two writers, each a consecutive half of the table's rows fed in
// turn by the generator, fill that wait with the other half's pages
// (benchmarks/README.md, "Two writers per table").
constexpr int kDefaultWriters = 2;

struct Options {
  explicit Options(const Benchmark& b) : benchmark(&b), output_dir(b.default_output_dir()), tables(b.tables()) {}

  const Benchmark* benchmark;
  Command command = Command::Write;
  double scale_factor = 1;
  std::string output_dir;
  OutputFormat format = OutputFormat::Lance;
  std::vector<std::string> tables;  // names, in the order written
  int threads = 0;  // 0: datagen::default_threads for the format
  int parts = 1;
  int part = 1;
  lance_bridge::Mode mode = lance_bridge::Mode::Create;
  lance_bridge::Transfer transfer = lance_bridge::Transfer::ZeroCopy;
  std::string data_storage_version;
  uint64_t rows_per_file = 0;
  int64_t batch_rows = 0;  // set by parsing: Lance: the benchmark's lance_batch_rows() ÷ writers; else kDefaultBatchRows
  int writers = kDefaultWriters;  // Lance: writers per table (writers_for)
  std::vector<datagen::ColumnMetadata> column_metadata;  // --encoding
  bool quiet = false;
  lance_bridge::StorageOptions storage;
  uint64_t older_than = 3600;  // cleanup: minimum age of a file to remove
  bool dry_run = false;        // cleanup: list only
};

// The command line of `benchmark`'s program, or (on bad input) a message on
// stderr and exit status 2; --help prints the help and exits 0.
Options parse_command_line(const Benchmark& benchmark, int argc, char** argv);

// The program: writes the tables, or runs the command. Returns the exit status.
int run(const Benchmark& benchmark, int argc, char** argv);

// A usage error: one line on stderr ("<program>: ... (see --help)", the
// program whose command line was parsed), exit status 2.
[[noreturn]] void usage_error(const std::string& message);

// "lance", "parquet" or the benchmark's text ("tbl", "dat"): the --format
// value and the file extension.
std::string format_name(const Options& o, OutputFormat format);
inline std::string format_name(const Options& o) { return format_name(o, o.format); }

// s3://... and other object store URIs (file:// is a local folder).
bool is_remote(const std::string& uri);

using lance_bridge::tools::scale_factor_text;

}  // namespace benchmark_lance
