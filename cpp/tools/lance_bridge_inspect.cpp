// lance-bridge-inspect: look at what a write produced.
//
//   lance-bridge-inspect DATASET                      rows, version, fragments, schema
//   lance-bridge-inspect DATASET --checksum [--columns]
//                                                     rows and content checksum (and per column)
//   lance-bridge-inspect DATASET --tbl [--limit N] [--version V]
//                                                     rows as dbgen .tbl lines

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>

#include "lance_bridge/dataset.h"  // scan
#include "lance_bridge/inspect.h"
#include "tpch/tpch.h"

namespace {

const char kUsage[] =
    "usage: lance-bridge-inspect PATH [--format lance|parquet] [--checksum [--columns] | --tbl [--limit N] [--version V]]\n"
    "                            [--storage-option KEY=VALUE ...]\n"
    "\n"
    "Reads a Lance dataset (or Parquet file) written by lance-bridge.\n"
    "  (no flag)     print rows, version, fragments and schema (Lance only)\n"
    "  --checksum    print 'rows=N checksum=HEX' (the checksum lance-bridge's tests use)\n"
    "  --columns     with --checksum, also print 'column=NAME checksum=HEX' for each column\n"
    "                (the table's checksum is made of these; the read is the same single pass)\n"
    "  --tbl         print the rows in dbgen's .tbl format ('|'-separated, trailing '|')\n"
    "  --limit N     with --tbl, print at most N rows\n"
    "  --version V   with --tbl, read version V of the Lance dataset (default: the latest)\n"
    "  --format F    lance (default) or parquet\n"
    "  --storage-option KEY=VALUE   object store setting for s3:// URIs (repeatable)\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "lance-bridge-inspect: %s\n%s", message.c_str(), kUsage);
  return 2;
}

// A C Data Interface struct (stream, schema, batch) released however the scope
// ends; one never filled in, or already at its end, has no release to call.
template <typename T>
struct Released {
  T value{};
  Released() = default;
  Released(const Released&) = delete;
  Released& operator=(const Released&) = delete;
  ~Released() {
    if (value.release) value.release(&value);
  }
};

// The stream's own account of why its last call failed.
std::runtime_error read_failure(ArrowArrayStream& stream, const std::string& path) {
  const char* detail = stream.get_last_error ? stream.get_last_error(&stream) : nullptr;
  return std::runtime_error("reading '" + path + "' failed: " + (detail ? detail : "no reason given"));
}

void write_out(const std::string& text) {
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
    throw std::runtime_error(std::string("io: cannot write to standard output: ") + std::strerror(errno));
  }
}

