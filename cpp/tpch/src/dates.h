// dbgen's dates: a day number from 92001 (1992-01-01) over 2557 days.
#pragma once

#include <cstdint>

namespace tpch::dates {

constexpr int32_t kMinGenerateDate = 92001;      // 1992-01-01
constexpr int32_t kTotalDateRange = 2557;        // through 1998-12-31
constexpr int32_t kUnixDaysAtMin = 8035;         // 1992-01-01 in days since 1970-01-01
constexpr int32_t kCurrentDateIndex = 1263;      // 1995-06-17, dbgen's "today"

// The date32 value (days since the Unix epoch) of a generated date.
constexpr int32_t to_date32(int32_t generated) { return generated - kMinGenerateDate + kUnixDaysAtMin; }

// Shipped (or received) by dbgen's current date.
constexpr bool is_in_past(int32_t generated) { return generated - kMinGenerateDate <= kCurrentDateIndex; }

}  // namespace tpch::dates
