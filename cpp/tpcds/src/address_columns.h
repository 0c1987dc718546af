// An address written into a table's address columns.
#pragma once

#include <cstdio>

#include "address.h"
#include "lance_bridge/batch_builder.h"
#include "nulls.h"
#include "values.h"

namespace tpcds {

// Street number, street name, street type, suite, city, county, state, zip,
// country and time zone into columns `first_column`...; `null_bit(i)` is the
// null bit of the i-th of them.
template <typename NullBit>
void put_address(lance_bridge::BatchBuilder& batch, size_t first_column, const NullMap& null, NullBit null_bit,
                 const Address& a) {
  char zip[16];
  int length = std::snprintf(zip, sizeof zip, "%05d", a.zip);
  const std::string street_number = std::to_string(a.street_number);
  const std::string_view texts[] = {street_number, a.street_name, a.street_type, a.suite, a.city, a.county, a.state,
                                    std::string_view(zip, static_cast<size_t>(length)), "United States"};
  for (size_t i = 0; i < std::size(texts); ++i) {
    put_text(batch.column(first_column + i), null[null_bit(static_cast<int>(i))], texts[i]);
  }
  put_decimal(batch.column(first_column + 9), null[null_bit(9)], int64_t{a.gmt_offset} * 100);
}

}  // namespace tpcds
