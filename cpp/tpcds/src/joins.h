// Foreign keys as dsdgen draws them (mk_join).
#pragma once

#include <cstdint>

#include "random.h"
#include "tpcds/tpcds.h"

namespace tpcds {

constexpr int64_t kJulianDataStart = 2450815;  // 1998-01-01, dsdgen's DATE_MINIMUM
constexpr int64_t kJulianDataEnd = 2453005;    // 2003-12-31: the last date a type 2 revision covers

// The surrogate key of the revision of business id `id` (1-based) of a type 2
// table that is current on Julian day `julian` (dsdgen's matchSCDSK): ids
// come in groups of 3 over 6 rows, with 1, 2 and 3 revisions. At most `rows`.
int64_t type2_key(int64_t id, int64_t julian, int64_t rows);

// What a join into a type 2 table (item, store, ...) draws from: its
// business ids, and its rows (revisions), at a scale factor.
struct Type2Keys {
  Type2Keys(Table table, double scale_factor);
  int32_t ids;
  int64_t rows;
};

// A key of a type 2 table current on `julian`: one draw of an id, or -1
// (null) past the last revision's dates.
int64_t type2_join(const Type2Keys& keys, int64_t julian, Stream& stream);

}  // namespace tpcds
