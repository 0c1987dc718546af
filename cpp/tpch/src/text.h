// Text columns: the 300 MiB pseudo-English text pool (TPC-H clause 4.2.2.10)
// that comments are cut from, and the other generated strings.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "distributions.h"
#include "random.h"

namespace tpch {

class TextPool {
 public:
  static constexpr int32_t kSize = 300 * 1024 * 1024;
  // Built once per process, on first use, thread-safe (0.45 s on one core; in
  // kChunks pieces on all cores).
  static const TextPool& get();

  // The pool is built in kChunks pieces, in parallel: piece k + 1 starts at
  // a sentence boundary with the random seed dbgen's single stream has there.
  static constexpr int kChunks = 4;
  struct Split {
    int64_t offset;
    int64_t seed;
  };
  // The first sentence boundary at or after each k * size / kChunks (k >= 1),
  // found by generating a pool of `size` bytes sequentially into `out`, which
  // needs buffer_bytes(size) bytes. What the built-in splits were computed with,
  // and what the tests check them and the parallel pool against.
  static std::vector<Split> generate_sequentially(int32_t size, char* out);
  static size_t buffer_bytes(int32_t size);

  int32_t size() const { return size_; }
  std::string_view text(int32_t begin, int32_t end) const {
    return std::string_view(text_.get() + begin, static_cast<size_t>(end - begin));
  }

 private:
  explicit TextPool(int32_t size);
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> text_;
  int32_t size_;
};

// A comment: a random slice of the text pool, 0.4x to 1.6x the average length.
class RandomText {
 public:
  RandomText(int64_t seed, double average_length, int32_t rows_per_unit = 1)
      : pool_(TextPool::get()),
        random_(seed, rows_per_unit * 2),
        min_length_(static_cast<int32_t>(average_length * 0.4)),
        max_length_(static_cast<int32_t>(average_length * 1.6)) {}

  std::string_view next() {
    int32_t offset = random_.next_int(0, pool_.size() - max_length_);
    int32_t length = random_.next_int(min_length_, max_length_);
    return pool_.text(offset, offset + length);
  }
  int32_t max_length() const { return max_length_; }
  void row_finished() { random_.row_finished(); }
  void advance_rows(int64_t rows) { random_.advance_rows(rows); }

 private:
  const TextPool& pool_;
  RowRandomInt random_;
  int32_t min_length_, max_length_;
};

// Addresses: random characters from a 64-letter alphabet, five per draw.
class RandomAlphaNumeric {
 public:
  RandomAlphaNumeric(int64_t seed, int32_t average_length)
      : random_(seed, 9),
        min_length_(static_cast<int32_t>(average_length * 0.4)),
        max_length_(static_cast<int32_t>(average_length * 1.6)) {}

  int32_t max_length() const { return max_length_; }
  // Writes the next value at `out` (room for max_length() bytes); returns its length.
  size_t next(char* out) {
    static const char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,";
    auto length = static_cast<size_t>(random_.next_int(min_length_, max_length_));
    int64_t bits = 0;
    for (size_t i = 0; i < length; ++i) {
      if (i % 5 == 0) bits = random_.next_int(0, INT32_MAX);
      out[i] = kAlphabet[bits & 0x3f];
      bits >>= 6;
    }
    return length;
  }
  void row_finished() { random_.row_finished(); }
  void advance_rows(int64_t rows) { random_.advance_rows(rows); }

 private:
  RowRandomInt random_;
  int32_t min_length_, max_length_;
};

// Phone numbers: country code from the nation, then three random groups.
class RandomPhoneNumber {
 public:
  static constexpr size_t kLength = 15;  // "NN-NNN-NNN-NNNN"
  explicit RandomPhoneNumber(int64_t seed) : random_(seed, 3) {}

  void next(int64_t nation_key, char* out) {
    int country = 10 + static_cast<int>(nation_key % 90);
    int a = random_.next_int(100, 999);
    int b = random_.next_int(100, 999);
    int c = random_.next_int(1000, 9999);
    put_digits(out, country, 2);
    out[2] = '-';
    put_digits(out + 3, a, 3);
    out[6] = '-';
    put_digits(out + 7, b, 3);
    out[10] = '-';
    put_digits(out + 11, c, 4);
  }
  void row_finished() { random_.row_finished(); }
  void advance_rows(int64_t rows) { random_.advance_rows(rows); }

 private:
  static void put_digits(char* out, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
  }
  RowRandomInt random_;
};

// A value from a weighted distribution.
class RandomString {
 public:
  RandomString(int64_t seed, const Distribution& distribution, int32_t seeds_per_row = 1)
      : distribution_(distribution), random_(seed, seeds_per_row) {}
  std::string_view next() { return distribution_.pick(random_); }
  void row_finished() { random_.row_finished(); }
  void advance_rows(int64_t rows) { random_.advance_rows(rows); }

 private:
  const Distribution& distribution_;
  RowRandomInt random_;
};

// Part names: `count` distinct words of a distribution, space-separated
// (a partial Fisher-Yates shuffle of the whole list).
class RandomStringSequence {
 public:
  RandomStringSequence(int64_t seed, int32_t count, const Distribution& distribution)
      : count_(count),
        distribution_(distribution),
        random_(seed, static_cast<int32_t>(distribution.size())),
        order_(distribution.size()) {}

  // Writes the words at `out`; returns the length.
  size_t next(char* out) {
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<uint16_t>(i);
    int32_t last = static_cast<int32_t>(order_.size()) - 1;
    for (int32_t i = 0; i < count_; ++i) {
      int32_t j = random_.next_int(i, last);
      std::swap(order_[i], order_[j]);
    }
    size_t length = 0;
    for (int32_t i = 0; i < count_; ++i) {
      if (i) out[length++] = ' ';
      std::string_view word = distribution_.value(order_[i]);
      std::memcpy(out + length, word.data(), word.size());
      length += word.size();
    }
    return length;
  }
  size_t max_length() const {
    size_t longest = 0;
    for (std::string_view v : distribution_.values()) longest = std::max(longest, v.size());
    return (longest + 1) * static_cast<size_t>(count_);
  }
  void row_finished() { random_.row_finished(); }
  void advance_rows(int64_t rows) { random_.advance_rows(rows); }

 private:
  int32_t count_;
  const Distribution& distribution_;
  RowRandomInt random_;
  std::vector<uint16_t> order_;
};

}  // namespace tpch
