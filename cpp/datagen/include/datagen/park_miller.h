// The Park-Miller "minimal standard" generator both dbgen and dsdgen draw
// from: seed = seed * 16807 mod (2^31 - 1), and the jump over n draws at once.
#pragma once

#include <cstdint>

namespace datagen::park_miller {

constexpr int64_t kMultiplier = 16807;
constexpr int64_t kModulus = 2147483647;  // 2^31 - 1

// a * b mod (2^31 - 1) for 0 <= a, b < 2^31, without a division: 2^31 = 1 (mod 2^31 - 1).
inline int64_t mul_mod(int64_t a, int64_t b) {
  uint64_t x = static_cast<uint64_t>(a) * static_cast<uint64_t>(b);
  x = (x & kModulus) + (x >> 31);
  x = (x & kModulus) + (x >> 31);
  return static_cast<int64_t>(x == static_cast<uint64_t>(kModulus) ? 0 : x);
}

// The seed `count` draws after `seed`: seed * 16807^count, by squaring.
inline int64_t skip(int64_t seed, int64_t count) {
  int64_t multiplier = kMultiplier;
  while (count > 0) {
    if (count % 2 != 0) seed = mul_mod(multiplier, seed);
    count /= 2;
    multiplier = mul_mod(multiplier, multiplier);
  }
  return seed;
}

}  // namespace datagen::park_miller
