// change_tool: one change through lance_bridge::Dataset, for the tests that
// make the same change with pylance and compare (changes_vs_pylance_test.py,
// maintenance_vs_pylance_test.py):
//
//   change_tool merge  URI SOURCE_URI KEYS WHEN_MATCHED INSERT DELETE_BY_SOURCE
//   change_tool delete URI PREDICATE
//   change_tool update URI PREDICATE COLUMN=EXPRESSION...
//   change_tool compact URI TARGET_ROWS_PER_FRAGMENT
//   change_tool cleanup URI OLDER_THAN_SECONDS
//   change_tool tag URI NAME VERSION | untag URI NAME | tags URI | checkout-tag URI NAME
//   change_tool add-columns URI NAME=EXPRESSION... | drop-columns URI COLUMN...
//   change_tool alter URI COLUMN NEW_NAME|- [NULLABLE 0|1]
//
// KEYS: comma-separated; WHEN_MATCHED: update_all, do_nothing, fail, delete or
// update_if:CONDITION; INSERT, DELETE_BY_SOURCE: 0 or 1. The merge's source rows
// are the Lance dataset at SOURCE_URI, scanned. Prints what the call returned
// as "key value" pairs on one line (a change: inserted N updated N deleted N
// version N). Exits 1 with lance_bridge's message on failure, 2 for bad usage.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "lance_bridge/dataset.h"

namespace {

using lance_bridge::ChangeSummary;
using lance_bridge::Dataset;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1) {
    parts.push_back(text.substr(start, at - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

lance_bridge::MergeInsertOptions merge_options(char** argv) {
  lance_bridge::MergeInsertOptions o;
  o.on = split(argv[4], ',');
  std::string when = argv[5];
  if (when == "update_all") {
    o.when_matched = lance_bridge::WhenMatched::UpdateAll;
  } else if (when == "do_nothing") {
    o.when_matched = lance_bridge::WhenMatched::DoNothing;
  } else if (when == "fail") {
    o.when_matched = lance_bridge::WhenMatched::Fail;
  } else if (when == "delete") {
    o.when_matched = lance_bridge::WhenMatched::Delete;
  } else if (when.rfind("update_if:", 0) == 0) {
    o.when_matched = lance_bridge::WhenMatched::UpdateIf;
    o.when_matched_if = when.substr(10);
  } else {
    throw std::invalid_argument("unknown WHEN_MATCHED '" + when + "'");
  }
  o.insert_not_matched = std::string(argv[6]) == "1";
  o.delete_not_matched_by_source = std::string(argv[7]) == "1";
  return o;
}

using Pairs = std::vector<std::pair<std::string, uint64_t>>;

Pairs summary(const ChangeSummary& s) {
  return {{"inserted", s.inserted}, {"updated", s.updated}, {"deleted", s.deleted}, {"version", s.version}};
}

// NAME=EXPRESSION words from argv[first] on.
std::vector<std::pair<std::string, std::string>> assignments(int argc, char** argv, int first) {
  std::vector<std::pair<std::string, std::string>> set;
  for (int i = first; i < argc; ++i) {
    std::string assignment = argv[i];
    size_t equals = assignment.find('=');
    if (equals == std::string::npos) throw std::invalid_argument("not NAME=EXPRESSION: " + assignment);
    set.emplace_back(assignment.substr(0, equals), assignment.substr(equals + 1));
  }
  return set;
}

// The maintenance commands; false if `command` is none of them.
bool maintain(const std::string& command, int argc, char** argv, const Dataset& dataset, Pairs& out) {
  if (command == "compact" && argc == 4) {
    lance_bridge::CompactionSummary s = dataset.compact_files(std::stoull(argv[3]));
    out = {{"fragments_removed", s.fragments_removed}, {"fragments_added", s.fragments_added},
           {"files_removed", s.files_removed}, {"files_added", s.files_added}, {"version", s.version}};
  } else if (command == "cleanup" && argc == 4) {
    lance_bridge::CleanupSummary s = dataset.cleanup_old_versions(std::chrono::seconds(std::stoll(argv[3])));
    out = {{"old_versions", s.old_versions}, {"bytes_removed", s.bytes_removed},
           {"data_files_removed", s.data_files_removed}};
  } else if (command == "tag" && argc == 5) {
    dataset.create_tag(argv[3], std::stoull(argv[4]));
  } else if (command == "untag" && argc == 4) {
    dataset.delete_tag(argv[3]);
  } else if (command == "tags" && argc == 3) {
    for (const lance_bridge::Tag& tag : dataset.tags()) out.emplace_back(tag.name, tag.version);
  } else if (command == "checkout-tag" && argc == 4) {
    Dataset tagged = dataset.checkout_tag(argv[3]);
    out = {{"version", tagged.version()}, {"rows", tagged.count_rows()}};
  } else if (command == "add-columns" && argc >= 4) {
    out = {{"version", dataset.add_columns(assignments(argc, argv, 3))}};
  } else if (command == "drop-columns" && argc >= 4) {
    out = {{"version", dataset.drop_columns(std::vector<std::string>(argv + 3, argv + argc))}};
  } else if (command == "alter" && (argc == 5 || argc == 6)) {
    lance_bridge::ColumnChange change{argv[3], std::string(argv[4]) == "-" ? "" : argv[4], std::nullopt};
    if (argc == 6) change.nullable = std::string(argv[5]) == "1";
    out = {{"version", dataset.alter_columns({change})}};
  } else {
    return false;
  }
  return true;
}

Pairs change(int argc, char** argv) {
  std::string command = argv[1];
  Dataset dataset = Dataset::open(argv[2]);
  Pairs out;
  if (maintain(command, argc, argv, dataset, out)) return out;
  if (command == "merge" && argc == 8) {
    ArrowArrayStream source;
    Dataset::open(argv[3]).scan({}, &source);
    return summary(dataset.merge_insert(&source, merge_options(argv)));
  }
  if (command == "delete" && argc == 4) return summary(dataset.delete_rows(argv[3]));
  if (command == "update" && argc >= 5) return summary(dataset.update(assignments(argc, argv, 4), argv[3]));
  throw std::invalid_argument("usage: change_tool COMMAND URI ... (the commands: see change_tool.cpp)");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: change_tool COMMAND URI ... (the commands: see change_tool.cpp)\n");
    return 2;
  }
  try {
    std::string line;
    for (const auto& [key, value] : change(argc, argv)) {
      line += (line.empty() ? "" : " ") + key + " " + std::to_string(value);
    }
    std::printf("%s\n", line.c_str());
    return 0;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "change_tool: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "change_tool: %s\n", e.what());
    return 1;
  }
}
