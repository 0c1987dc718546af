// tpch-lance: generate TPC-H data with the dbgen-exact C++ generator and stream
// every batch into Lance datasets (or Parquet files, or dbgen .tbl text).

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <limits>
#include <memory>
#include <optional>
#include <fstream>
#include <sstream>
#include <system_error>
#include <string>
#include <thread>
#include <vector>

#include "lance_bridge/pending_write.h"
#include "lance_bridge/storage.h"
#include "lance_bridge/writer.h"
#include "disk_usage.h"
#include "progress.h"
#include "tpch/tpch.h"

namespace fs = std::filesystem;
using lance_bridge::tools::human_bytes;
using lance_bridge::tools::size_on_disk;
using lance_bridge::tools::Progress;
using lance_bridge::tools::with_commas;

namespace {

// Lance writers per table by default. lance encodes a batch's pages on all
// cores but takes the next batch only once the largest page of this one is done
// (l_comment's, for lineitem), so with one writer a core waits at the end of
// every batch. Two writers, each a consecutive half of the table's rows fed in
// turn by the generator, fill that wait with the other half's pages
// (benchmarks/README.md, "Two writers per table").
constexpr int kDefaultWriters = 2;

constexpr const char* kHelp = R"(tpch-lance: generate TPC-H data and write it as Lance datasets.

Usage: tpch-lance [options]
       tpch-lance commit [--output-dir DIR] [--tables LIST] [--mode M]
       tpch-lance discard --parts N --part K [--output-dir DIR] [--tables LIST]
       tpch-lance cleanup [--output-dir DIR] [--tables LIST] [--older-than SECONDS] [--dry-run]

The rows are those of the official dbgen (byte-identical .tbl output), generated
in parallel and streamed batch by batch into the output: memory stays bounded
whatever the scale factor.

Options:
  --scale-factor SF         scale factor from 0.0001 to 100,000, fractional allowed
                            (default 1: ~1 GB of .tbl text)
  --output-dir DIR          where to write (default ./tpch-data): a local folder, or
                            s3://bucket/prefix (Lance or Parquet) on object storage
  --storage-option K=V      object store setting, repeatable: aws_endpoint, aws_region,
                            aws_access_key_id, aws_secret_access_key, allow_http, ...
                            (the AWS_* environment variables apply too)
  --format F                lance (default), parquet or tbl
                              lance:   DIR/<table>.lance, one Lance dataset per table
                              parquet: DIR/<table>.parquet
                              tbl:     DIR/<table>.tbl, exactly as dbgen writes it
  --tables LIST             comma-separated tables, each at most once (default all eight):
                              region,nation,supplier,customer,part,partsupp,orders,lineitem
  --threads N               generation threads (default: half the cores for lance and
                            parquet, whose encoding takes the other half; all for tbl),
                            shared out among a table's writers
  --parts N --part K        write part K of N, like dbgen -C N -S K (run the N parts
                            anywhere: other processes, other machines):
                              lance:   writes part K's data files into DIR/<table>.lance
                                       without committing, and saves the pending write as
                                       DIR/_pending/<table>/part-K-of-N.sf<SF>.piece;
                                       `tpch-lance commit` makes the N parts one version
                              parquet: DIR/<table>/part-K.parquet
                              tbl:     DIR/<table>.tbl.<K>
  --mode M                  create (default: refuse to touch existing output),
                            overwrite (Lance: a new version) or append (Lance only)
  --zero-copy | --copy      hand batches to the writer without copying (default) or copied
  --data-storage-version V  Lance file format version: 2.0, 2.1, stable, ... (default: stable)
  --rows-per-file N         Lance: rows per data file (default 8,388,608)
  --batch-rows N            rows per generated batch (default 196,608; Lance: that ÷ writers)
  --writers N               Lance: writers per table, at once (default 2; fewer when the
                            table has fewer batches). Each writes a consecutive share
                            of the rows into data files of its own; all commit together
                            as one version: the same rows in the same order as one
                            writer's. They keep the cores busy while lance finishes
                            each batch
  --encoding COL:KEY=VALUE  Lance: how to encode a column, repeatable: field metadata
                            lance-encoding:KEY=VALUE (a KEY with ':' is taken whole), e.g.
                              l_comment:compression=zstd        smaller, slower strings
                              l_tax:dict-divisor=4294967295     no dictionary
                            tpch-lance turns dictionaries off for l_orderkey, l_suppkey,
                            l_returnflag, l_linestatus, o_orderstatus, ps_partkey and
                            ps_suppkey (faster, same size); dict-divisor=2 gives a
                            column lance's default back. Unknown keys or values are
                            refused before anything is written
  --quiet                   print nothing but errors
  --help                    this text

commit makes, per Lance table, the N pending parts one new version, rows in part
order (as one process writing the whole table would), then removes the pending
files: --mode create (default: refuse an existing dataset), overwrite or append
(for parts written with --mode append). It checks every table first and refuses
(exit 2, nothing committed) when a part is missing, the parts disagree (number of
parts, scale factor, schema) or a create finds a dataset there. Run again, it
finds nothing pending and does nothing.

discard removes pending part K of N of each table (its data files and its piece),
e.g. before that part is written again.

cleanup lists, per Lance table, the data files no version refers to (what a killed
tpch-lance leaves behind; never visible as rows) and removes those older than
--older-than seconds (default 3600: younger ones may belong to a write still
running); --dry-run only lists them.

Each Lance table is one lance transaction: committed when the table is done (while
the next table generates), so a table that fails or is interrupted (even killed)
never shows up half-written, and other writers' data and earlier versions are
never touched.

Exit status: 0 on success, 2 for bad arguments or output that cannot be written
(nothing on disk is changed then), 1 if writing fails midway (the failed table is
rolled back, and so is the next one if the failure was the commit; tables
committed before stay, and so does one committing when the failure came).
)";

