// dsdgen's type 2 slowly changing dimensions (item, store, call_center,
// web_site, web_page): business ids with one to three revisions, and which
// fields a new revision keeps from the one before.
#pragma once

#include <cstdint>

#include "address.h"
#include "joins.h"
#include "lance_bridge/batch_builder.h"
#include "nulls.h"
#include "scaling.h"
#include "values.h"

namespace tpcds {

// Row r's place in its business id's revisions (dsdgen's setSCDKeys). Rows
// come in groups of six: one id with one revision, one with two, one with
// three; the revisions' dates split 1998-2003 in halves or thirds, moved
// earlier by `offset_days` (6 x dsdgen's table number of the id column).
struct Revision {
  int64_t id_row = 0;     // the id's first row: its business key is that row's
  bool new_id = false;    // the id's first revision
  int64_t start = 0;      // Julian day
  int64_t end = -1;       // Julian day, or -1: still current
};

inline Revision revision_of(int64_t row, int64_t offset_days) {
  constexpr int64_t kSpan = kJulianDataEnd - kJulianDataStart;
  const int64_t start = kJulianDataStart - offset_days;
  const int64_t half = kJulianDataStart + kSpan / 2 - offset_days;
  const int64_t third = kJulianDataStart + kSpan / 3 - offset_days;
  const int64_t two_thirds = third + kSpan / 3;
  switch (row % 6) {
    case 1: return {row, true, start, -1};
    case 2: return {row, true, start, half};
    case 3: return {row - 1, false, half + 1, -1};
    case 4: return {row, true, start, third};
    case 5: return {row - 1, false, third + 1, two_thirds};
    default: return {row - 2, false, two_thirds + 1, -1};
  }
}

// The first row of `row`'s business id: where generating a revision starts
// (a revision may keep fields of the one before).
inline int64_t first_revision_row(int64_t row) { return revision_of(row, 0).id_row; }

// The days web sites are spread over: the data's five years for each site
// open at once.
inline int64_t web_site_days(double scale_factor) {
  constexpr int64_t kDataDays = 1825;  // 1998-01-01 to 2002-12-31
  return kDataDays * concurrent_web_sites(scale_factor);
}

// The day web site `site` opened: up to half a span before the data starts.
inline int64_t web_site_opened(int64_t site, int64_t site_days) {
  return kJulianDataStart - ((site * 17) % site_days) / 2;
}

// A revision's start and end dates into columns `column` and `column + 1`;
// the start may be null by the row's null bit `column`, the end is null while
// the revision is current.
inline void put_revision_dates(lance_bridge::BatchBuilder& batch, size_t column, const NullMap& null,
                               const Revision& revision) {
  if (null[static_cast<int>(column)]) {
    batch.column(column).append_null();
  } else {
    append_julian_date(batch.column(column), revision.start);
  }
  if (revision.end == -1) {
    batch.column(column + 1).append_null();
  } else {
    append_julian_date(batch.column(column + 1), revision.end);
  }
}

// A row's change flags (dsdgen's changeSCD): one draw a row, one bit a
// field, lowest first. A later revision keeps the field's previous value
// where its bit is set; the first revision takes its own.
class ChangeFlags {
 public:
  ChangeFlags(int64_t draw, bool new_id) : bits_(draw), new_id_(new_id) {}

  // `value` becomes the previous revision's if its bit says so; either way
  // it is the value the next revision sees.
  template <typename T>
  void apply(T& value, T& previous) {
    if (next_bit() && !new_id_) {
      value = previous;
    } else {
      previous = value;
    }
  }
  // A field dsdgen hands to changeSCD to no effect (a pointer it only
  // reassigns): the bit is used all the same.
  void skip() { next_bit(); }

 private:
  bool next_bit() {
    bool bit = bits_ & 1;
    bits_ >>= 1;
    return bit;
  }
  int64_t bits_;
  bool new_id_;
};

// What a later revision of a store or web site may keep of its address: the
// numbers. dsdgen changes its text parts through pointers, to no effect.
struct KeptAddress {
  int32_t gmt_offset = 0;
  int32_t street_number = 0;
  int32_t zip = 0;
};

// The address's change flags, in dsdgen's order: city, county, time zone,
// state, street type, the two street names, street number, zip.
inline void apply_address_changes(ChangeFlags& changes, Address& address, KeptAddress& previous) {
  changes.skip();  // city
  changes.skip();  // county
  changes.apply(address.gmt_offset, previous.gmt_offset);
  for (int text = 0; text < 4; ++text) changes.skip();  // state, street type, the two street names
  changes.apply(address.street_number, previous.street_number);
  changes.apply(address.zip, previous.zip);
}

}  // namespace tpcds
