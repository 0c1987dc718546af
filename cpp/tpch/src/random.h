// dbgen's random number streams. Every column has its own stream with its own
// seed, and each row uses a fixed number of draws from it ("seeds per row"), so
// a generator can jump to any row without producing the rows before it.
#pragma once

#include <cstdint>
#include <string_view>

#include "datagen/park_miller.h"

namespace tpch {

// Park-Miller "minimal standard" generator: seed = seed * 16807 mod (2^31 - 1).
class RowRandomInt {
 public:
  static constexpr int64_t kMultiplier = datagen::park_miller::kMultiplier;
  static constexpr int64_t kModulus = datagen::park_miller::kModulus;

  RowRandomInt(int64_t seed, int32_t seeds_per_row) : seed_(seed), seeds_per_row_(seeds_per_row) {}
  int64_t seed() const { return seed_; }

  // A value in [lower, upper], scaled from the next seed as dbgen does (in doubles).
  int32_t next_int(int32_t lower, int32_t upper) {
    next_rand();
    // dbgen's range wraps for upper = INT32_MAX, lower = 0; keep that.
    auto range = static_cast<double>(static_cast<int32_t>(
        static_cast<uint32_t>(upper) - static_cast<uint32_t>(lower) + 1u));
    auto value = static_cast<int32_t>((1.0 * static_cast<double>(seed_) / kModulus) * range);
    return lower + value;
  }

  int64_t next_rand() {
    seed_ = mul_mod(seed_, kMultiplier);
    ++usage_;
    return seed_;
  }

  static int64_t mul_mod(int64_t a, int64_t b) { return datagen::park_miller::mul_mod(a, b); }

  // Skips the draws this row did not use, so every row starts at its own offset.
  void row_finished() {
    advance(seeds_per_row_ - usage_);
    usage_ = 0;
  }

  void advance_rows(int64_t rows) {
    if (usage_ != 0) row_finished();
    advance(static_cast<int64_t>(seeds_per_row_) * rows);
  }

 private:
  void advance(int64_t count) { seed_ = datagen::park_miller::skip(seed_, count); }

  int64_t seed_;
  int32_t seeds_per_row_;
  int32_t usage_ = 0;
};

// The 64-bit stream dbgen uses for keys at scale factors of 30,000 and more.
class RowRandomLong {
 public:
  RowRandomLong(int64_t seed, int32_t seeds_per_row) : seed_(seed), seeds_per_row_(seeds_per_row) {}

  int64_t next_long(int64_t lower, int64_t upper) {
    seed_ = static_cast<int64_t>(static_cast<uint64_t>(seed_) * 6364136223846793005ull + 1u);
    ++usage_;
    int64_t magnitude = seed_ < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(seed_)) : seed_;
    return lower + magnitude % (upper - lower + 1);
  }

  void row_finished() {
    advance32(seeds_per_row_ - usage_);
    usage_ = 0;
  }

  void advance_rows(int64_t rows) {
    if (usage_ != 0) row_finished();
    advance32(static_cast<int64_t>(seeds_per_row_) * rows);
  }

 private:
  // dbgen skips this stream with the 32-bit generator's arithmetic (wrapping).
  void advance32(int64_t count) {
    int64_t multiplier = 16807;
    while (count > 0) {
      if (count % 2 != 0) {
        seed_ = static_cast<int64_t>(static_cast<uint64_t>(multiplier) * static_cast<uint64_t>(seed_)) % 2147483647;
      }
      count /= 2;
      multiplier = (multiplier * multiplier) % 2147483647;
    }
  }

  int64_t seed_;
  int32_t seeds_per_row_;
  int32_t usage_ = 0;
};

// A stream of integers in [lower, upper].
class RandomBoundedInt {
 public:
  RandomBoundedInt(int64_t seed, int32_t lower, int32_t upper, int32_t seeds_per_row = 1)
      : random_(seed, seeds_per_row), lower_(lower), upper_(upper) {}
  int32_t next() { return random_.next_int(lower_, upper_); }
  void row_finished() { random_.row_finished(); }
  void advance_rows(int64_t rows) { random_.advance_rows(rows); }

 private:
  RowRandomInt random_;
  int32_t lower_, upper_;
};

// Keys: 32-bit draws below scale factor 30,000, 64-bit draws from there on.
class RandomBoundedLong {
 public:
  RandomBoundedLong(int64_t seed, bool use_64_bits, int64_t lower, int64_t upper, int32_t seeds_per_row = 1)
      : wide_(use_64_bits), lower_(lower), upper_(upper), long_(seed, seeds_per_row), int_(seed, seeds_per_row) {}
  int64_t next() {
    return wide_ ? long_.next_long(lower_, upper_)
                 : int_.next_int(static_cast<int32_t>(lower_), static_cast<int32_t>(upper_));
  }
  void row_finished() { wide_ ? long_.row_finished() : int_.row_finished(); }
  void advance_rows(int64_t rows) { wide_ ? long_.advance_rows(rows) : int_.advance_rows(rows); }

 private:
  bool wide_;
  int64_t lower_, upper_;
  RowRandomLong long_;
  RowRandomInt int_;
};

}  // namespace tpch
