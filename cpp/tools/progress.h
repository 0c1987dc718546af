// Progress reporting for long command-line jobs: a live bar on a terminal,
// plain lines otherwise, nothing when quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace lance_bridge::tools {

class Progress {
 public:
  enum class Style { Bar, Lines, Quiet };
  static Style detect(bool quiet);

  Progress(Style style, std::string label, int64_t total_units);
  // Reports `units` of the total done and `rows` written; cheap to call often.
  void update(int64_t units, int64_t rows);
  // Ends the line (bar) or prints the final line.
  void finish(int64_t rows);

 private:
  void draw(int64_t units, int64_t rows, bool final);
  Style style_;
  std::string label_;
  int64_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  int last_decile_ = 0;
};

// "1,234,567"
std::string with_commas(int64_t n);
// "1.5 GiB"
std::string human_bytes(uint64_t bytes);

}  // namespace lance_bridge::tools
