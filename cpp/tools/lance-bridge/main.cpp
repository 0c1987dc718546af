// lance-bridge: look after a Lance dataset from the command line, through
// lance_bridge::Dataset (the C++ API, nothing else):
//   dataset_commands.cpp  info, versions, tag create | delete | checkout | list
//   change_commands.cpp   delete, update, merge, compact, cleanup
//   column_commands.cpp   columns add | drop | alter
//   index_commands.cpp    index create | list | optimize | drop
//   search_command.cpp    search (nearest vectors, full text), its rows as TSV
//
// Exit status: 0 done; 2 the command line or its input was refused (a bad
// option, an unknown column, no such dataset, version, index or tag), nothing
// changed; 1 anything else failed (I/O, lance), nothing committed; 3 the
// object store could not say whether the commit landed (exit_status.h).

#include <cstdio>
#include <exception>
#include <string>

#include "command.h"
#include "exit_status.h"
#include "lance_bridge/common.h"

namespace {

const char kDescription[] = R"(Look after a Lance dataset: facts and versions, deletes, updates and upserts,
compaction and cleanup, tags, columns, indexes and searches. URI is a path, file:// or s3:// URI.
Every change is one lance transaction: it commits a new version, or nothing.

Examples:
  lance-bridge info data/items.lance
  lance-bridge delete data/items.lance "price < 0"
  lance-bridge index create data/items.lance embedding --type ivf_pq --partitions 256 --sub-vectors 16
  lance-bridge search data/items.lance --nearest embedding --vector 0.1,0.2,... -k 10
  lance-bridge search data/items.lance --text "red shoes" --columns id,title,_score

Exit status: 0 done; 2 refused (bad option, unknown column, no such dataset,
version, index or tag: nothing changed); 1 failed (I/O, lance); 3 the object
store could not say whether the commit landed: look at the latest version.)";

}  // namespace

int main(int argc, char** argv) {
  using namespace lance_bridge_cli;
  CLI::App app(kDescription, "lance-bridge");
  app.get_formatter()->column_width(34);
  // Options of the app (--storage-option, --quiet) may also follow the command.
  app.fallthrough();
  Common common;
  app.add_option("--storage-option", common.storage_options,
                 "object store setting KEY=VALUE, repeatable (aws_endpoint, aws_region, ...)")
      ->type_name("KEY=VALUE");
  app.add_flag("-q,--quiet", common.quiet, "no progress on standard error");
  Action action;
  add_dataset_commands(app, common, action);
  add_change_commands(app, common, action);
  add_column_commands(app, common, action);
  add_index_commands(app, common, action);
  add_search_command(app, common, action);
  app.require_subcommand(1);  // ("index create": index's subcommand, counted by index)
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    return status == 0 ? 0 : 2;
  }
  if (!action) usage_error("say what to do: " + app.get_subcommands().front()->get_name() + " --help lists it");
  try {
    return action();
  } catch (const lance_bridge::Error& e) {
    std::fprintf(stderr, "lance-bridge: %s\n", e.what());
    return lance_bridge::tools::exit_status(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lance-bridge: %s\n", e.what());
    return 1;
  }
}
