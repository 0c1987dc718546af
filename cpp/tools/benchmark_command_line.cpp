#include "benchmark_command_line.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace lance_bridge::tools {

BenchmarkCommandLine::BenchmarkCommandLine(const Benchmark& benchmark, std::string program, std::string help)
    : benchmark_(benchmark), program_(std::move(program)), help_(std::move(help)), app_(program_) {
  app_.set_help_flag();  // ours prints the program's own help text
  app_.add_flag_callback("-h,--help", [this] {
    std::fputs(help_.c_str(), stdout);
    std::exit(0);
  })->trigger_on_parse();
  app_.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app_.allow_extras();  // an unknown option is reported by parse(), in our words
}

namespace {

// An option of the App or of one of its commands, by name; nullptr if none.
const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
  if (const CLI::Option* option = app.get_option_no_throw(name)) return option;
  for (const CLI::App* command : app.get_subcommands({})) {
    if (const CLI::Option* option = command->get_option_no_throw(name)) return option;
  }
  return nullptr;
}

// `read` (std::stoll, std::stod) of the whole of `text`, or a usage error naming `flag`.
template <typename Read>
auto whole_number(const BenchmarkCommandLine& cli, const std::string& flag, const std::string& text, Read read) {
  size_t used = 0;
  decltype(read(text, &used)) value{};
  try {
    value = read(text, &used);
  } catch (const std::exception&) {
    cli.usage_error(flag + " takes a number, got '" + text + "'");
  }
  if (used != text.size()) cli.usage_error(flag + " takes a number, got '" + text + "'");
  return value;
}

}  // namespace

CLI::Option* BenchmarkCommandLine::add_repeatable(const std::string& name, std::vector<std::string>& values) {
  return app_.add_option(name, values)
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

bool BenchmarkCommandLine::given(const std::string& name) const {
  const CLI::Option* option = find_option(app_, name);
  return option != nullptr && option->count() > 0;
}

// What CLI11 reads otherwise than the programs always have, refused first:
// "--tables=" (an empty value) would take the next word for its value, and a
// short option with "=" ("-o=DIR") would write into a folder named "=DIR".
void BenchmarkCommandLine::refuse_ambiguous_forms(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.size() > 3 && arg.rfind("--", 0) == 0 && arg.find('=') == arg.size() - 1) {
      const CLI::Option* option = find_option(app_, arg.substr(0, arg.size() - 1));
      if (option != nullptr && option->get_expected_min() > 0) usage_error(arg.substr(0, arg.size() - 1) + " needs a value");
    }
    if (arg.size() > 2 && arg[0] == '-' && arg[1] != '-' && arg[2] == '=') usage_error("unknown option '" + arg + "'");
  }
}

void BenchmarkCommandLine::parse(int argc, char** argv) {
  refuse_ambiguous_forms(argc, argv);
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ArgumentMismatch& e) {
    // "--tables: 1 required TEXT missing", said as the other errors are.
    std::string what = e.what();
    usage_error(what.substr(0, what.find(':')) + " needs a value");
  } catch (const CLI::ParseError& e) {
    usage_error(e.what());
  }
  std::vector<std::string> unknown = app_.remaining(true);
  if (!unknown.empty()) usage_error("unknown option '" + unknown.front() + "'");
}

void BenchmarkCommandLine::usage_error(const std::string& message) const { tools::usage_error(program_, message); }

void usage_error(const std::string& program, const std::string& message) {
  std::fprintf(stderr, "%s: %s (see --help)\n", program.c_str(), message.c_str());
  std::exit(2);
}

template <typename T>
T BenchmarkCommandLine::integer(const std::string& flag, const std::string& text) const {
  long long value = whole_number(*this, flag, text, [](const std::string& t, size_t* used) { return std::stoll(t, used); });
  // No silent wrap-around: --parts 4294967298 is not --parts 2.
  // (A negative value is compared as such: -1 is in an int's range, not a uint64's.)
  bool in_range = value >= static_cast<long long>(std::numeric_limits<T>::min()) &&
                  (value < 0 || static_cast<unsigned long long>(value) <=
                                    static_cast<unsigned long long>(std::numeric_limits<T>::max()));
  if (!in_range) {
    usage_error(flag + " is out of range: '" + text + "'");
  }
  return static_cast<T>(value);
}

template int BenchmarkCommandLine::integer<int>(const std::string&, const std::string&) const;
template int64_t BenchmarkCommandLine::integer<int64_t>(const std::string&, const std::string&) const;
template uint32_t BenchmarkCommandLine::integer<uint32_t>(const std::string&, const std::string&) const;
template uint64_t BenchmarkCommandLine::integer<uint64_t>(const std::string&, const std::string&) const;

double BenchmarkCommandLine::number(const std::string& flag, const std::string& text) const {
  return whole_number(*this, flag, text, [](const std::string& t, size_t* used) { return std::stod(t, used); });
}

double BenchmarkCommandLine::scale_factor(const std::string& text) const {
  double sf = number("--scale-factor", text);
  if (!std::isfinite(sf) || !(sf > 0)) {
    usage_error("--scale-factor must be a positive number, got " + scale_factor_text(sf));
  }
  std::string refusal = benchmark_.scale_factor_refusal(sf);
  if (!refusal.empty()) usage_error("--scale-factor " + scale_factor_text(sf) + " " + refusal);
  return sf;
}

std::vector<std::string> BenchmarkCommandLine::tables(const std::string& list) const {
  const std::vector<std::string>& known = benchmark_.tables();
  std::vector<std::string> tables;
  std::stringstream names(list);
  std::string name;
  while (std::getline(names, name, ',')) {
    if (std::find(known.begin(), known.end(), name) == known.end()) usage_error("unknown table '" + name + "'");
    // Twice would be two writes of one dataset, the second racing the first's commit.
    if (std::find(tables.begin(), tables.end(), name) != tables.end()) {
      usage_error("--tables names '" + name + "' twice");
    }
    tables.push_back(name);
  }
  if (tables.empty()) usage_error("--tables names no table");
  return tables;
}

std::vector<datagen::ColumnMetadata> BenchmarkCommandLine::encodings(const std::vector<std::string>& specs,
                                                                     const std::vector<std::string>& tables) const {
  std::vector<datagen::TableColumns> columns;
  for (const std::string& table : tables) columns.emplace_back(table, benchmark_.fields(table));
  std::vector<datagen::ColumnMetadata> metadata;
  for (const std::string& spec : specs) {
    try {
      metadata.push_back(datagen::parse_column_metadata(spec, columns));
    } catch (const std::invalid_argument& e) {
      usage_error(std::string("--encoding: ") + e.what());
    }
  }
  return metadata;
}

std::string scale_factor_text(double sf) {
  char text[64];
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, sf);
    // "10", not "1e+01": an exponent only where more digits would not drop it.
    bool exponent = std::strchr(text, 'e') != nullptr && std::fabs(sf) < 1e15 && std::fabs(sf) >= 1e-4;
    if (std::strtod(text, nullptr) == sf && !exponent) break;
  }
  return text;
}

}  // namespace lance_bridge::tools
