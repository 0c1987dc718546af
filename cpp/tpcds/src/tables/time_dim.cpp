// time_dim: one row a second of the day; the hour's names from "hours".

#include "../distributions.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {

void time_dim(double, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& hours = distribution("hours");
  for (int64_t row = first; row < first + count; ++row) {
    int64_t second_of_day = row - 1;
    batch.column(0).append_int64(second_of_day);
    append_business_key(batch.column(1), row);
    batch.column(2).append_int32(static_cast<int32_t>(second_of_day));
    int64_t hour = second_of_day / 3600 % 24;
    batch.column(3).append_int32(static_cast<int32_t>(hour));
    batch.column(4).append_int32(static_cast<int32_t>(second_of_day / 60 % 60));
    batch.column(5).append_int32(static_cast<int32_t>(second_of_day % 60));
    for (int value_set = 2; value_set <= 5; ++value_set) {  // am/pm, shift, sub-shift, meal
      append_text(batch.column(static_cast<size_t>(4 + value_set)), hours.member(hour + 1, value_set));
    }
  }
}

}  // namespace tpcds::tables