struct Options {
  double scale_factor = 1;
  std::string output_dir = "./tpch-data";
  std::string format = "lance";
  std::vector<tpch::Table> tables = tpch::all_tables();
  int threads = 0;  // 0: tpch::default_threads for the format
  int parts = 1;
  int part = 1;
  lance_bridge::Mode mode = lance_bridge::Mode::Create;
  lance_bridge::Transfer transfer = lance_bridge::Transfer::ZeroCopy;
  std::string data_storage_version;
  uint64_t rows_per_file = 0;
  int64_t batch_rows = 0;  // 0: tpch::kDefaultBatchRows shared by the writers
  int writers = kDefaultWriters;  // Lance: writers per table (writers_for)
  std::vector<std::string> encodings;  // --encoding as given, parsed once --tables is known
  std::vector<tpch::ColumnMetadata> column_metadata;
  bool quiet = false;
  lance_bridge::StorageOptions storage;
  bool cleanup = false;       // the cleanup command
  bool commit = false;        // the commit command
  bool discard = false;       // the discard command
  uint64_t older_than = 3600;  // cleanup: minimum age of a file to remove
  bool dry_run = false;        // cleanup: list only
};

// s3://... and other object store URIs (file:// is a local folder).
bool is_remote(const std::string& uri) {
  return uri.find("://") != std::string::npos && uri.rfind("file://", 0) != 0;
}

std::string scale_factor_text(double sf);

// A usage error: one line on stderr, exit code 2.
[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "tpch-lance: %s (see --help)\n", message.c_str());
  std::exit(2);
}

template <typename T>
T parse_number(const std::string& flag, const std::string& text) {
  try {
    size_t used = 0;
    T value;
    if constexpr (std::is_floating_point_v<T>) {
      value = static_cast<T>(std::stod(text, &used));
    } else {
      long long v = std::stoll(text, &used);
      // No silent wrap-around: --parts 4294967298 is not --parts 2.
      if (v < static_cast<long long>(std::numeric_limits<T>::min()) ||
          static_cast<unsigned long long>(v) > static_cast<unsigned long long>(std::numeric_limits<T>::max())) {
        usage_error(flag + " is out of range: '" + text + "'");
      }
      value = static_cast<T>(v);
    }
    if (used != text.size()) throw std::invalid_argument(text);
    return value;
  } catch (const std::exception&) {
    usage_error(flag + " takes a number, got '" + text + "'");
  }
}