// Prints up to `limit` rows of the dataset (or Parquet file) at `path` as dbgen
// .tbl lines, rendered by the TPC-H generator's renderer: the text read back
// comes from the same code as tpch-lance --format tbl's, byte for byte.
void print_tbl(const std::string& path, lance_bridge::Format format, uint64_t limit,
               std::optional<uint64_t> version, const lance_bridge::StorageOptions& storage) {
  Released<ArrowArrayStream> stream;
  if (version) {
    lance_bridge::ScanOptions options;
    options.version = version;
    lance_bridge::Dataset::open(path, storage).scan(options, &stream.value);
  } else {
    lance_bridge::scan(path, format, storage, &stream.value);
  }
  Released<ArrowSchema> schema;
  if (stream.value.get_schema(&stream.value, &schema.value) != 0) throw read_failure(stream.value, path);
  // The text of about 1 MiB of rows at a time, written at once: few large
  // writes, whatever the batch sizes the reader chooses.
  constexpr size_t kWriteBytes = size_t{1} << 20;
  std::string text;
  uint64_t left = limit;
  while (left > 0) {
    Released<ArrowArray> batch;
    if (stream.value.get_next(&stream.value, &batch.value) != 0) throw read_failure(stream.value, path);
    if (batch.value.release == nullptr) break;  // the end of the stream
    // The rows still wanted: the same batch, shortened. A view only: `batch`
    // keeps ownership and releases it.
    ArrowArray rows = batch.value;
    if (rows.length > 0 && static_cast<uint64_t>(rows.length) > left) rows.length = static_cast<int64_t>(left);
    tpch::append_tbl(schema.value, rows, text);
    left -= static_cast<uint64_t>(rows.length);
    if (text.size() >= kWriteBytes) {
      write_out(text);
      text.clear();
    }
  }
  write_out(text);
  if (std::fflush(stdout) != 0) {
    throw std::runtime_error(std::string("io: cannot write to standard output: ") + std::strerror(errno));
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string path, action = "info";
  lance_bridge::Format format = lance_bridge::Format::Lance;
  uint64_t limit = UINT64_MAX;
  std::optional<uint64_t> version;
  bool by_column = false;
  lance_bridge::StorageOptions storage;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--checksum" || arg == "--tbl") {
      action = arg.substr(2);
    } else if (arg == "--columns") {
      by_column = true;
    } else if (arg == "--format") {
      const char* v = value();
      if (v && std::strcmp(v, "lance") == 0) format = lance_bridge::Format::Lance;
      else if (v && std::strcmp(v, "parquet") == 0) format = lance_bridge::Format::Parquet;
      else return usage_error("--format takes lance or parquet");
    } else if (arg == "--limit") {
      const char* v = value();
      char* end = nullptr;
      if (!v || !*v) return usage_error("--limit takes a number");
      limit = std::strtoull(v, &end, 10);
      if (*end) return usage_error("--limit takes a number");
    } else if (arg == "--version") {
      const char* v = value();
      char* end = nullptr;
      if (!v || !*v) return usage_error("--version takes a version number");
      version = std::strtoull(v, &end, 10);
      if (*end || *version == 0) return usage_error("--version takes a version number (1 or more)");
    } else if (arg == "--storage-option") {
      const char* v = value();
      const char* eq = v ? std::strchr(v, '=') : nullptr;
      if (!eq || eq == v) return usage_error("--storage-option takes KEY=VALUE");
      storage[std::string(v, eq)] = eq + 1;
    } else if (!arg.empty() && arg[0] == '-') {
      return usage_error("unknown option " + arg);
    } else if (path.empty()) {
      path = arg;
    } else {
      return usage_error("unexpected argument " + arg);
    }
  }
  if (path.empty()) return usage_error("no dataset given");
  if (by_column && action != "checksum") return usage_error("--columns goes with --checksum");
  if (version && (action != "tbl" || format != lance_bridge::Format::Lance)) {
    return usage_error("--version goes with --tbl, for a Lance dataset");
  }
  try {
    if (action == "checksum" && by_column) {
      lance_bridge::ColumnChecksums sums = lance_bridge::column_checksums(path, format, storage);
      std::printf("rows=%" PRIu64 " checksum=%016" PRIx64 "\n", sums.table.rows, sums.table.checksum);
      for (const lance_bridge::ColumnChecksum& column : sums.columns) {
        std::printf("column=%s checksum=%016" PRIx64 "\n", column.column.c_str(), column.checksum);
      }
    } else if (action == "checksum") {
      lance_bridge::TableChecksum sum = lance_bridge::table_checksum(path, format, storage);
      std::printf("rows=%" PRIu64 " checksum=%016" PRIx64 "\n", sum.rows, sum.checksum);
    } else if (action == "tbl") {
      print_tbl(path, format, limit, version, storage);
    } else {
      std::fputs(lance_bridge::describe_dataset(path, storage).c_str(), stdout);
    }
  } catch (const std::invalid_argument& e) {
    // append_tbl refusing a column it has no text for: named like the
    // library's errors of that kind.
    std::fprintf(stderr, "lance-bridge-inspect: invalid_argument: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    // lance_bridge::Error ("<kind>: ..."), a read failing partway, a failed write.
    std::fprintf(stderr, "lance-bridge-inspect: %s\n", e.what());
    return 2;
  }
  return 0;
}
