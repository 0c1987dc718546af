// What the lance-bridge subcommands share: the options every one takes, how a
// dataset is opened, how results are printed, and how each file adds its
// subcommands to the command line.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "lance_bridge/dataset.h"

namespace lance_bridge_cli {

// Options before or after the subcommand.
struct Common {
  std::vector<std::string> storage_options;  // KEY=VALUE
  bool quiet = false;                        // no progress on standard error
};

// What a parsed subcommand does; returns the exit status.
using Action = std::function<int()>;

// Each adds its subcommands to `app`; parsing one sets `action`.
void add_dataset_commands(CLI::App& app, const Common& common, Action& action);
void add_change_commands(CLI::App& app, const Common& common, Action& action);
void add_column_commands(CLI::App& app, const Common& common, Action& action);
void add_index_commands(CLI::App& app, const Common& common, Action& action);
void add_search_command(CLI::App& app, const Common& common, Action& action);

// The --storage-option settings (a key given twice: its last value).
lance_bridge::StorageOptions storage_options(const Common& common);

// The latest version of the dataset at `uri`, with the --storage-option settings.
lance_bridge::Dataset open_dataset(const Common& common, const std::string& uri);

// Results go to standard output as "key: value" lines, one fact a line, so a
// person reads them and a script splits them at the first ": ".
void print_fact(const std::string& key, const std::string& value);
void print_fact(const std::string& key, uint64_t value);

// The positional URI every subcommand takes first.
void add_uri(CLI::App& command, std::string& uri);

// "a,b,c" as {"a", "b", "c"} (an empty text: none).
std::vector<std::string> split_list(const std::string& text);

// "COLUMN=EXPRESSION" as a pair; a missing '=' is a usage error.
std::pair<std::string, std::string> split_assignment(const std::string& text, const std::string& what);

// Every NAME=VALUE of `texts`, split as split_assignment splits one.
std::vector<std::pair<std::string, std::string>> split_assignments(const std::vector<std::string>& texts,
                                                                   const std::string& what);

// Refuses the command line (exit status 2) with `message`.
[[noreturn]] void usage_error(const std::string& message);

}  // namespace lance_bridge_cli