Options parse(int argc, char** argv) {
  Options o;
  bool parts_given = false, part_given = false, writers_given = false;
  int first = 1;
  if (argc > 1 && std::string(argv[1]) == "cleanup") {
    o.cleanup = true;
    first = 2;
  } else if (argc > 1 && std::string(argv[1]) == "commit") {
    o.commit = true;
    first = 2;
  } else if (argc > 1 && std::string(argv[1]) == "discard") {
    o.discard = true;
    first = 2;
  }
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_inline = false;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      has_inline = true;
    }
    auto take = [&]() -> std::string {
      if (has_inline) return value;
      if (i + 1 >= argc) usage_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kHelp, stdout);
      std::exit(0);
    } else if (arg == "--scale-factor" || arg == "-s") {
      o.scale_factor = parse_number<double>(arg, take());
    } else if (arg == "--output-dir" || arg == "-o") {
      o.output_dir = take();
    } else if (arg == "--format") {
      o.format = take();
      if (o.format != "lance" && o.format != "parquet" && o.format != "tbl") {
        usage_error("unknown format '" + o.format + "' (expected lance, parquet or tbl)");
      }
    } else if (arg == "--tables") {
      o.tables.clear();
      std::stringstream list(take());
      std::string name;
      while (std::getline(list, name, ',')) {
        auto table = tpch::table_from_name(name);
        if (!table) usage_error("unknown table '" + name + "'");
        // Twice would be two writes of one dataset, the second racing the first's commit.
        if (std::find(o.tables.begin(), o.tables.end(), *table) != o.tables.end()) {
          usage_error("--tables names '" + name + "' twice");
        }
        o.tables.push_back(*table);
      }
      if (o.tables.empty()) usage_error("--tables names no table");
    } else if (arg == "--threads") {
      o.threads = parse_number<int>(arg, take());
      if (o.threads < 1) usage_error("--threads must be at least 1");
    } else if (arg == "--parts") {
      o.parts = parse_number<int>(arg, take());
      parts_given = true;
    } else if (arg == "--part") {
      o.part = parse_number<int>(arg, take());
      parts_given = part_given = true;
    } else if (arg == "--mode") {
      std::string mode = take();
      if (mode == "create") o.mode = lance_bridge::Mode::Create;
      else if (mode == "overwrite") o.mode = lance_bridge::Mode::Overwrite;
      else if (mode == "append") o.mode = lance_bridge::Mode::Append;
      else usage_error("unknown mode '" + mode + "' (expected create, overwrite or append)");
    } else if (arg == "--zero-copy") {
      o.transfer = lance_bridge::Transfer::ZeroCopy;
    } else if (arg == "--copy") {
      o.transfer = lance_bridge::Transfer::Copy;
    } else if (arg == "--data-storage-version") {
      o.data_storage_version = take();
    } else if (arg == "--rows-per-file") {
      o.rows_per_file = parse_number<uint64_t>(arg, take());
    } else if (arg == "--writers") {
      o.writers = parse_number<int>(arg, take());
      writers_given = true;
      // Each writer holds its own pages and batches in flight: memory grows with them.
      if (o.writers < 1 || o.writers > 64) usage_error("--writers must be between 1 and 64");
    } else if (arg == "--batch-rows") {
      o.batch_rows = parse_number<int64_t>(arg, take());
      if (o.batch_rows < 1) usage_error("--batch-rows must be at least 1");
    } else if (arg == "--encoding") {
      o.encodings.push_back(take());
    } else if (arg == "--storage-option") {
      std::string option = take();
      size_t eq = option.find('=');
      if (eq == 0 || eq == std::string::npos) usage_error("--storage-option takes KEY=VALUE, got '" + option + "'");
      o.storage[option.substr(0, eq)] = option.substr(eq + 1);
    } else if (o.cleanup && arg == "--older-than") {
      int64_t seconds = parse_number<int64_t>(arg, take());
      if (seconds < 0) usage_error("--older-than must be 0 or more seconds");
      o.older_than = static_cast<uint64_t>(seconds);
    } else if (o.cleanup && arg == "--dry-run") {
      o.dry_run = true;
    } else if (arg == "--quiet" || arg == "-q") {
      o.quiet = true;
    } else {
      usage_error("unknown option '" + arg + "'");
    }
  }
  // Where TPC-H is defined: dbgen's smallest scale factor has one supplier (below it
  // tables come out empty and the generator divides by zero), and the specification
  // defines none above 100,000 (beyond it keys no longer fit dbgen's formats).
  if (!std::isfinite(o.scale_factor) || !(o.scale_factor > 0)) {
    usage_error("--scale-factor must be a positive number, got " + scale_factor_text(o.scale_factor));
  }
  if (o.scale_factor < 0.0001) {
    usage_error("--scale-factor " + scale_factor_text(o.scale_factor) +
                " is below TPC-H's smallest, 0.0001 (one supplier): the supplier table would be empty");
  }
  if (o.scale_factor > 100000) {
    usage_error("--scale-factor " + scale_factor_text(o.scale_factor) +
                " is above 100,000, the largest scale factor TPC-H defines");
  }
  // The writers share one batch's worth of rows: with each writer's batches as
  // large as one writer's, twice the rows would be in flight (queued, being
  // encoded, held for a page), and lineitem would take ~60 MiB more.
  if (o.batch_rows == 0) {
    o.batch_rows = o.format == "lance" ? std::max<int64_t>(1, tpch::kDefaultBatchRows / o.writers) : tpch::kDefaultBatchRows;
  }
  if (o.parts < 1) usage_error("--parts must be at least 1");
  if (o.part < 1 || o.part > o.parts) {
    usage_error("--part " + std::to_string(o.part) + " is not between 1 and --parts " + std::to_string(o.parts));
  }
  if (parts_given && (o.cleanup || o.commit)) usage_error("--parts/--part are for writing parts");
  if (o.discard && !(parts_given && part_given)) usage_error("discard needs --parts N --part K");
  if (o.mode == lance_bridge::Mode::Append && o.format != "lance") {
    usage_error("--mode append works with --format lance only");
  }
  if (!o.encodings.empty() && o.format != "lance") usage_error("--encoding is for --format lance");
  if (writers_given && o.format != "lance") usage_error("--writers is for --format lance (Parquet and tbl: one file, one writer)");
  for (const std::string& spec : o.encodings) {
    try {
      o.column_metadata.push_back(tpch::parse_column_metadata(spec, o.tables));
    } catch (const std::invalid_argument& e) {
      usage_error(std::string("--encoding: ") + e.what());
    }
  }
  if (is_remote(o.output_dir) && o.format == "tbl") {
    usage_error("--format tbl writes local files only; object storage takes --format lance or parquet");
  }
  return o;
}

// `name` inside the folder or prefix `dir`.
std::string join(const std::string& dir, const std::string& name) {
  if (!is_remote(dir)) return (fs::path(dir) / name).string();
  std::string base = dir;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + name;
}

bool writing_parts(const Options& o) { return o.parts > 1; }
// Lance parts are saved as pending pieces for `tpch-lance commit`, not committed.
bool saving_pieces(const Options& o) { return writing_parts(o) && o.format == "lance"; }

std::string output_path(const Options& o, tpch::Table table) {
  std::string name(tpch::table_name(table));
  if (o.format == "tbl") {
    name += ".tbl";
    if (writing_parts(o)) name += "." + std::to_string(o.part);
  } else if (o.format == "parquet" && writing_parts(o)) {
    name += "/part-" + std::to_string(o.part) + ".parquet";
  } else {
    name += "." + o.format;
  }
  return join(o.output_dir, name);
}

// Where pending Lance parts of a table wait for `tpch-lance commit`.
std::string pending_dir(const Options& o, tpch::Table table) {
  return join(join(o.output_dir, "_pending"), std::string(tpch::table_name(table)));
}

// The shortest text that reads back as exactly `sf` (0.1, not 0.10000000000000001).
std::string scale_factor_text(double sf) {
  char text[64];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, sf);
    if (std::strtod(text, nullptr) == sf) break;
  }
  return text;
}

std::string piece_name(const Options& o) {
  return "part-" + std::to_string(o.part) + "-of-" + std::to_string(o.parts) + ".sf" +
         scale_factor_text(o.scale_factor) + ".piece";
}

// Whether a Lance dataset is at `uri`: a clear answer, or a clear error (a bad
// endpoint, bucket or credentials) before anything is written.
bool lance_dataset_exists(const Options& o, const std::string& uri) {
  try {
    lance_bridge::dataset_info(uri, o.storage);
    return true;
  } catch (const lance_bridge::Error& e) {
    if (e.kind() == lance_bridge::ErrorKind::NotFound) return false;
    usage_error("cannot reach '" + uri + "': " + e.what());
  }
}

