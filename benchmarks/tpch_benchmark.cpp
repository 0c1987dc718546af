// tpch_benchmark: how fast TPC-H data streams through lance-bridge.
//
// Generates a table with the dbgen-exact generator and writes it through
// lance_bridge::Writer (Lance or Parquet), or only generates it (--format none),
// and reports rows/s, MB/s, bytes on disk, peak RSS and where the time went.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "lance_bridge/writer.h"
#include "disk_usage.h"
#include "progress.h"
#include "tpch/tpch.h"
#include "benchmark_command_line.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kHelp = R"(tpch_benchmark: measure TPC-H generation and writing through lance-bridge.

Usage: tpch_benchmark [options]

  --scale-factor SF    scale factor from 0.0001 to 100,000 (default 1; also -s)
  --tables LIST        comma-separated tables, as tpch-lance takes them (default lineitem)
  --table T            one table, or all (the same; kept for the comparison scripts)
  --format F           lance (default), parquet, or none (generate only, write nothing)
  --output-dir DIR     where the benchmark writes (default ./tpch-benchmark; also -o); each run
                       first removes its own earlier output there
  --zero-copy          hand buffers to Rust without copying (default: copy mode)
  --rows-per-file N    Lance: rows per data file (default: the library's); also --max-rows
  --compression C      Parquet: snappy (default), zstd, lz4 or none
  --threads N          generation threads (default: half the cores, all with --format none)
  --batch-rows N       rows per batch (default 196,608)
  --queue-depth N      batches queued between generator and writer (default 1, as tpch-lance)
  --encoding C:K=V     Lance: field metadata lance-encoding:K=V on column C, repeatable
                       (as tpch-lance --encoding; to measure encoding choices)
  --lance-defaults     Lance: lance's own encoding choices, without tpch-lance's
  --write-only         generate every batch into memory first, then time only the write
  --repeat N           run N times and report each run and the median (default 1)
  --json               print one JSON object per run (and the median) instead of text
  --verbose            print the progress of each run
  --help               this text

Reported: rows, seconds, rows/s, MB/s (bytes on disk / seconds), bytes on disk,
peak RSS of the process, and the split of the time: generating, writer waiting for
batches (encoder idle), generator blocked on a full queue (encoder busy).
)";

struct Options {
  double scale_factor = 1;
  std::vector<tpch::Table> tables = {tpch::Table::LineItem};
  std::string format = "lance";
  std::string output_dir = "./tpch-benchmark";
  bool zero_copy = false;
  uint64_t max_rows = 0;
  std::string compression;
  int threads = 0;  // 0: tpch::default_threads for the format
  int64_t batch_rows = tpch::kDefaultBatchRows;
  uint32_t queue_depth = tpch::kWriterQueueDepth;
  std::vector<tpch::ColumnMetadata> column_metadata;
  bool lance_defaults = false;
  bool write_only = false;
  int repeat = 1;
  bool json = false;
  bool verbose = false;
};

// The options as given, before they are converted and checked.
struct Given {
  std::string scale_factor, table, tables, format, max_rows, threads, batch_rows, queue_depth, repeat;
  std::vector<std::string> encodings;
};

// The command line, on the TPC-H options tpch-lance shares (one spelling, one
// check, one message each: lance_bridge::tools::BenchmarkCommandLine).
void define_options(lance_bridge::tools::BenchmarkCommandLine& cli, Options& o, Given& g) {
  CLI::App& app = cli.app();
  app.add_option("-s,--scale-factor", g.scale_factor);
  CLI::Option* table = app.add_option("--table", g.table);
  app.add_option("--tables", g.tables)->excludes(table);
  app.add_option("--format", g.format);
  app.add_option("-o,--output-dir", o.output_dir);
  app.add_flag("--zero-copy", o.zero_copy);
  app.add_option("--rows-per-file,--max-rows", g.max_rows);
  app.add_option("--compression", o.compression);
  app.add_option("--threads", g.threads);
  app.add_option("--batch-rows", g.batch_rows);
  app.add_option("--queue-depth", g.queue_depth);
  cli.add_repeatable("--encoding", g.encodings);
  app.add_flag("--lance-defaults", o.lance_defaults);
  app.add_flag("--write-only", o.write_only);
  app.add_option("--repeat", g.repeat);
  app.add_flag("--json", o.json);
  app.add_flag("--verbose", o.verbose);
}

// Table names (checked by the command line) as tables, and back.
std::vector<tpch::Table> tables_named(const std::vector<std::string>& names) {
  std::vector<tpch::Table> tables;
  for (const std::string& name : names) tables.push_back(*tpch::table_from_name(name));
  return tables;
}
std::vector<std::string> names_of(const std::vector<tpch::Table>& tables) {
  std::vector<std::string> names;
  for (tpch::Table table : tables) names.emplace_back(tpch::table_name(table));
  return names;
}

