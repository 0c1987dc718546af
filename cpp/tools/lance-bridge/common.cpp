// The helpers every lance-bridge subcommand uses (command.h).

#include <cinttypes>
#include <cstdio>
#include <cstdlib>

#include "command.h"

namespace lance_bridge_cli {

lance_bridge::StorageOptions storage_options(const Common& common) {
  lance_bridge::StorageOptions storage;
  for (const std::string& option : common.storage_options) {
    auto [key, value] = split_assignment(option, "--storage-option");
    storage[key] = value;  // a key given twice: the last value
  }
  return storage;
}

lance_bridge::Dataset open_dataset(const Common& common, const std::string& uri) {
  return lance_bridge::Dataset::open(uri, storage_options(common));
}

void print_fact(const std::string& key, const std::string& value) {
  std::printf("%s: %s\n", key.c_str(), value.c_str());
}

void print_fact(const std::string& key, uint64_t value) { std::printf("%s: %" PRIu64 "\n", key.c_str(), value); }

void add_uri(CLI::App& command, std::string& uri) {
  command.add_option("uri", uri, "the dataset: a path, file:// or s3:// URI")->required()->type_name("URI");
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  size_t start = 0;
  for (size_t at; (at = text.find(',', start)) != std::string::npos; start = at + 1) {
    parts.push_back(text.substr(start, at - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::pair<std::string, std::string> split_assignment(const std::string& text, const std::string& what) {
  size_t eq = text.find('=');
  if (eq == 0 || eq == std::string::npos) usage_error(what + " takes NAME=VALUE, got '" + text + "'");
  return {text.substr(0, eq), text.substr(eq + 1)};
}

std::vector<std::pair<std::string, std::string>> split_assignments(const std::vector<std::string>& texts,
                                                                   const std::string& what) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& text : texts) pairs.push_back(split_assignment(text, what));
  return pairs;
}

void usage_error(const std::string& message) {
  std::fprintf(stderr, "lance-bridge: %s\n", message.c_str());
  std::exit(2);
}

}  // namespace lance_bridge_cli