// A Lance part already waiting to be committed is not written again (its data
// files would be lost track of): commit it, or remove its piece file first.
void check_not_pending(const Options& o) {
  if (!saving_pieces(o)) return;
  for (tpch::Table table : o.tables) {
    try {
      for (const std::string& name : lance_bridge::list_files(pending_dir(o, table), o.storage)) {
        if (name == piece_name(o)) {
          usage_error("part " + std::to_string(o.part) + " of " + std::to_string(o.parts) + " of " +
                      std::string(tpch::table_name(table)) + " is already pending (" +
                      join(pending_dir(o, table), name) + "): commit it first");
        }
      }
    } catch (const lance_bridge::Error& e) {
      usage_error("cannot reach '" + pending_dir(o, table) + "': " + e.what());
    }
  }
}

// The field metadata of a table's columns: for Lance, tpch-lance's measured
// encoding choices, then the user's --encoding (the later wins).
std::vector<tpch::ColumnMetadata> column_metadata(const Options& o, tpch::Table table) {
  if (o.format != "lance") return {};
  return tpch::lance_encodings(table, o.column_metadata);
}

// Each table's schema as the writer will get it: --encoding values lance
// cannot use are refused here, before any folder is created.
void check_schemas(const Options& o) {
  for (tpch::Table table : o.tables) {
    ArrowSchema schema;
    lance_bridge::export_schema(tpch::table_fields(table, column_metadata(o, table)), &schema);
    try {
      lance_bridge::Writer::check_schema(schema);
      schema.release(&schema);
    } catch (const lance_bridge::Error& e) {
      schema.release(&schema);
      usage_error(std::string(tpch::table_name(table)) + ": " + e.what());
    }
  }
}

// Everything that can be refused is refused before anything is written.
void check_output(const Options& o) {
  check_schemas(o);
  check_not_pending(o);
  if (is_remote(o.output_dir)) {
    // (Parquet objects: the writer refuses one that exists when it opens.)
    for (tpch::Table table : o.tables) {
      if (o.format != "lance") break;
      std::string uri = output_path(o, table);
      bool exists = lance_dataset_exists(o, uri);
      if (o.mode == lance_bridge::Mode::Create && exists) {
        usage_error("'" + uri + "' already exists (use --mode overwrite to replace it)");
      }
      if (o.mode == lance_bridge::Mode::Append && !exists) usage_error("'" + uri + "' does not exist: nothing to append to");
    }
    return;
  }
  std::error_code ec;
  fs::create_directories(o.output_dir, ec);
  if (ec || !fs::is_directory(o.output_dir)) {
    usage_error("cannot create the output directory '" + o.output_dir + "'" + (ec ? ": " + ec.message() : ""));
  }
  fs::path probe = fs::path(o.output_dir) / (".tpch-lance-probe-" + std::to_string(getpid()));
  if (!std::ofstream(probe).good()) usage_error("cannot write into '" + o.output_dir + "'");
  fs::remove(probe, ec);
  for (tpch::Table table : o.tables) {
    std::string path = output_path(o, table);
    // A Lance dataset exists once committed: pending parts' files alone are none.
    bool exists = o.format == "lance" ? lance_dataset_exists(o, path) : fs::exists(path);
    if (o.mode == lance_bridge::Mode::Create && exists) {
      usage_error("'" + path + "' already exists (use --mode overwrite to replace it)");
    }
    if (o.mode == lance_bridge::Mode::Append && !exists) {
      usage_error("'" + path + "' does not exist: nothing to append to");
    }
  }
}

struct TableResult {
  tpch::Table table{};
  int64_t rows = 0;
  uint64_t bytes = 0;
  double seconds = 0;
};

lance_bridge::PendingWrite read_piece(const Options& o, const std::string& uri) {
  return lance_bridge::PendingWrite::from_bytes(lance_bridge::read_file(uri, o.storage));
}

// The pieces this run saved: if a later table fails, they are discarded, so a
// failed part leaves nothing pending and can simply be run again.
std::vector<std::string>& saved_pieces() {
  static std::vector<std::string> uris;
  return uris;
}

void discard_saved_pieces(const Options& o) {
  for (const std::string& uri : saved_pieces()) {
    try {
      auto piece = read_piece(o, uri);
      lance_bridge::remove_file(uri, o.storage);
      lance_bridge::discard(piece, o.storage);
    } catch (const lance_bridge::Error& e) {
      std::fprintf(stderr, "tpch-lance: could not discard '%s': %s\n", uri.c_str(), e.what());
    }
  }
  saved_pieces().clear();
}

// A table whose batches have all been handed to its writers. What is left (the
// last pages encoded, the data files' footers, the commit or the saved part) is
// done by finish_table on a thread of its own while the next table generates:
// alone, that end of one table and the start of the next (its first batches,
// before lance has pages to encode) each keep one core busy of two.
struct StreamedTable {
  tpch::Table table;
  std::vector<lance_bridge::Writer> writers;  // in slice order, which is row order
  bool pending = false;  // a part: saved for `tpch-lance commit`, not committed
  std::vector<fs::path> new_folders;  // local Lance output: its folders not there before, deepest first
  int64_t rows = 0;
  std::chrono::steady_clock::time_point start;
};

// Lance writers for `table`: --writers, but no more than the table (or its
// part) has batches, nor units (an order's lines, a part's suppliers stay in
// one slice), so that each writes at least one batch. Parquet: one file, one writer.
int writers_for(const Options& o, tpch::Table table) {
  if (o.format != "lance") return 1;
  int64_t rows = tpch::approximate_row_count(table, o.scale_factor) / o.parts;
  int64_t batches = (rows + o.batch_rows - 1) / o.batch_rows;
  int64_t units = tpch::part_range(table, o.scale_factor, o.parts, o.part).count;
  return static_cast<int>(std::clamp<int64_t>(std::min(batches, units), 1, o.writers));
}

