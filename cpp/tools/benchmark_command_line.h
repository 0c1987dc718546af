// The command-line pieces that the benchmark programs (tpch-lance, tpcds-lance,
// tpch_benchmark) share, on CLI11: one spelling, one check and one message for
// each option they take.
// Every bad input is one line on stderr, "<program>: ... (see --help)", and
// exit status 2.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "benchmark.h"

namespace lance_bridge::tools {

class BenchmarkCommandLine {
 public:
  // `program` names the program in messages; `help` is what --help prints;
  // `benchmark` gives the tables and scale factors.
  BenchmarkCommandLine(const Benchmark& benchmark, std::string program, std::string help);

  // An App with --help/-h (prints `help`, exits 0), repeated options taking the
  // last value, and unknown options left for parse() to report.
  CLI::App& app() { return app_; }

  // A repeatable option: one value each time it is given (not the words after
  // it), all kept.
  CLI::Option* add_repeatable(const std::string& name, std::vector<std::string>& values);

  // Parses; CLI11's errors, and whatever no option took, become usage errors.
  void parse(int argc, char** argv);

  // Whether the option (the App's or a command's) was given, even with an empty
  // value, which its conversion then refuses as any bad value.
  bool given(const std::string& name) const;

  [[noreturn]] void usage_error(const std::string& message) const;

  // A whole number in T's range, or a usage error naming `flag`.
  template <typename T>
  T integer(const std::string& flag, const std::string& text) const;
  double number(const std::string& flag, const std::string& text) const;

  // A scale factor of the benchmark (positive, and as its scale_factor_refusal says).
  double scale_factor(const std::string& text) const;

  // "region,nation,...": tables of the benchmark, each at most once, at least one.
  std::vector<std::string> tables(const std::string& list) const;

  // --encoding COLUMN:KEY=VALUE, each on a column of `tables`.
  std::vector<datagen::ColumnMetadata> encodings(const std::vector<std::string>& specs,
                                                 const std::vector<std::string>& tables) const;

 private:
  void refuse_ambiguous_forms(int argc, char** argv);

  const Benchmark& benchmark_;
  std::string program_;
  std::string help_;
  CLI::App app_;
};

// One line on stderr, "<program>: <message> (see --help)", and exit status 2.
[[noreturn]] void usage_error(const std::string& program, const std::string& message);

// The shortest text that reads back as exactly `sf` (0.1, not 0.10000000000000001).
std::string scale_factor_text(double sf);

}  // namespace lance_bridge::tools
