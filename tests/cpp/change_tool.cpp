// change_tool: one change through lance_bridge::Dataset, for the test that
// makes the same change with pylance and compares (changes_vs_pylance_test.py):
//
//   change_tool merge  URI SOURCE_URI KEYS WHEN_MATCHED INSERT DELETE_BY_SOURCE
//   change_tool delete URI PREDICATE
//   change_tool update URI PREDICATE COLUMN=EXPRESSION...
//
// KEYS: comma-separated; WHEN_MATCHED: update_all, do_nothing, fail, delete or
// update_if:CONDITION; INSERT, DELETE_BY_SOURCE: 0 or 1. The merge's source rows
// are the Lance dataset at SOURCE_URI, scanned. Prints
//   inserted N updated N deleted N version N
// Exits 1 with lance_bridge's message on failure, 2 for bad usage.

#include <cstdio>
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

ChangeSummary change(int argc, char** argv) {
  std::string command = argv[1];
  Dataset dataset = Dataset::open(argv[2]);
  if (command == "merge" && argc == 8) {
    ArrowArrayStream source;
    Dataset::open(argv[3]).scan({}, &source);
    return dataset.merge_insert(&source, merge_options(argv));
  }
  if (command == "delete" && argc == 4) return dataset.delete_rows(argv[3]);
  if (command == "update" && argc >= 5) {
    std::vector<std::pair<std::string, std::string>> set;
    for (int i = 4; i < argc; ++i) {
      std::string assignment = argv[i];
      size_t equals = assignment.find('=');
      if (equals == std::string::npos) throw std::invalid_argument("not COLUMN=EXPRESSION: " + assignment);
      set.emplace_back(assignment.substr(0, equals), assignment.substr(equals + 1));
    }
    return dataset.update(set, argv[3]);
  }
  throw std::invalid_argument("usage: change_tool merge|delete|update URI ... (see change_tool.cpp)");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: change_tool merge|delete|update URI ... (see change_tool.cpp)\n");
    return 2;
  }
  try {
    ChangeSummary s = change(argc, argv);
    std::printf("inserted %llu updated %llu deleted %llu version %llu\n", static_cast<unsigned long long>(s.inserted),
                static_cast<unsigned long long>(s.updated), static_cast<unsigned long long>(s.deleted),
                static_cast<unsigned long long>(s.version));
    return 0;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "change_tool: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "change_tool: %s\n", e.what());
    return 1;
  }
}