lance_bridge::Writer open_writer(const Options& o, tpch::Table table, const tpch::BatchStream& stream) {
  lance_bridge::WriterOptions w;
  w.format = o.format == "parquet" ? lance_bridge::Format::Parquet : lance_bridge::Format::Lance;
  w.mode = o.mode;
  // A part replaces or appends; create or overwrite is decided when the parts commit.
  if (saving_pieces(o) && o.mode == lance_bridge::Mode::Create) w.mode = lance_bridge::Mode::Overwrite;
  w.queue_depth = tpch::kWriterQueueDepth;
  w.transfer = o.transfer;
  w.data_storage_version = o.data_storage_version;
  w.max_rows_per_file = o.rows_per_file;
  w.storage_options = o.storage;
  ArrowSchema schema;
  stream.export_schema(&schema);
  try {
    auto opened = lance_bridge::Writer::open(output_path(o, table), schema, w);
    schema.release(&schema);
    return opened;
  } catch (...) {
    schema.release(&schema);
    throw;
  }
}

// Streams one table's batches into a Lance dataset (one writer per slice of
// the rows, fed in turn) or a Parquet file. Returns nothing (and the writers,
// dropped, roll their writes back) if `stop()` turns true: the table finishing
// meanwhile failed.
template <typename Stop>
std::optional<StreamedTable> stream_table(const Options& o, tpch::Table table, Progress::Style style, Stop stop) {
  auto start = std::chrono::steady_clock::now();
  std::string path = output_path(o, table);
  std::vector<fs::path> new_folders;
  if (o.format == "lance" && !is_remote(path)) {
    for (const char* sub : {"data", "_transactions", "_versions", ""}) {
      if (!fs::exists(fs::path(path) / sub)) new_folders.push_back(fs::path(path) / sub);
    }
  }
  int writers = writers_for(o, table);
  int threads = o.threads > 0 ? o.threads : tpch::default_threads(o.format != "tbl");
  std::vector<std::unique_ptr<tpch::BatchStream>> streams;
  std::vector<lance_bridge::Writer> table_writers;
  int64_t units_total = 0;
  tpch::GenerateOptions g;
  g.scale_factor = o.scale_factor;
  g.batch_rows = o.batch_rows;
  g.parts = o.parts;
  g.part = o.part;
  g.slices = writers;
  g.column_metadata = column_metadata(o, table);
  for (int slice = 1; slice <= writers; ++slice) {
    g.slice = slice;
    // The generation threads asked for are shared out among the slices; a
    // slice left without one (or all of them, when one thread is asked for)
    // is generated by this thread, in turn with the others.
    int own = threads > 1 ? threads / writers + (slice <= threads % writers ? 1 : 0) : 0;
    g.threads = std::max(1, own);
    g.background = own > 0;
    streams.push_back(std::make_unique<tpch::BatchStream>(table, g));
    units_total += streams.back()->units_total();
    table_writers.push_back(open_writer(o, table, *streams.back()));
  }

  Progress progress(style, std::string(tpch::table_name(table)), units_total);
  auto units_done = [&] {
    int64_t done = 0;
    for (const auto& stream : streams) done += stream->units_done();
    return done;
  };
  ArrowArray batch;
  int64_t rows = 0;
  // A batch for each writer in turn: one generator keeps them all busy.
  for (bool more = true; more;) {
    more = false;
    for (size_t w = 0; w < streams.size(); ++w) {
      if (!streams[w]->next(&batch)) continue;
      more = true;
      rows += batch.length;
      ArrowSchema batch_schema;
      streams[w]->export_schema(&batch_schema);
      table_writers[w].write(&batch, &batch_schema);
      progress.update(units_done(), rows);
      if (stop()) return std::nullopt;
    }
  }
  progress.finish(rows);
  return StreamedTable{table, std::move(table_writers), saving_pieces(o), std::move(new_folders), rows, start};
}

// What finishing a table left: its result and, for a part, the piece file saved
// (noted by the main thread, which discards it should a later table fail); or
// the error that stopped it.
struct FinishedTable {
  TableResult result;
  std::string piece_uri;
  std::exception_ptr error;
};

// Discards pieces that will not be committed (best effort: the error being
// reported is the one that matters; what is left is found by cleanup).
void discard_pieces(const Options& o, const std::vector<lance_bridge::PendingWrite>& pieces) {
  for (const lance_bridge::PendingWrite& piece : pieces) {
    try {
      lance_bridge::discard(piece, o.storage);
    } catch (const lance_bridge::Error&) {
    }
  }
}

// Every writer's write, uncommitted, in row order. If one fails, those
// prepared before it are discarded (the failed one and those after roll back).
std::vector<lance_bridge::PendingWrite> prepare_all(const Options& o, std::vector<lance_bridge::Writer>& writers) {
  std::vector<lance_bridge::PendingWrite> pieces;
  try {
    for (lance_bridge::Writer& writer : writers) pieces.push_back(writer.prepare());
  } catch (...) {
    discard_pieces(o, pieces);
    throw;
  }
  return pieces;
}

// Commits a table written by several writers: one version, rows in order. If
// the commit fails, their files are discarded.
lance_bridge::CommitSummary commit_pieces(const Options& o, tpch::Table table,
                                          const std::vector<lance_bridge::PendingWrite>& pieces) {
  try {
    return lance_bridge::commit(output_path(o, table), pieces, o.storage);
  } catch (...) {
    // discard refuses a piece the commit landed after all (a timeout after the manifest was written).
    discard_pieces(o, pieces);
    throw;
  }
}

