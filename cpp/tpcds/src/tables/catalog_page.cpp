// catalog_page: catalogs of a fixed number of pages, 18 catalogs a year
// (2 half-yearly, 4 quarterly, 12 monthly), from 1998 on.

#include "../distributions.h"
#include "../joins.h"
#include "../nulls.h"
#include "../scaling.h"
#include "../text.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int kDescriptionColumn = 43, kNullsColumn = 45;
constexpr int kNullBasisPoints = 200;
constexpr uint64_t kNeverNull = 0x03;
constexpr int64_t kCatalogsPerYear = 18;
}  // namespace

void catalog_page(double scale_factor, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& types = distribution("catalog_page_types");
  const int64_t pages = pages_per_catalog(scale_factor);
  Stream description_stream(kDescriptionColumn, 100, first);
  Stream nulls_stream(kNullsColumn, 2, first);
  for (int64_t row = first; row < first + count; ++row) {
    NullMap null(nulls_stream, kNullBasisPoints, kNeverNull);
    int64_t catalog = (row - 1) / pages + 1;
    int64_t page = (row - 1) % pages + 1;
    int64_t in_year = (catalog - 1) % kCatalogsPerYear;
    int type, duration;
    int64_t offset;
    if (in_year < 2) {
      type = 1, duration = 182, offset = in_year * 182;  // half-yearly
    } else if (in_year < 6) {
      type = 2, duration = 91, offset = (in_year - 2) * 91;  // quarterly
    } else {
      type = 3, duration = 30, offset = (in_year - 6) * 30;  // monthly
    }
    int64_t start = kJulianDataStart + offset + (catalog - 1) / kCatalogsPerYear * 365;
    std::string description = generate_text(50, 99, description_stream);
    batch.column(0).append_int64(row);
    append_business_key(batch.column(1), row);
    put_key(batch.column(2), null[2], start);
    put_key(batch.column(3), null[3], start + duration - 1);
    put_text(batch.column(4), null[5], "DEPARTMENT");  // bit 4: a promotion id never printed
    put_int(batch.column(5), null[6], static_cast<int32_t>(catalog));
    put_int(batch.column(6), null[7], static_cast<int32_t>(page));
    put_text(batch.column(7), null[8], description);
    put_text(batch.column(8), null[9], types.member(type, 1));
    description_stream.finish_row();
    nulls_stream.finish_row();
  }
}

}  // namespace tpcds::tables
