// dsdgen's addresses (mk_address): seven draws from one stream.
#pragma once

#include <cstdint>
#include <string>

#include "random.h"

namespace tpcds {

struct Address {
  int32_t street_number = 0;
  std::string street_name;  // two names joined by a space (the second is often empty)
  std::string street_type;
  std::string suite;
  std::string city;
  std::string county;
  std::string state;
  int32_t zip = 0;  // printed with 5 digits
  int32_t gmt_offset = 0;
};

// The address of a row. For the small tables (warehouse, store, call_center,
// web_site), `small_table_rows` is the table's row count, and the city and
// county come from the first few of dsdgen's lists (its active cities and
// counties at `scale_factor`); for the others it is 0.
Address make_address(Stream& stream, int64_t small_table_rows, double scale_factor);

}  // namespace tpcds
