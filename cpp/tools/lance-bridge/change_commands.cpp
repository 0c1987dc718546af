// lance-bridge delete, update, merge, compact and cleanup: changes, each one
// lance transaction that commits a new version or nothing.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "command.h"

namespace lance_bridge_cli {
namespace {

void print_change(const lance_bridge::ChangeSummary& s) {
  print_fact("inserted", s.inserted);
  print_fact("updated", s.updated);
  print_fact("deleted", s.deleted);
  print_fact("version", s.version);
}

void add_delete(CLI::App& app, const Common& common, Action& action) {
  struct Args {
    std::string uri, predicate;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand("delete", "delete the rows a SQL predicate is true for");
  add_uri(*command, a->uri);
  command->add_option("predicate", a->predicate, "e.g. \"price < 0 AND note IS NULL\" (\"true\": every row)")
      ->required();
  command->callback([&common, &action, a] {
    action = [&common, a] {
      print_change(open_dataset(common, a->uri).delete_rows(a->predicate));
      return 0;
    };
  });
}

void add_update(CLI::App& app, const Common& common, Action& action) {
  struct Args {
    std::string uri, where;
    std::vector<std::string> set;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand("update", "set columns to SQL expressions in the rows a predicate selects");
  add_uri(*command, a->uri);
  command->add_option("--set", a->set, "COLUMN=EXPRESSION over the row's old values, repeatable (\"price=price*2\")")
      ->required()
      ->type_name("COLUMN=EXPR");
  command->add_option("--where", a->where, "SQL predicate (default: every row)");
  command->callback([&common, &action, a] {
    action = [&common, a] {
      print_change(open_dataset(common, a->uri).update(split_assignments(a->set, "--set"), a->where));
      return 0;
    };
  });
}

void add_merge(CLI::App& app, const Common& common, Action& action) {
  struct Args {
    std::string uri, source, on, when_matched = "update_all", condition, source_format = "lance";
    bool no_insert = false, delete_missing = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand("merge", "upsert the rows of another dataset (or Parquet file) by key columns");
  add_uri(*command, a->uri);
  command->add_option("source", a->source, "the new rows: a Lance dataset, or a Parquet file with --source-format")
      ->required();
  command->add_option("--on", a->on, "key columns, comma-separated")->required()->type_name("COLUMNS");
  command->add_option("--when-matched", a->when_matched, "a row with a key the dataset has: update_all (default), "
                      "update_if (with --if), do_nothing, fail, delete")
      ->check(CLI::IsMember({"update_all", "update_if", "do_nothing", "fail", "delete"}));
  command->add_option("--if", a->condition, "update_if's condition, e.g. \"source.ts > target.ts\"");
  command->add_flag("--no-insert", a->no_insert, "do not insert rows with new keys");
  command->add_flag("--delete-not-in-source", a->delete_missing, "delete the dataset's rows the source lacks");
  command->add_option("--source-format", a->source_format, "lance (default) or parquet")
      ->check(CLI::IsMember({"lance", "parquet"}));
  command->callback([&common, &action, a] {
    action = [&common, a] {
      lance_bridge::MergeInsertOptions options;
      options.on = split_list(a->on);
      const std::string& when = a->when_matched;
      using lance_bridge::WhenMatched;
      options.when_matched = when == "update_if"    ? WhenMatched::UpdateIf
                             : when == "do_nothing" ? WhenMatched::DoNothing
                             : when == "fail"       ? WhenMatched::Fail
                             : when == "delete"     ? WhenMatched::Delete
                                                    : WhenMatched::UpdateAll;
      options.when_matched_if = a->condition;
      options.insert_not_matched = !a->no_insert;
      options.delete_not_matched_by_source = a->delete_missing;
      lance_bridge::Dataset dataset = open_dataset(common, a->uri);
      ArrowArrayStream source{};
      auto format = a->source_format == "parquet" ? lance_bridge::Format::Parquet : lance_bridge::Format::Lance;
      lance_bridge::scan(a->source, format, storage_options(common), &source);
      print_change(dataset.merge_insert(&source, options));  // releases `source`
      return 0;
    };
  });
}

void add_compact(CLI::App& app, const Common& common, Action& action) {
  struct Args {
    std::string uri;
    uint64_t target_rows = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand("compact", "rewrite small fragments (and ones with many deletions) into big ones");
  add_uri(*command, a->uri);
  command->add_option("--target-rows", a->target_rows, "rows per fragment (default: lance's 1,048,576)")
      ->check(CLI::PositiveNumber);
  command->callback([&common, &action, a] {
    action = [&common, a] {
      lance_bridge::CompactionSummary s = open_dataset(common, a->uri).compact_files(a->target_rows);
      print_fact("fragments_removed", s.fragments_removed);
      print_fact("fragments_added", s.fragments_added);
      print_fact("files_removed", s.files_removed);
      print_fact("files_added", s.files_added);
      print_fact("version", s.version);
      return 0;
    };
  });
}

void add_cleanup(CLI::App& app, const Common& common, Action& action) {
  struct Args {
    std::string uri;
    int64_t older_than = -1;
    bool keep_tagged = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = app.add_subcommand("cleanup", "remove old versions (never the latest, never a tagged one) "
                                                    "and the files only they use");
  add_uri(*command, a->uri);
  command->add_option("--older-than", a->older_than, "seconds: versions committed longer ago than this go")
      ->required()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--keep-tagged", a->keep_tagged,
                    "keep tagged old versions silently (default: refuse when an old version is tagged)");
  command->callback([&common, &action, a] {
    action = [&common, a] {
      lance_bridge::CleanupSummary s =
          open_dataset(common, a->uri).cleanup_old_versions(std::chrono::seconds(a->older_than), !a->keep_tagged);
      print_fact("old_versions", s.old_versions);
      print_fact("bytes_removed", s.bytes_removed);
      print_fact("data_files_removed", s.data_files_removed);
      return 0;
    };
  });
}

}  // namespace

void add_change_commands(CLI::App& app, const Common& common, Action& action) {
  add_delete(app, common, action);
  add_update(app, common, action);
  add_merge(app, common, action);
  add_compact(app, common, action);
  add_cleanup(app, common, action);
}

}  // namespace lance_bridge_cli