// Saves a part's pieces as one piece file, for `tpch-lance commit`.
std::string save_part(const Options& o, tpch::Table table, const std::vector<lance_bridge::PendingWrite>& pieces,
                      uint64_t* bytes) {
  lance_bridge::PendingWrite piece = [&] {
    if (pieces.size() == 1) return pieces.front();
    try {
      return lance_bridge::combine(pieces);
    } catch (...) {
      discard_pieces(o, pieces);
      throw;
    }
  }();
  std::string piece_uri = join(pending_dir(o, table), piece_name(o));
  try {
    lance_bridge::write_file(piece_uri, piece.bytes(), o.storage);
  } catch (const lance_bridge::Error& e) {
    // Nothing would know of the part's files: they go with the failure.
    discard_pieces(o, {piece});
    throw lance_bridge::Error(lance_bridge::ErrorKind::Io, std::string("cannot save the part: ") + e.what());
  }
  *bytes = piece.data_bytes();
  return piece_uri;
}

FinishedTable finish_table(const Options& o, StreamedTable t) {
  FinishedTable done;
  try {
    std::string path = output_path(o, t.table);
    uint64_t bytes = 0;
    if (t.pending) {
      done.piece_uri = save_part(o, t.table, prepare_all(o, t.writers), &bytes);
    } else if (t.writers.size() == 1) {
      lance_bridge::WriteSummary summary = t.writers.front().finish();
      // On object storage: the data this write added; locally: the whole dataset.
      bytes = is_remote(path) || o.format == "parquet" ? summary.bytes_written : size_on_disk(path);
    } else {
      lance_bridge::CommitSummary summary = commit_pieces(o, t.table, prepare_all(o, t.writers));
      bytes = is_remote(path) ? summary.bytes : size_on_disk(path);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t.start).count();
    done.result = {t.table, t.rows, bytes, seconds};
  } catch (...) {
    done.error = std::current_exception();
    // Its data files are gone (rolled back or discarded): so are the folders
    // the table's write made, if empty (one writer's finish() does that itself;
    // several writers' pieces, once discarded, leave them behind). rmdir: an
    // empty folder or nothing, never a file that has appeared under that name.
    for (const fs::path& folder : t.new_folders) ::rmdir(folder.c_str());
  }
  return done;
}

// Writes one table as dbgen text, into a temporary file renamed at the end.
TableResult write_tbl(const Options& o, tpch::Table table, Progress::Style style) {
  auto start = std::chrono::steady_clock::now();
  tpch::GenerateOptions g;
  g.scale_factor = o.scale_factor;
  g.threads = o.threads > 0 ? o.threads : tpch::default_threads(o.format != "tbl");
  g.batch_rows = o.batch_rows;
  g.parts = o.parts;
  g.part = o.part;
  tpch::BatchStream stream(table, g);
  std::string path = output_path(o, table);
  std::string partial = path + ".partial";
  std::FILE* file = std::fopen(partial.c_str(), "wb");
  if (!file) throw std::runtime_error("cannot create '" + partial + "'");
  Progress progress(style, std::string(tpch::table_name(table)), stream.units_total());
  ArrowArray batch;
  std::string text;
  int64_t rows = 0;
  bool ok = true;
  while (ok && stream.next(&batch)) {
    text.clear();
    tpch::append_tbl(table, batch, text);
    rows += batch.length;
    batch.release(&batch);
    ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    progress.update(stream.units_done(), rows);
  }
  ok = std::fclose(file) == 0 && ok;
  if (!ok) {
    fs::remove(partial);
    throw std::runtime_error("writing '" + partial + "' failed (disk full?)");
  }
  fs::rename(partial, path);
  progress.finish(rows);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {table, rows, size_on_disk(path), seconds};
}

void print_summary(const Options& o, const std::vector<TableResult>& results, double seconds) {
  std::printf("\n%-9s %14s %12s %9s %14s\n", "table", "rows", "on disk", "seconds", "rows/s");
  int64_t rows = 0;
  uint64_t bytes = 0;
  for (const TableResult& r : results) {
    std::printf("%-9s %14s %12s %9.2f %14s\n", std::string(tpch::table_name(r.table)).c_str(),
                with_commas(r.rows).c_str(), human_bytes(r.bytes).c_str(), r.seconds,
                with_commas(static_cast<int64_t>(r.seconds > 0 ? r.rows / r.seconds : 0)).c_str());
    rows += r.rows;
    bytes += r.bytes;
  }
  std::printf("%-9s %14s %12s %9.2f %14s\n", "total", with_commas(rows).c_str(), human_bytes(bytes).c_str(),
              seconds, with_commas(static_cast<int64_t>(seconds > 0 ? rows / seconds : 0)).c_str());
  std::printf("\n%s output in %s (scale factor %g)\n", o.format.c_str(), o.output_dir.c_str(), o.scale_factor);
}

// One pending part, as named by the part that wrote it.
struct PendingPart {
  int part = 0, parts = 0;
  std::string scale_factor, file;
};

