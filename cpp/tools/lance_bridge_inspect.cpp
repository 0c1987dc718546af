// lance-bridge-inspect: look at what a write produced.
//
//   lance-bridge-inspect DATASET                      rows, version, fragments, schema
//   lance-bridge-inspect DATASET --checksum           rows and content checksum
//   lance-bridge-inspect DATASET --tbl [--limit N]    rows as dbgen .tbl lines

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "lance_bridge/inspect.h"

namespace {

const char kUsage[] =
    "usage: lance-bridge-inspect PATH [--format lance|parquet] [--checksum | --tbl [--limit N]]\n"
    "                            [--storage-option KEY=VALUE ...]\n"
    "\n"
    "Reads a Lance dataset (or Parquet file) written by lance-bridge.\n"
    "  (no flag)     print rows, version, fragments and schema (Lance only)\n"
    "  --checksum    print 'rows=N checksum=HEX' (the checksum lance-bridge's tests use)\n"
    "  --tbl         print the rows in dbgen's .tbl format ('|'-separated, trailing '|')\n"
    "  --limit N     with --tbl, print at most N rows\n"
    "  --format F    lance (default) or parquet\n"
    "  --storage-option KEY=VALUE   object store setting for s3:// URIs (repeatable)\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "lance-bridge-inspect: %s\n%s", message.c_str(), kUsage);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path, action = "info";
  lance_bridge::Format format = lance_bridge::Format::Lance;
  uint64_t limit = UINT64_MAX;
  lance_bridge::StorageOptions storage;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (arg == "--checksum" || arg == "--tbl") {
      action = arg.substr(2);
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
  try {
    if (action == "checksum") {
      lance_bridge::TableChecksum sum = lance_bridge::table_checksum(path, format, storage);
      std::printf("rows=%" PRIu64 " checksum=%016" PRIx64 "\n", sum.rows, sum.checksum);
    } else if (action == "tbl") {
      std::fflush(stdout);
      lance_bridge::dump_tbl(path, format, "-", limit, storage);
    } else {
      std::fputs(lance_bridge::describe_dataset(path, storage).c_str(), stdout);
    }
  } catch (const lance_bridge::Error& e) {
    std::fprintf(stderr, "lance-bridge-inspect: %s\n", e.what());
    return 2;
  }
  return 0;
}
