// Everything a benchmark program can refuse, refused before anything is written: the
// schemas (with --encoding), a part already pending, output that exists (or,
// to append to, does not), a folder that cannot be written, a store that
// cannot be reached.

#include "preflight.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <system_error>

#include "layout.h"
#include "write.h"
#include "lance_bridge/dataset.h"
#include "lance_bridge/pending_write.h"
#include "lance_bridge/storage.h"

namespace fs = std::filesystem;

namespace benchmark_lance {

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
static void check_not_pending(const Options& o) {
  if (!saving_pieces(o)) return;
  for (const std::string& table : o.tables) {
    try {
      for (const std::string& name : lance_bridge::list_files(pending_dir(o, table), o.storage)) {
        if (name == piece_name(o)) {
          usage_error("part " + std::to_string(o.part) + " of " + std::to_string(o.parts) + " of " +
                      table + " is already pending (" +
                      join(pending_dir(o, table), name) + "): commit it first");
        }
      }
    } catch (const lance_bridge::Error& e) {
      usage_error("cannot reach '" + pending_dir(o, table) + "': " + e.what());
    }
  }
}

std::vector<datagen::ColumnMetadata> column_metadata(const Options& o, const std::string& table) {
  if (o.format != OutputFormat::Lance) return {};
  std::vector<datagen::ColumnMetadata> metadata = o.benchmark->lance_encodings(table);
  metadata.insert(metadata.end(), o.column_metadata.begin(), o.column_metadata.end());
  return metadata;
}

// Each table's schema as the writer will get it: --encoding values lance
// cannot use are refused here, before any folder is created.
static void check_schemas(const Options& o) {
  for (const std::string& table : o.tables) {
    ArrowSchema schema;
    lance_bridge::export_schema(datagen::with_metadata(o.benchmark->fields(table), column_metadata(o, table)), &schema);
    try {
      lance_bridge::Writer::check_schema(schema);
      schema.release(&schema);
    } catch (const lance_bridge::Error& e) {
      schema.release(&schema);
      usage_error(table + ": " + e.what());
    }
  }
}

// What the writers would refuse, asked of the library before any of them opens
// (Writer::check_destination): an existing dataset or file in create mode, a
// missing dataset or other columns to append to, an unreachable store.
static void check_destination(const Options& o, const std::string& table) {
  ArrowSchema schema;
  lance_bridge::export_schema(datagen::with_metadata(o.benchmark->fields(table), column_metadata(o, table)), &schema);
  try {
    lance_bridge::Writer::check_destination(output_path(o, table), schema, writer_options(o));
    schema.release(&schema);
  } catch (const lance_bridge::Error& e) {
    schema.release(&schema);
    std::string uri = output_path(o, table);
    bool unreachable = e.kind() == lance_bridge::ErrorKind::Io || e.kind() == lance_bridge::ErrorKind::Lance;
    if (unreachable && is_remote(uri)) usage_error("cannot reach '" + uri + "': " + e.what());
    usage_error(table + ": " + e.what());
  }
}

void check_output(const Options& o) {
  check_schemas(o);
  check_not_pending(o);
  if (!is_remote(o.output_dir)) {
    std::error_code ec;
    fs::create_directories(o.output_dir, ec);
    if (ec || !fs::is_directory(o.output_dir)) {
      usage_error("cannot create the output directory '" + o.output_dir + "'" + (ec ? ": " + ec.message() : ""));
    }
    fs::path probe = fs::path(o.output_dir) / ("." + o.benchmark->program() + "-probe-" + std::to_string(getpid()));
    if (!std::ofstream(probe).good()) usage_error("cannot write into '" + o.output_dir + "'");
    fs::remove(probe, ec);
  }
  for (const std::string& table : o.tables) {
    if (o.format != OutputFormat::Text) {
      check_destination(o, table);
      continue;
    }
    // dbgen text (local only; append is refused for it on the command line).
    std::string path = output_path(o, table);
    if (o.mode == lance_bridge::Mode::Create && fs::exists(path)) {
      usage_error("'" + path + "' already exists (use --mode overwrite to replace it)");
    }
  }
}

}  // namespace benchmark_lance