void convert(const lance_bridge::tools::BenchmarkCommandLine& cli, const Given& g, Options& o) {
  if (cli.given("--scale-factor")) o.scale_factor = cli.scale_factor(g.scale_factor);
  if (cli.given("--table")) o.tables = g.table == "all" ? tpch::all_tables() : tables_named(cli.tables(g.table));
  if (cli.given("--tables")) o.tables = tables_named(cli.tables(g.tables));
  if (cli.given("--format")) o.format = g.format;
  if (o.format != "lance" && o.format != "parquet" && o.format != "none") {
    cli.usage_error("unknown format '" + o.format + "' (expected lance, parquet or none)");
  }
  if (cli.given("--rows-per-file")) o.max_rows = cli.integer<uint64_t>("--rows-per-file", g.max_rows);
  if (cli.given("--threads")) o.threads = cli.integer<int>("--threads", g.threads);
  if (cli.given("--batch-rows")) o.batch_rows = cli.integer<int64_t>("--batch-rows", g.batch_rows);
  if (cli.given("--queue-depth")) o.queue_depth = cli.integer<uint32_t>("--queue-depth", g.queue_depth);
  if (cli.given("--repeat")) o.repeat = cli.integer<int>("--repeat", g.repeat);
  if (o.threads < 0) cli.usage_error("--threads must be 0 (the default number) or more");
  if (o.batch_rows < 1) cli.usage_error("--batch-rows must be at least 1");
  if (o.repeat < 1) cli.usage_error("--repeat must be at least 1");
  if (o.threads == 0) o.threads = tpch::default_threads(o.format != "none");
  if (o.write_only && o.format == "none") cli.usage_error("--write-only needs a format to write");
  if ((!g.encodings.empty() || o.lance_defaults) && o.format != "lance") {
    cli.usage_error("--encoding and --lance-defaults are for --format lance");
  }
  o.column_metadata = cli.encodings(g.encodings, names_of(o.tables));
}

Options parse(int argc, char** argv) {
  Options o;
  Given g;
  lance_bridge::tools::BenchmarkCommandLine cli(lance_bridge::tools::tpch_benchmark(), "tpch_benchmark", kHelp);
  define_options(cli, o, g);
  cli.parse(argc, argv);
  convert(cli, g, o);
  return o;
}

struct Run {
  std::string table;
  int64_t rows = 0;
  double seconds = 0;
  double generate_seconds = 0;     // time spent producing batches on the caller's side
  double writer_waiting_seconds = 0;
  double producer_blocked_seconds = 0;
  double commit_seconds = 0;
  uint64_t bytes = 0;
  uint64_t bytes_copied = 0;
  double peak_rss_mib = 0;
};

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

// Writes every batch `next_batch` gives through one lance_bridge::Writer into
// `path`, noting rows and the writer's timings in `run`.
template <typename NextBatch>
void write_batches(const Options& o, const fs::path& path, const tpch::BatchStream& stream, NextBatch& next_batch,
                   lance_bridge::tools::Progress& progress, Run& run) {
  ArrowArray batch;
  fs::create_directories(o.output_dir);
  lance_bridge::WriterOptions w;
  w.format = o.format == "parquet" ? lance_bridge::Format::Parquet : lance_bridge::Format::Lance;
  w.transfer = o.zero_copy ? lance_bridge::Transfer::ZeroCopy : lance_bridge::Transfer::Copy;
  w.max_rows_per_file = o.max_rows;
  w.parquet_compression = o.compression;
  w.queue_depth = o.queue_depth;
  ArrowSchema schema;
  stream.export_schema(&schema);
  lance_bridge::Writer writer = lance_bridge::Writer::open(path.string(), schema, w);
  schema.release(&schema);
  while (next_batch(&batch)) {
    run.rows += batch.length;
    ArrowSchema batch_schema;
    stream.export_schema(&batch_schema);
    writer.write(&batch, &batch_schema);
    progress.update(stream.units_done(), run.rows);
  }
  lance_bridge::WriteSummary s = writer.finish();
  run.writer_waiting_seconds = s.writer_waiting_seconds;
  run.producer_blocked_seconds = s.producer_blocked_seconds;
  run.commit_seconds = s.commit_seconds;
  run.bytes_copied = s.bytes_copied;
}

