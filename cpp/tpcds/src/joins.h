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

// A key of a type 2 table (item, store, ...) current on `julian`: one draw
// of an id, or -1 (null) past the last revision's dates.
int64_t type2_join(Table table, int64_t julian, double scale_factor, Stream& stream);

}  // namespace tpcds