// Reads "part-K-of-N.sf<SF>.piece"; false for any other name.
bool parse_piece_name(const std::string& name, PendingPart* out) {
  int part = 0, parts = 0, used = 0;
  if (std::sscanf(name.c_str(), "part-%d-of-%d.sf%n", &part, &parts, &used) != 2 || used == 0) return false;
  std::string rest = name.substr(used);
  const std::string suffix = ".piece";
  if (rest.size() <= suffix.size() || rest.compare(rest.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  *out = PendingPart{part, parts, rest.substr(0, rest.size() - suffix.size()), name};
  return true;
}

// The pending parts of a table, in part order; exits 2 (nothing committed) when
// they are incomplete or disagree.
std::vector<PendingPart> complete_parts(const Options& o, tpch::Table table) {
  std::string table_name(tpch::table_name(table));
  std::vector<PendingPart> parts;
  for (const std::string& name : lance_bridge::list_files(pending_dir(o, table), o.storage)) {
    PendingPart part;
    if (!parse_piece_name(name, &part)) {
      usage_error("unexpected file '" + join(pending_dir(o, table), name) + "' among the pending parts of " + table_name);
    }
    parts.push_back(part);
  }
  if (parts.empty()) return parts;
  for (const PendingPart& p : parts) {
    if (p.parts != parts[0].parts || p.scale_factor != parts[0].scale_factor) {
      usage_error("the pending parts of " + table_name + " disagree: " + parts[0].file + " and " + p.file +
                  " (number of parts or scale factor)");
    }
  }
  std::sort(parts.begin(), parts.end(), [](const PendingPart& a, const PendingPart& b) { return a.part < b.part; });
  std::string missing;
  for (int k = 1, i = 0; k <= parts[0].parts; ++k) {
    if (i < static_cast<int>(parts.size()) && parts[i].part == k) {
      ++i;
    } else {
      missing += (missing.empty() ? "" : ", ") + std::to_string(k);
    }
  }
  if (!missing.empty() || static_cast<int>(parts.size()) != parts[0].parts) {
    usage_error(table_name + ": " + (missing.empty() ? "part numbers repeat" : "missing part(s) " + missing) +
                " of " + std::to_string(parts[0].parts) + ": nothing committed");
  }
  return parts;
}

// A table's pending parts, read: the piece of each part, in part order.
struct TablePieces {
  tpch::Table table;
  std::vector<PendingPart> parts;
  std::vector<lance_bridge::PendingWrite> pieces;
  bool already_committed = false;  // an earlier commit landed; only its piece files were left
};

// tpch-lance commit: every table's pending parts become one version each.
int commit(const Options& o) {
  // First every check, for every table: nothing is committed unless all can be.
  std::vector<TablePieces> work;
  try {
    for (tpch::Table table : o.tables) {
      TablePieces t{table, complete_parts(o, table), {}, false};
      for (const PendingPart& part : t.parts) {
        t.pieces.push_back(read_piece(o, join(pending_dir(o, table), part.file)));
      }
      t.already_committed = !t.pieces.empty() && lance_bridge::is_committed(t.pieces.front(), o.storage);
      // Everything the commit would refuse (schemas that differ, a dataset a
      // create finds there), refused now, before any table is committed.
      if (!t.pieces.empty() && !t.already_committed) {
        lance_bridge::check_commit(output_path(o, table), t.pieces, o.storage, o.mode);
      }
      work.push_back(std::move(t));
    }
  } catch (const lance_bridge::Error& e) {
    usage_error(std::string("the pending parts cannot be committed: ") + e.what() + ": nothing committed");
  }
  if (!o.quiet) std::printf("%-9s %6s %14s %8s %9s\n", "table", "parts", "rows", "version", "seconds");
  for (const TablePieces& t : work) {
    std::string name(tpch::table_name(t.table));
    if (t.parts.empty()) {
      if (!o.quiet) std::printf("%-9s %6s  nothing pending\n", name.c_str(), "-");
      continue;
    }
    auto start = std::chrono::steady_clock::now();
    try {
      if (!t.already_committed) {
        lance_bridge::CommitSummary done = lance_bridge::commit(output_path(o, t.table), t.pieces, o.storage, o.mode);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!o.quiet) {
          std::printf("%-9s %6zu %14s %8llu %9.2f\n", name.c_str(), t.parts.size(),
                      with_commas(static_cast<int64_t>(done.rows)).c_str(),
                      static_cast<unsigned long long>(done.version), seconds);
        }
      } else if (!o.quiet) {
        std::printf("%-9s %6zu  committed before: removing its pending files\n", name.c_str(), t.parts.size());
      }
      // Committed: the piece files have done their job. (Should removing one
      // fail, the next commit sees the pieces are committed and only removes them.)
      for (const PendingPart& part : t.parts) lance_bridge::remove_file(join(pending_dir(o, t.table), part.file), o.storage);
    } catch (const lance_bridge::Error& e) {
      std::fprintf(stderr, "tpch-lance: %s: %s\n", name.c_str(), e.what());
      return 1;
    }
  }
  return 0;
}

// tpch-lance discard: pending part K of N goes, data files and piece (of
// whatever scale factor it was written at).
int discard(const Options& o) {
  uint64_t files = 0;
  for (tpch::Table table : o.tables) {
    std::string dir = pending_dir(o, table);
    try {
      for (const std::string& name : lance_bridge::list_files(dir, o.storage)) {
        PendingPart part;
        if (!parse_piece_name(name, &part) || part.part != o.part || part.parts != o.parts) continue;
        std::string piece_uri = join(dir, name);
        auto piece = read_piece(o, piece_uri);
        // The piece file first: should the rest fail, its data files are
        // orphans (cleanup removes them), never a piece pointing at nothing.
        lance_bridge::remove_file(piece_uri, o.storage);
        files += lance_bridge::discard(piece, o.storage);
      }
    } catch (const lance_bridge::Error& e) {
      std::fprintf(stderr, "tpch-lance: %s: %s\n", dir.c_str(), e.what());
      return 1;
    }
  }
  if (!o.quiet) std::printf("discarded part %d of %d: %llu data files removed\n", o.part, o.parts,
                            static_cast<unsigned long long>(files));
  return 0;
}

// tpch-lance cleanup: the orphaned data files of each table's dataset.
int cleanup(const Options& o) {
  uint64_t files = 0, bytes = 0;
  for (tpch::Table table : o.tables) {
    std::string uri = output_path(o, table);
    if (!lance_dataset_exists(o, uri)) continue;
    try {
      // The files of parts waiting for `tpch-lance commit` are not orphans.
      std::vector<lance_bridge::PendingWrite> pending;
      for (const std::string& name : lance_bridge::list_files(pending_dir(o, table), o.storage)) {
        pending.push_back(read_piece(o, join(pending_dir(o, table), name)));
      }
      std::vector<lance_bridge::OrphanFile> orphans = o.dry_run
          ? lance_bridge::find_orphans(uri, o.storage, pending)
          : lance_bridge::remove_orphans(uri, o.older_than, o.storage, pending);
      for (const auto& orphan : orphans) {
        if (o.dry_run && orphan.age_seconds < o.older_than) continue;
        if (!o.quiet) {
          std::printf("%s %s/%s (%s, %llu s old)\n", o.dry_run ? "would remove" : "removed", uri.c_str(),
                      orphan.path.c_str(), human_bytes(orphan.bytes).c_str(),
                      static_cast<unsigned long long>(orphan.age_seconds));
        }
        files += 1;
        bytes += orphan.bytes;
      }
    } catch (const lance_bridge::Error& e) {
      std::fprintf(stderr, "tpch-lance: %s: %s\n", uri.c_str(), e.what());
      return 1;
    }
  }
  if (!o.quiet) {
    std::printf("%s %llu orphaned data files (%s) older than %llu s\n", o.dry_run ? "found" : "removed",
                static_cast<unsigned long long>(files), human_bytes(bytes).c_str(),
                static_cast<unsigned long long>(o.older_than));
  }
  return 0;
}

// Prints why `table` failed; returns the exit status that failure calls for.
int report_failure(tpch::Table table, std::exception_ptr error) {
  std::string name(tpch::table_name(table));
  try {
    std::rethrow_exception(error);
  } catch (const lance_bridge::Error& e) {
    std::fprintf(stderr, "\ntpch-lance: %s: %s\n", name.c_str(), e.what());
    bool refused = e.kind() == lance_bridge::ErrorKind::AlreadyExists ||
                   e.kind() == lance_bridge::ErrorKind::InvalidArgument ||
                   e.kind() == lance_bridge::ErrorKind::NotFound ||
                   e.kind() == lance_bridge::ErrorKind::SchemaMismatch;
    return refused ? 2 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "\ntpch-lance: %s: %s\n", name.c_str(), e.what());
    return 1;
  }
}

