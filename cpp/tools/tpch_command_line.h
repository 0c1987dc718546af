// The command-line pieces that tpch-lance and tpch_benchmark share, on CLI11:
// one spelling, one check and one message for each option they both take.
// Every bad input is one line on stderr, "<program>: ... (see --help)", and
// exit status 2.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "tpch/tpch.h"

namespace lance_bridge::tools {

class TpchCommandLine {
 public:
  // `program` names the program in messages; `help` is what --help prints.
  TpchCommandLine(const char* program, const char* help);

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

  // A TPC-H scale factor: from 0.0001 (one supplier) to 100,000.
  double scale_factor(const std::string& text) const;

  // "region,nation,...": each table at most once, at least one.
  std::vector<tpch::Table> tables(const std::string& list) const;

  // --encoding COLUMN:KEY=VALUE, each on a column of `tables`.
  std::vector<tpch::ColumnMetadata> encodings(const std::vector<std::string>& specs,
                                              const std::vector<tpch::Table>& tables) const;

 private:
  void refuse_ambiguous_forms(int argc, char** argv);

  std::string program_;
  CLI::App app_;
};

// One line on stderr, "<program>: <message> (see --help)", and exit status 2.
[[noreturn]] void usage_error(const std::string& program, const std::string& message);

// The shortest text that reads back as exactly `sf` (0.1, not 0.10000000000000001).
std::string scale_factor_text(double sf);

}  // namespace lance_bridge::tools
