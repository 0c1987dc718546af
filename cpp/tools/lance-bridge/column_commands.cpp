// lance-bridge columns add | drop | alter: schema evolution, each a new version.

#include <memory>
#include <string>
#include <vector>

#include "command.h"

namespace lance_bridge_cli {
namespace {

void add_add(CLI::App& columns, const Common& common, Action& action) {
  struct Args {
    std::string uri;
    std::vector<std::string> columns;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = columns.add_subcommand("add", "add columns computed from SQL over the existing ones");
  add_uri(*command, a->uri);
  command->add_option("columns", a->columns, "NAME=EXPRESSION, e.g. \"total=price * quantity\"")
      ->required()
      ->type_name("NAME=EXPR");
  command->callback([&common, &action, a] {
    action = [&common, a] {
      print_fact("version", open_dataset(common, a->uri).add_columns(split_assignments(a->columns, "columns add")));
      return 0;
    };
  });
}

void add_drop(CLI::App& columns, const Common& common, Action& action) {
  struct Args {
    std::string uri;
    std::vector<std::string> columns;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = columns.add_subcommand("drop", "drop columns (their data stays until compaction)");
  add_uri(*command, a->uri);
  command->add_option("columns", a->columns, "the columns")->required();
  command->callback([&common, &action, a] {
    action = [&common, a] {
      print_fact("version", open_dataset(common, a->uri).drop_columns(a->columns));
      return 0;
    };
  });
}

void add_alter(CLI::App& columns, const Common& common, Action& action) {
  struct Args {
    std::string uri;
    lance_bridge::ColumnChange change;
    std::string nullable;
  };
  auto a = std::make_shared<Args>();
  CLI::App* command = columns.add_subcommand("alter", "rename a column, or change whether it may hold nulls");
  add_uri(*command, a->uri);
  command->add_option("column", a->change.column, "the column")->required();
  command->add_option("--rename", a->change.new_name, "its new name");
  command->add_option("--nullable", a->nullable, "true or false (false is refused if it holds a null)")
      ->check(CLI::IsMember({"true", "false"}));
  command->callback([&common, &action, a] {
    action = [&common, a] {
      if (!a->nullable.empty()) a->change.nullable = a->nullable == "true";
      if (a->change.new_name.empty() && !a->change.nullable) usage_error("columns alter: say --rename or --nullable");
      print_fact("version", open_dataset(common, a->uri).alter_columns({a->change}));
      return 0;
    };
  });
}

}  // namespace

void add_column_commands(CLI::App& app, const Common& common, Action& action) {
  CLI::App* columns =
      app.add_subcommand("columns", "schema evolution: columns add | drop | alter")->require_subcommand(1);
  add_add(*columns, common, action);
  add_drop(*columns, common, action);
  add_alter(*columns, common, action);
}

}  // namespace lance_bridge_cli
