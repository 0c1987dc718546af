// Which of a row's columns dsdgen leaves empty (null).
#pragma once

#include <cstdint>

#include "random.h"

namespace tpcds {

// A row's nulls: bit k stands for the table's k-th column in dsdgen's column
// list (not the printed order: a column that is never printed still has a bit).
class NullMap {
 public:
  // dsdgen's nullSet: always two draws from the table's NULLS stream, a
  // threshold in [0, 9999] and a bitmap in [1, 2^31 - 1]; below
  // `null_basis_points` the bitmap less the never-null columns is the map.
  NullMap(Stream& nulls, int null_basis_points, uint64_t never_null) {
    int32_t threshold = nulls.uniform(0, 9999);
    auto bitmap = static_cast<uint64_t>(nulls.uniform(1, 2147483647));
    bits_ = threshold < null_basis_points ? bitmap & ~never_null : 0;
  }

  bool operator[](int bit) const { return (bits_ >> bit) & 1; }

 private:
  uint64_t bits_ = 0;
};

}  // namespace tpcds
