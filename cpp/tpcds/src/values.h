// How dsdgen forms values the tables share: business keys, dates, text.
#pragma once

#include <cstdint>
#include <string_view>

#include "lance_bridge/batch_builder.h"

namespace tpcds {

// dsdgen's 16-character business key ("_id" columns) of a surrogate key: the
// key's high and then low 32 bits, each as 8 letters 'A' + nibble, lowest
// nibble first (key 1 is "AAAAAAAABAAAAAAA").
inline void append_business_key(lance_bridge::ColumnBuilder& column, int64_t key) {
  char text[16];
  auto high = static_cast<uint64_t>(key) >> 32;
  auto low = static_cast<uint64_t>(key) & 0xFFFFFFFFu;
  for (int i = 0; i < 8; ++i) {
    text[i] = static_cast<char>('A' + ((high >> (4 * i)) & 0xF));
    text[8 + i] = static_cast<char>('A' + ((low >> (4 * i)) & 0xF));
  }
  column.append_string(std::string_view(text, 16));
}

// Text as dsdgen prints it: an empty value is an empty field, which is null.
inline void append_text(lance_bridge::ColumnBuilder& column, std::string_view text) {
  if (text.empty()) {
    column.append_null();
  } else {
    column.append_string(text);
  }
}

// dsdgen's booleans are 'Y' and 'N'.
inline void append_flag(lance_bridge::ColumnBuilder& column, bool value) {
  column.append_string(value ? "Y" : "N");
}

// Values where the row's null map may have the column empty (`null`). A key
// of -1 is dsdgen's "no key": null too.
inline void put_key(lance_bridge::ColumnBuilder& column, bool null, int64_t key) {
  if (null || key == -1) {
    column.append_null();
  } else {
    column.append_int64(key);
  }
}
inline void put_int(lance_bridge::ColumnBuilder& column, bool null, int32_t value) {
  if (null) {
    column.append_null();
  } else {
    column.append_int32(value);
  }
}
inline void put_text(lance_bridge::ColumnBuilder& column, bool null, std::string_view text) {
  if (null) {
    column.append_null();
  } else {
    append_text(column, text);
  }
}
inline void put_flag(lance_bridge::ColumnBuilder& column, bool null, bool value) {
  if (null) {
    column.append_null();
  } else {
    append_flag(column, value);
  }
}
// Money and other decimals: the value in hundredths (scale 2).
inline void put_decimal(lance_bridge::ColumnBuilder& column, bool null, int64_t hundredths) {
  if (null) {
    column.append_null();
  } else {
    column.append_decimal(hundredths);
  }
}

// Dates are Julian day numbers in dsdgen (2415022 is 1900-01-02).
struct Date {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
};

constexpr int64_t kJulianUnixEpoch = 2440588;  // 1970-01-01

// The Gregorian date of a Julian day number (Fliegel and Van Flandern).
inline Date to_date(int64_t julian) {
  int64_t l = julian + 68569;
  int64_t n = (4 * l) / 146097;
  l -= (146097 * n + 3) / 4;
  int64_t i = (4000 * (l + 1)) / 1461001;
  l = l - (1461 * i) / 4 + 31;
  int64_t j = (80 * l) / 2447;
  Date date;
  date.day = static_cast<int>(l - (2447 * j) / 80);
  l = j / 11;
  date.month = static_cast<int>(j + 2 - 12 * l);
  date.year = static_cast<int>(100 * (n - 49) + i + l);
  return date;
}

// The Julian day number of a Gregorian date.
inline int64_t to_julian(int year, int month, int day) {
  int64_t y = year;
  int64_t m = month;
  if (m <= 2) {
    m += 12;
    y -= 1;
  }
  return day + (153 * m - 457) / 5 + 365 * y + y / 4 - y / 100 + y / 400 + 1721119;
}

// dsdgen's leap years: its test makes every century year a leap year.
inline bool is_leap_year(int year) { return year % 100 == 0 ? (year % 400) % 2 == 0 : year % 4 == 0; }

// Days before the first of `month` (1-12), by dsdgen's leap years.
inline int days_before_month(int year, int month) {
  static constexpr int kDays[2][13] = {{0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
                                       {0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335}};
  return kDays[is_leap_year(year) ? 1 : 0][month];
}

// The day's row in the "calendar" distribution (1-366): dsdgen's day_number.
inline int day_number(const Date& date) { return days_before_month(date.year, date.month) + date.day; }

// The day of the week, 0 for Sunday, by Conway's doomsday rule as dsdgen
// applies it (with its leap years, so the early months of century years are a
// day off from the real calendar).
inline int day_of_week(const Date& date) {
  static constexpr int kDoomsday[4] = {3, 2, 0, 5};
  int known[13] = {0, 3, 0, 0, 4, 9, 6, 11, 8, 5, 10, 7, 12};
  if (is_leap_year(date.year)) {
    known[1] = 4;
    known[2] = 1;
  }
  int doomsday = kDoomsday[(date.year / 100 - 15) % 4];
  int in_century = date.year % 100;
  int dozens = in_century / 12;
  int rest = in_century % 12;
  doomsday = (doomsday + dozens + rest + rest / 4) % 7;
  int result = date.day - known[date.month];
  while (result < 0) result += 7;
  while (result > 6) result -= 7;
  return (result + doomsday) % 7;
}

inline void append_julian_date(lance_bridge::ColumnBuilder& column, int64_t julian) {
  column.append_date32(static_cast<int32_t>(julian - kJulianUnixEpoch));
}

}  // namespace tpcds
