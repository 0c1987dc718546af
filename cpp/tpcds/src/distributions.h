// dsdgen's distributions: named lists of rows, each row a set of values (the
// "value sets", by 1-based index) and a set of weights (the "weight sets"),
// read once from the embedded .dst files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "random.h"

namespace tpcds {

class Distribution {
 public:
  // Parses one .dst file: "v1, v2, ...: w1, w2, ..." per row, "--" comments,
  // "\," for a comma inside a value, ISO-8859-1 text (values become UTF-8).
  // Throws std::runtime_error naming `name` and the line for another form.
  Distribution(std::string_view name, std::string_view text);

  int64_t size() const { return static_cast<int64_t>(rows_); }

  // Value set `value_set` of row `index` (both 1-based): dsdgen's dist_member.
  const std::string& member(int64_t index, int value_set) const;
  int32_t member_int(int64_t index, int value_set) const;

  // A row drawn by weight set `weight_set` from `stream`: dsdgen's
  // pick_distribution (one uniform draw in [1, total weight]). 1-based.
  int64_t pick(int weight_set, Stream& stream) const;

  // Weight of row `index` in weight set `weight_set` (both 1-based).
  int32_t weight(int64_t index, int weight_set) const;
  int32_t total_weight(int weight_set) const;

 private:
  std::string name_;
  size_t rows_ = 0;
  std::vector<std::vector<std::string>> values_;   // [value set][row]
  std::vector<std::vector<int32_t>> cumulative_;  // [weight set][row]: running totals
};

// The distribution of `name` (a .dst file's name without ".dst"), parsed on
// first use and kept. Throws std::runtime_error for a name no file has.
const Distribution& distribution(std::string_view name);

}  // namespace tpcds
