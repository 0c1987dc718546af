// customer_demographics: every combination of gender, marital status,
// education, purchase estimate, credit rating and dependent counts, the row
// number (from 0) read as a mixed-radix number.

#include "../distributions.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int kMaxChildren = 7;
constexpr int kMaxEmployed = 7;
constexpr int kMaxCollege = 7;
}  // namespace

void customer_demographics(double, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution* text_columns[] = {&distribution("genders"), &distribution("marital_statuses"),
                                        &distribution("education")};
  const Distribution& purchase_bands = distribution("purchase_band");
  const Distribution& credit_ratings = distribution("credit_ratings");
  for (int64_t row = first; row < first + count; ++row) {
    batch.column(0).append_int64(row);
    int64_t rest = row - 1;
    for (size_t i = 0; i < 3; ++i) {
      const Distribution& d = *text_columns[i];
      append_text(batch.column(1 + i), d.member(rest % d.size() + 1, 1));
      rest /= d.size();
    }
    batch.column(4).append_int32(purchase_bands.member_int(rest % purchase_bands.size() + 1, 1));
    rest /= purchase_bands.size();
    append_text(batch.column(5), credit_ratings.member(rest % credit_ratings.size() + 1, 1));
    rest /= credit_ratings.size();
    batch.column(6).append_int32(static_cast<int32_t>(rest % kMaxChildren));
    rest /= kMaxChildren;
    batch.column(7).append_int32(static_cast<int32_t>(rest % kMaxEmployed));
    rest /= kMaxEmployed;
    batch.column(8).append_int32(static_cast<int32_t>(rest % kMaxCollege));
  }
}

}  // namespace tpcds::tables
