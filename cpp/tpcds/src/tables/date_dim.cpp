// date_dim: one row a day from 1900-01-02, with dsdgen's calendar arithmetic
// kept as it is (its leap years, Friday and Saturday as the weekend, the last
// day of the month one month early, a current day that never matches).

#include <cstdio>

#include "../distributions.h"
#include "../values.h"
#include "tables.h"

namespace tpcds::tables {
namespace {
constexpr int64_t kDayBeforeFirst = 2415021;  // 1900-01-01: row 1 is the day after
constexpr int kCurrentYear = 2003;            // "today" is 2003-01-08 in dsdgen
constexpr int kCurrentMonth = 1;
constexpr int kCurrentQuarter = 1;
constexpr int kCurrentWeek = 2;
constexpr int kCurrentDay = 8;  // compared with the Julian day number, so never current
constexpr int kCalendarQuarter = 6;  // value sets of "calendar"
constexpr int kCalendarHoliday = 8;
constexpr const char* kDayNames[7] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                      "Thursday", "Friday", "Saturday"};
constexpr int kQuarterStartMonth[5] = {0, 1, 4, 7, 10};

// The same day of the previous quarter: as far into it as `date` is into its own.
int64_t same_day_last_quarter(int64_t julian, const Date& date) {
  int quarter = (date.month - 1) / 3 + 1;
  int64_t into_quarter = julian - to_julian(date.year, kQuarterStartMonth[quarter], 1);
  int64_t previous_start = quarter == 1 ? to_julian(date.year - 1, kQuarterStartMonth[4], 1)
                                        : to_julian(date.year, kQuarterStartMonth[quarter - 1], 1);
  return previous_start + into_quarter;
}

}  // namespace

void date_dim(double, int64_t first, int64_t count, BatchBuilder& batch) {
  const Distribution& calendar = distribution("calendar");
  char quarter_name[16];
  for (int64_t row = first; row < first + count; ++row) {
    int64_t julian = kDayBeforeFirst + row;
    Date date = to_date(julian);
    int day_index = day_number(date);
    int week_seq = static_cast<int>((row + 6) / 7);
    int quarter_seq = (date.year - 1900) * 4 + date.month / 3 + 1;
    int qoy = calendar.member_int(day_index, kCalendarQuarter);
    int dow = day_of_week(date);
    int previous_day_index = day_index == 1 ? 365 + (is_leap_year(date.year - 1) ? 1 : 0) : day_index - 1;
    bool current_year = date.year == kCurrentYear;

    batch.column(0).append_int64(julian);
    append_business_key(batch.column(1), julian);
    append_julian_date(batch.column(2), julian);
    batch.column(3).append_int32((date.year - 1900) * 12 + date.month - 1);
    batch.column(4).append_int32(week_seq);
    batch.column(5).append_int32(quarter_seq);
    batch.column(6).append_int32(date.year);
    batch.column(7).append_int32(dow);
    batch.column(8).append_int32(date.month);
    batch.column(9).append_int32(date.day);
    batch.column(10).append_int32(qoy);
    batch.column(11).append_int32(date.year);    // fiscal year: the calendar's
    batch.column(12).append_int32(quarter_seq);  // fiscal quarter
    batch.column(13).append_int32(week_seq);     // fiscal week
    batch.column(14).append_string(kDayNames[dow]);
    int length = std::snprintf(quarter_name, sizeof quarter_name, "%4dQ%d", date.year, qoy);
    batch.column(15).append_string(std::string_view(quarter_name, static_cast<size_t>(length)));
    append_flag(batch.column(16), calendar.member_int(day_index, kCalendarHoliday) != 0);
    append_flag(batch.column(17), dow == 5 || dow == 6);
    append_flag(batch.column(18), calendar.member_int(previous_day_index, kCalendarHoliday) != 0);
    batch.column(19).append_int32(static_cast<int32_t>(julian - date.day + 1));
    batch.column(20).append_int32(
        static_cast<int32_t>(julian - date.day + days_before_month(date.year, date.month)));
    bool leap_day = is_leap_year(date.year) && date.month == 2 && date.day == 29;
    batch.column(21).append_int32(
        static_cast<int32_t>(to_julian(date.year - 1, date.month, leap_day ? 28 : date.day)));
    batch.column(22).append_int32(static_cast<int32_t>(same_day_last_quarter(julian, date)));
    append_flag(batch.column(23), julian == kCurrentDay);
    append_flag(batch.column(24), current_year && week_seq == kCurrentWeek);
    append_flag(batch.column(25), current_year && date.month == kCurrentMonth);
    append_flag(batch.column(26), current_year && qoy == kCurrentQuarter);
    append_flag(batch.column(27), current_year);
  }
}

}  // namespace tpcds::tables
