#include "ingest/us_eastern_time.h"

#include <fmt/format.h>

namespace backcourt {
namespace {

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kChangeMinutes = 2 * 60;  // clocks change at 02:00 local time

// 0 = Sunday; 1970-01-01 was a Thursday.
int Weekday(Date date) { return ((date.days() % 7) + 7 + 4) % 7; }

// The `n`-th (1-based) Sunday of a month, or its last Sunday when `n` is 0.
Date NthSunday(int year, int month, int n) {
  if (n == 0) {
    const Date next =
        month == 12 ? Date::FromYmd(year + 1, 1, 1) : Date::FromYmd(year, month + 1, 1);
    const Date last = next.AddDays(-1);
    return last.AddDays(-Weekday(last));
  }
  const Date first = Date::FromYmd(year, month, 1);
  return first.AddDays((7 - Weekday(first)) % 7 + 7 * (n - 1));
}

}  // namespace

bool IsUsEasternDaylightTime(Date date, int minutes) {
  const int year = date.year();
  const bool modern = year >= 2007;
  const Date start = modern ? NthSunday(year, 3, 2) : NthSunday(year, 4, 1);
  const Date end = modern ? NthSunday(year, 11, 1) : NthSunday(year, 10, 0);
  const int64_t at = static_cast<int64_t>(date.days()) * kMinutesPerDay + minutes;
  const int64_t begins = static_cast<int64_t>(start.days()) * kMinutesPerDay + kChangeMinutes;
  const int64_t ends = static_cast<int64_t>(end.days()) * kMinutesPerDay + kChangeMinutes;
  return at >= begins && at < ends;
}

int64_t UsEasternToUnixSeconds(Date date, int minutes) {
  const int offset_hours = IsUsEasternDaylightTime(date, minutes) ? 4 : 5;
  return (static_cast<int64_t>(date.days()) * kMinutesPerDay + minutes + offset_hours * 60) * 60;
}

std::string FormatUtcIso(int64_t unix_seconds) {
  const int64_t day_seconds = 24 * 3600;
  int64_t days = unix_seconds / day_seconds;
  int64_t rest = unix_seconds % day_seconds;
  if (rest < 0) {
    rest += day_seconds;
    --days;
  }
  const Date date(static_cast<int32_t>(days));
  return fmt::format("{}T{:02}:{:02}:{:02}Z", date.ToIso(), rest / 3600, rest / 60 % 60, rest % 60);
}

}  // namespace backcourt