Run run_once(const Options& o, tpch::Table table) {
  Run run;
  run.table = std::string(tpch::table_name(table));
  tpch::GenerateOptions g;
  g.scale_factor = o.scale_factor;
  g.threads = o.threads;
  g.batch_rows = o.batch_rows;
  // (--encoding is refused for other formats.)
  g.column_metadata = o.lance_defaults || o.format != "lance" ? o.column_metadata
                                                              : tpch::lance_encodings(table, o.column_metadata);
  tpch::BatchStream stream(table, g);
  lance_bridge::tools::Progress progress(
      lance_bridge::tools::Progress::detect(!o.verbose), run.table, stream.units_total());

  fs::path path = fs::path(o.output_dir) / (run.table + "." + o.format);
  fs::remove_all(path);

  std::vector<ArrowArray> in_memory;
  size_t next_in_memory = 0;
  if (o.write_only) {
    ArrowArray batch;
    while (stream.next(&batch)) in_memory.push_back(batch);
  }

  auto start = Clock::now();
  double generating = 0;
  auto next_batch = [&](ArrowArray* out) {
    auto t = Clock::now();
    bool more;
    if (o.write_only) {
      more = next_in_memory < in_memory.size();
      if (more) *out = in_memory[next_in_memory++];
    } else {
      more = stream.next(out);
    }
    generating += std::chrono::duration<double>(Clock::now() - t).count();
    return more;
  };

  ArrowArray batch;
  if (o.format == "none") {
    while (next_batch(&batch)) {
      run.rows += batch.length;
      batch.release(&batch);
      progress.update(stream.units_done(), run.rows);
    }
  } else {
    write_batches(o, path, stream, next_batch, progress, run);
  }
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  progress.finish(run.rows);
  run.generate_seconds = o.write_only ? 0 : generating;
  run.bytes = o.format == "none" ? 0 : lance_bridge::tools::size_on_disk(path.string());
  run.peak_rss_mib = peak_rss_mib();
  return run;
}

void print(const Options& o, const Run& r, const char* label) {
  double mb_s = r.seconds > 0 ? r.bytes / 1e6 / r.seconds : 0;
  if (o.json) {
    std::printf(
        "{\"run\":\"%s\",\"table\":\"%s\",\"scale_factor\":%g,\"format\":\"%s\",\"zero_copy\":%s,"
        "\"write_only\":%s,\"threads\":%d,\"batch_rows\":%lld,\"rows\":%lld,\"seconds\":%.4f,"
        "\"rows_per_second\":%.0f,\"mb_per_second\":%.2f,\"bytes_on_disk\":%llu,\"bytes_copied\":%llu,"
        "\"peak_rss_mib\":%.1f,\"generate_seconds\":%.4f,\"writer_waiting_seconds\":%.4f,"
        "\"producer_blocked_seconds\":%.4f,\"commit_seconds\":%.4f}\n",
        label, r.table.c_str(), o.scale_factor, o.format.c_str(), o.zero_copy ? "true" : "false",
        o.write_only ? "true" : "false", o.threads, static_cast<long long>(o.batch_rows),
        static_cast<long long>(r.rows), r.seconds, r.seconds > 0 ? r.rows / r.seconds : 0, mb_s,
        static_cast<unsigned long long>(r.bytes), static_cast<unsigned long long>(r.bytes_copied), r.peak_rss_mib,
        r.generate_seconds, r.writer_waiting_seconds, r.producer_blocked_seconds, r.commit_seconds);
  } else {
    std::printf("%-7s %-9s %12s rows %8.3f s %12s rows/s %8.1f MB/s %10s  rss %7.1f MiB  gen %.2f s  "
                "writer idle %.2f s  gen blocked %.2f s\n",
                label, r.table.c_str(), lance_bridge::tools::with_commas(r.rows).c_str(), r.seconds,
                lance_bridge::tools::with_commas(static_cast<int64_t>(r.seconds > 0 ? r.rows / r.seconds : 0)).c_str(),
                mb_s, lance_bridge::tools::human_bytes(r.bytes).c_str(), r.peak_rss_mib, r.generate_seconds,
                r.writer_waiting_seconds, r.producer_blocked_seconds);
  }
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  if (!o.json) {
    std::printf("tpch_benchmark: sf %g, format %s, %s, %d thread(s), batches of %lld rows%s\n", o.scale_factor,
                o.format.c_str(), o.zero_copy ? "zero-copy" : "copy", o.threads,
                static_cast<long long>(o.batch_rows), o.write_only ? ", write only" : "");
  }
  try {
    for (tpch::Table table : o.tables) {
      std::vector<Run> runs;
      for (int i = 0; i < o.repeat; ++i) {
        runs.push_back(run_once(o, table));
        print(o, runs.back(), ("run " + std::to_string(i + 1)).c_str());
      }
      if (o.repeat > 1) {
        std::vector<Run> sorted = runs;
        std::sort(sorted.begin(), sorted.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
        print(o, sorted[sorted.size() / 2], "median");
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tpch_benchmark: %s\n", e.what());
    return 1;
  }
  return 0;
}
