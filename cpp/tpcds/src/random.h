// dsdgen's random number streams. Every column of every table (the source
// schema's too) has a stream of its own: a Park-Miller generator whose first
// seed depends only on the column's number, and each row takes a fixed number
// of draws from it ("draws per row"), the unused ones burnt at the row's end.
// So row r of a table starts each stream at draw (r - 1) * draws per row, and a
// generator can jump to any row without producing those before it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "datagen/park_miller.h"

namespace tpcds {

// The number of columns dsdgen numbers (its column list, source tables included):
// it spaces the streams' first seeds.
constexpr int kColumnCount = 799;
constexpr int64_t kModulus = datagen::park_miller::kModulus;  // dsdgen's MAXINT
constexpr int64_t kSeedBase = 19620718;

class Stream {
 public:
  // The stream of column `column` (dsdgen's 1-based column number), positioned
  // at the start of row `row` (1-based) for `draws_per_row` draws a row.
  Stream(int column, int draws_per_row, int64_t row)
      : initial_(kSeedBase + static_cast<int64_t>(column) * (kModulus / kColumnCount)),
        draws_per_row_(draws_per_row) {
    seed_ = datagen::park_miller::skip(initial_, (row - 1) * draws_per_row);
  }

  int64_t next() {
    seed_ = datagen::park_miller::mul_mod(seed_, datagen::park_miller::kMultiplier);
    ++used_;
    return seed_;
  }

  // A value in [min, max] as dsdgen's genrand_integer(DIST_UNIFORM) makes it:
  // the draw modulo the range's size, plus min (in int arithmetic).
  int32_t uniform(int32_t min, int32_t max) {
    int32_t draw = static_cast<int32_t>(next());
    return static_cast<int32_t>(draw % (static_cast<int64_t>(max) - min + 1) + min);
  }

  // The end of a row: the draws the row did not use are burnt, so the next
  // row starts where dsdgen's does. (A row that used more than its share
  // leaves the stream further on, as in dsdgen.) Burnt in one step: seed x
  // 16807^unused.
  void finish_row() {
    if (used_ < draws_per_row_) seed_ = datagen::park_miller::mul_mod(seed_, power(draws_per_row_ - used_));
    used_ = 0;
  }

 private:
  // 16807^n mod (2^31 - 1), for the draws a row can leave unused.
  static int64_t power(int n) {
    static constexpr int kMaxDrawsPerRow = 256;
    static const std::array<int64_t, kMaxDrawsPerRow + 1> powers = [] {
      std::array<int64_t, kMaxDrawsPerRow + 1> p{};
      p[0] = 1;
      for (std::size_t i = 1; i < p.size(); ++i) p[i] = datagen::park_miller::skip(p[i - 1], 1);
      return p;
    }();
    return n <= kMaxDrawsPerRow ? powers[static_cast<std::size_t>(n)] : datagen::park_miller::skip(1, n);
  }

  int64_t initial_;
  int64_t seed_;
  int draws_per_row_;
  int used_ = 0;
};

}  // namespace tpcds
