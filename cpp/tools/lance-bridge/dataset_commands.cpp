// lance-bridge info, versions and tag: what a dataset holds and its history.

#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <string>

#include "command.h"

namespace lance_bridge_cli {
namespace {

// "2026-12-03T18:37:57.123Z"
std::string utc_time(int64_t milliseconds) {
  std::time_t seconds = static_cast<std::time_t>(milliseconds / 1000);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
  char with_ms[48];
  std::snprintf(with_ms, sizeof with_ms, "%s.%03dZ", text, static_cast<int>(milliseconds % 1000));
  return with_ms;
}

void add_info(CLI::App& app, const Common& common, Action& action) {
  auto uri = std::make_shared<std::string>();
  CLI::App* info = app.add_subcommand("info", "rows, version, fragments, columns and indexes of the latest version");
  add_uri(*info, *uri);
  info->callback([&common, &action, uri] {
    action = [&common, uri = *uri] {
      lance_bridge::StorageOptions storage = storage_options(common);
      lance_bridge::DatasetInfo facts = lance_bridge::dataset_info(uri, storage);
      lance_bridge::Dataset dataset = lance_bridge::Dataset::open(uri, storage);
      print_fact("rows", facts.rows);
      print_fact("version", facts.version);
      print_fact("fragments", facts.fragments);
      ArrowSchema schema{};
      dataset.schema(&schema);
      std::string columns;
      for (int64_t i = 0; i < schema.n_children; ++i) {
        columns += std::string(i ? "," : "") + schema.children[i]->name;
      }
      schema.release(&schema);
      print_fact("columns", columns);
      for (const lance_bridge::IndexInfo& index : dataset.list_indices()) {
        std::string columns_indexed;
        for (const std::string& c : index.columns) columns_indexed += (columns_indexed.empty() ? "" : ",") + c;
        print_fact("index", index.name + " " + index.type + " on " + columns_indexed);
      }
      return 0;
    };
  });
}

void add_versions(CLI::App& app, const Common& common, Action& action) {
  auto uri = std::make_shared<std::string>();
  CLI::App* versions = app.add_subcommand("versions", "every version: number, commit time (UTC), its tags");
  add_uri(*versions, *uri);
  versions->callback([&common, &action, uri] {
    action = [&common, uri = *uri] {
      lance_bridge::Dataset dataset = open_dataset(common, uri);
      std::multimap<uint64_t, std::string> tags;
      for (const lance_bridge::Tag& tag : dataset.tags()) tags.emplace(tag.version, tag.name);
      for (const lance_bridge::Version& v : dataset.versions()) {
        std::string line = utc_time(v.timestamp_ms);
        auto [first, last] = tags.equal_range(v.version);
        for (auto it = first; it != last; ++it) line += " tag:" + it->second;
        print_fact(std::to_string(v.version), line);
      }
      return 0;
    };
  });
}

void add_tag(CLI::App& app, const Common& common, Action& action) {
  struct Args {
    std::string uri, name;
    uint64_t version = 0;
  };
  auto a = std::make_shared<Args>();
  CLI::App* tag = app.add_subcommand("tag", "name versions: tag create | delete | checkout | list")->require_subcommand(1);
  CLI::App* create = tag->add_subcommand("create", "name a version (refused if the name is taken)");
  add_uri(*create, a->uri);
  create->add_option("name", a->name, "the tag")->required();
  create->add_option("version", a->version, "the version it names")->required();
  create->callback([&common, &action, a] {
    action = [&common, a] {
      open_dataset(common, a->uri).create_tag(a->name, a->version);
      print_fact("tagged", a->name + " = version " + std::to_string(a->version));
      return 0;
    };
  });
  CLI::App* remove = tag->add_subcommand("delete", "remove a tag (the version stays)");
  add_uri(*remove, a->uri);
  remove->add_option("name", a->name, "the tag")->required();
  remove->callback([&common, &action, a] {
    action = [&common, a] {
      open_dataset(common, a->uri).delete_tag(a->name);
      print_fact("deleted tag", a->name);
      return 0;
    };
  });
  CLI::App* checkout = tag->add_subcommand("checkout", "the version a tag names, and its rows");
  add_uri(*checkout, a->uri);
  checkout->add_option("name", a->name, "the tag")->required();
  checkout->callback([&common, &action, a] {
    action = [&common, a] {
      lance_bridge::Dataset tagged = open_dataset(common, a->uri).checkout_tag(a->name);
      print_fact("version", tagged.version());
      print_fact("rows", tagged.count_rows());
      return 0;
    };
  });
  CLI::App* list = tag->add_subcommand("list", "every tag and its version");
  add_uri(*list, a->uri);
  list->callback([&common, &action, a] {
    action = [&common, a] {
      for (const lance_bridge::Tag& t : open_dataset(common, a->uri).tags()) print_fact(t.name, t.version);
      return 0;
    };
  });
}

}  // namespace

void add_dataset_commands(CLI::App& app, const Common& common, Action& action) {
  add_info(app, common, action);
  add_versions(app, common, action);
  add_tag(app, common, action);
}

}  // namespace lance_bridge_cli
