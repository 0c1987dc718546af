#include "joins.h"

#include <algorithm>

#include "scaling.h"

namespace tpcds {

int64_t type2_key(int64_t id, int64_t julian, int64_t rows) {
  constexpr int64_t kSpan = kJulianDataEnd - kJulianDataStart;
  constexpr int64_t kHalf = kJulianDataStart + kSpan / 2;
  constexpr int64_t kThird = kJulianDataStart + kSpan / 3;
  constexpr int64_t kTwoThirds = kThird + kSpan / 3;
  int64_t base = id / 3 * 6;
  int64_t key;
  switch (id % 3) {
    case 1:  // one revision
      key = base + 1;
      break;
    case 2:  // two, the second from half-way
      key = base + 2 + (julian > kHalf ? 1 : 0);
      break;
    default:  // three, changing at a third and two thirds
      key = base - 2 + (julian > kThird ? 1 : 0) + (julian > kTwoThirds ? 1 : 0);
      break;
  }
  return std::min(key, rows);
}

Type2Keys::Type2Keys(Table table, double scale_factor)
    : ids(static_cast<int32_t>(id_count(table, scale_factor))), rows(scaled_row_count(table, scale_factor)) {}

int64_t type2_join(const Type2Keys& keys, int64_t julian, Stream& stream) {
  int64_t id = stream.uniform(1, keys.ids);
  if (julian > kJulianDataEnd) return -1;
  return type2_key(id, julian, keys.rows);
}

}  // namespace tpcds
