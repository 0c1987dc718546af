// Weighted value lists (TPC-H clause 4.2.2.13) and picking from them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "random.h"

namespace tpch {

class Distribution {
 public:
  Distribution(std::initializer_list<std::pair<const char*, int32_t>> entries) {
    int32_t running = 0;
    bool all_positive = true;
    for (const auto& [value, weight] : entries) {
      values_.emplace_back(value);
      running += weight;
      cumulative_.push_back(running);
      all_positive = all_positive && weight > 0;
    }
    if (all_positive) {
      for (size_t i = 0; i < values_.size(); ++i) {
        int32_t weight = cumulative_[i] - (i ? cumulative_[i - 1] : 0);
        picks_.insert(picks_.end(), static_cast<size_t>(weight), static_cast<uint16_t>(i));
      }
    }
  }

  size_t size() const { return values_.size(); }
  std::string_view value(size_t i) const { return values_[i]; }
  const std::vector<std::string_view>& values() const { return values_; }
  // The running sum of the weights up to and including entry i.
  int32_t cumulative_weight(size_t i) const { return cumulative_[i]; }

  // A value drawn with probability proportional to its weight (one draw).
  size_t pick_index(RowRandomInt& random) const {
    return picks_[random.next_int(0, static_cast<int32_t>(picks_.size()) - 1)];
  }
  std::string_view pick(RowRandomInt& random) const { return values_[pick_index(random)]; }

 private:
  std::vector<std::string_view> values_;
  std::vector<int32_t> cumulative_;
  std::vector<uint16_t> picks_;  // each entry's index repeated `weight` times
};

struct Distributions {
  static const Distributions& get();

  Distribution articles, adjectives, adverbs, auxiliaries, grammar, market_segments, nations,
      noun_phrases, nouns, order_priorities, part_colors, part_containers, part_types,
      prepositions, regions, return_flags, ship_instructions, ship_modes, terminators,
      verb_phrases, verbs;

 private:
  Distributions();
};

}  // namespace tpch
