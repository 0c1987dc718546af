// Street, suite, city, county, state, zip and time zone, as dsdgen draws them.

#include "address.h"

#include <algorithm>

#include "distributions.h"
#include "scaling.h"

namespace tpcds {
namespace {

constexpr int kCitiesWeights = 6;  // "cities": the unified weights, at every scale factor
constexpr int kFipsCounty = 2, kFipsState = 3, kFipsZipPrefix = 5, kFipsGmtOffset = 6;

// dsdgen's city_hash: the zip code's last four digits. Its accumulator wraps
// as a 32-bit int, and its remainders are C's (negative for a negative value).
int32_t city_hash(const std::string& name) {
  uint32_t hash = 0;
  int32_t result = 0;
  for (char c : name) {
    hash = hash * 26u - 65u + static_cast<uint32_t>(static_cast<unsigned char>(c));
    if (static_cast<int32_t>(hash) > 1000000) {
      hash = static_cast<uint32_t>(static_cast<int32_t>(hash) % 10000);
      result += static_cast<int32_t>(hash);
      hash = 0;
    }
  }
  result += static_cast<int32_t>(hash) % 1000;
  return result % 10000;
}

}  // namespace

Address make_address(Stream& stream, int64_t small_table_rows, double scale_factor) {
  static const Distribution& street_names = distribution("street_names");
  static const Distribution& street_types = distribution("street_types");
  static const Distribution& cities = distribution("cities");
  static const Distribution& fips = distribution("fips");
  Address a;
  a.street_number = stream.uniform(1, 1000);
  a.street_name = street_names.member(street_names.pick(1, stream), 1);
  a.street_name += ' ';
  a.street_name += street_names.member(street_names.pick(2, stream), 1);
  a.street_type = street_types.member(street_types.pick(1, stream), 1);
  int32_t suite = stream.uniform(1, 100);
  if (suite % 2 == 1) {
    a.suite = "Suite " + std::to_string((suite >> 1) * 10);
  } else {
    a.suite = std::string("Suite ") + static_cast<char>('A' + (suite >> 1) % 25);
  }
  int64_t region;
  if (small_table_rows > 0) {
    auto city_count = static_cast<int32_t>(std::min(active_cities(scale_factor), small_table_rows));
    a.city = cities.member(stream.uniform(1, city_count), 1);
    auto county_count = static_cast<int32_t>(std::min(active_counties(scale_factor), small_table_rows));
    region = stream.uniform(1, county_count);
  } else {
    a.city = cities.member(cities.pick(kCitiesWeights, stream), 1);
    region = fips.pick(1, stream);
  }
  a.county = fips.member(region, kFipsCounty);
  a.state = fips.member(region, kFipsState);
  a.gmt_offset = fips.member_int(region, kFipsGmtOffset);
  // The zip: the county's one-digit prefix, then the city's hash.
  int32_t prefix = fips.member(region, kFipsZipPrefix)[0] - '0';
  int32_t zip = city_hash(a.city);
  if (prefix == 0 && zip < 9400) zip += 600;
  a.zip = zip + prefix * 10000;
  return a;
}

}  // namespace tpcds