// Writes every table in turn, each one's commit overlapping the next one's
// generation. On a failure: the table finishing meanwhile completes first (if
// its commit succeeds, it stays, as it would have one table after the other),
// the error is reported, the parts this run saved are discarded, and the exit
// status is returned.
int write_tables(const Options& o, Progress::Style style, std::vector<TableResult>& results) {
  struct Finishing {
    tpch::Table table;
    std::future<FinishedTable> done;
  };
  std::optional<Finishing> finishing;
  // The table finishing, once done: noted, or its error reported (the status).
  auto collect = [&]() -> int {
    if (!finishing) return 0;
    tpch::Table table = finishing->table;
    FinishedTable done = finishing->done.get();
    finishing.reset();
    if (!done.piece_uri.empty()) saved_pieces().push_back(done.piece_uri);
    if (done.error) return report_failure(table, done.error);
    results.push_back(done.result);
    return 0;
  };
  // Exit status 2 promises nothing on disk changed: not so once a table of this
  // run is committed (saved parts are discarded on failure, so they do not count).
  auto failed = [&](int status) {
    discard_saved_pieces(o);
    bool committed = !results.empty() && !saving_pieces(o);
    return status == 2 && committed ? 1 : status;
  };
  try {
    for (tpch::Table table : o.tables) {
      // The table before, collected as soon as it is done; if it failed, this
      // one does not start, or stops (and is rolled back) at its next batch.
      int status = 0;
      auto before_failed = [&] {
        if (finishing && finishing->done.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
          status = collect();
        }
        return status != 0;
      };
      std::optional<StreamedTable> streamed;
      bool started = false;
      std::exception_ptr error;
      try {
        if (o.format == "tbl") {
          results.push_back(write_tbl(o, table, style));
        } else if (!before_failed()) {
          started = true;
          streamed = stream_table(o, table, style, before_failed);
        }
      } catch (...) {
        error = std::current_exception();
      }
      if (!status) status = collect();  // the table before: its failure, if any, is the first
      if (error) {
        int own = report_failure(table, error);
        if (!status) status = own;
      } else if (status && started) {
        std::fprintf(stderr, "tpch-lance: %s: rolled back, not committed (the table before it failed)\n",
                     std::string(tpch::table_name(table)).c_str());
      }
      if (status) return failed(status);
      if (streamed) {
        auto left = std::make_shared<StreamedTable>(std::move(*streamed));
        try {
          finishing = Finishing{table, std::async(std::launch::async, [&o, left] { return finish_table(o, std::move(*left)); })};
        } catch (...) {
          // No thread (or no memory for one): this table finishes here, before the next starts.
          std::promise<FinishedTable> now;
          now.set_value(finish_table(o, std::move(*left)));
          finishing = Finishing{table, now.get_future()};
        }
      }
    }
    if (int status = collect()) return failed(status);
  } catch (const std::exception& e) {
    // Out of memory noting a result, say: reported like any failure.
    std::fprintf(stderr, "\ntpch-lance: %s\n", e.what());
    try {
      collect();  // waits for a table still finishing; a part it saved is discarded with the others
    } catch (...) {
    }
    return failed(1);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  if (o.cleanup) return cleanup(o);
  if (o.commit) return commit(o);
  if (o.discard) return discard(o);
  check_output(o);
  Progress::Style style = Progress::detect(o.quiet);
  auto start = std::chrono::steady_clock::now();
  std::vector<TableResult> results;
  if (int status = write_tables(o, style, results)) return status;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!o.quiet) print_summary(o, results, seconds);
  return 0;
}
