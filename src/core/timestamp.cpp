#include "core/timestamp.h"

#include <fmt/format.h>

namespace backcourt {
namespace {

constexpr int64_t kDay = 86400;

// Parses exactly `count` digits at `text[pos]`, advancing `pos`.
std::optional<int> Digits(std::string_view text, size_t& pos, size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool Expect(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// Seconds east of UTC of "Z", "+HH:MM", "+HHMM" or "-HH:MM" at `text[pos]`, to the end.
std::optional<int64_t> ParseOffset(std::string_view text, size_t pos) {
  if (pos == text.size() - 1 && text[pos] == 'Z') return 0;
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) return std::nullopt;
  const int64_t sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  const auto hours = Digits(text, pos, 2);
  if (pos < text.size() && text[pos] == ':') ++pos;
  const auto minutes = Digits(text, pos, 2);
  if (!hours || !minutes || pos != text.size() || *hours > 23 || *minutes > 59) {
    return std::nullopt;
  }
  return sign * (*hours * 3600 + *minutes * 60);
}

constexpr int64_t kHour = 3600;
constexpr int64_t kStandardOffset = 5 * kHour;  // EST is UTC-5
constexpr int64_t kDaylightOffset = 4 * kHour;  // EDT is UTC-4
constexpr int64_t kClockChange = 2 * kHour;     // clocks change at 02:00 local time

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 0 = Sunday; 1970-01-01 was a Thursday.
int Weekday(Date date) { return static_cast<int>((date.days() % 7 + 7 + 4) % 7); }

// The `nth` (1-based) Sunday of `month`, or its last Sunday when `nth` is 0.
Date SundayOf(int year, int month, int nth) {
  if (nth == 0) {
    const Date next =
        month == 12 ? Date::FromYmd(year + 1, 1, 1) : Date::FromYmd(year, month + 1, 1);
    const Date last = next.AddDays(-1);
    return last.AddDays(-Weekday(last));
  }
  const Date first = Date::FromYmd(year, month, 1);
  return first.AddDays((7 - Weekday(first)) % 7 + 7 * (nth - 1));
}

// The one US daylight-saving rule: the local wall-clock seconds (since 1970-01-01T00:00 local)
// at which EDT begins and ends in `year`. Since 2007 the second Sunday of March to the first
// Sunday of November; before (the 1987-2006 rule, also used for earlier years) the first
// Sunday of April to the last Sunday of October; both at 02:00 local time.
struct DaylightTime {
  int64_t begins;
  int64_t ends;
};
DaylightTime DaylightTimeOf(int year) {
  const bool modern = year >= 2007;
  const Date start = modern ? SundayOf(year, 3, 2) : SundayOf(year, 4, 1);
  const Date end = modern ? SundayOf(year, 11, 1) : SundayOf(year, 10, 0);
  return {start.days() * kDay + kClockChange, end.days() * kDay + kClockChange};
}

int YearOf(int64_t seconds) { return Date(static_cast<int32_t>(FloorDiv(seconds, kDay))).year(); }

// EDT at an instant: from 02:00 EST (07:00Z) of the first Sunday to 02:00 EDT (06:00Z) of
// the last one.
bool IsDaylightTimeAtUtc(int64_t seconds) {
  const DaylightTime dst = DaylightTimeOf(YearOf(seconds));
  return seconds >= dst.begins + kStandardOffset && seconds < dst.ends + kDaylightOffset;
}

// EDT at a wall-clock time: the hour skipped in spring and the hour repeated in autumn both
// read as EDT.
bool IsDaylightTimeAtLocal(int64_t local_seconds) {
  const DaylightTime dst = DaylightTimeOf(YearOf(local_seconds));
  return local_seconds >= dst.begins && local_seconds < dst.ends;
}

}  // namespace

std::optional<int64_t> ParseUtcTimestamp(std::string_view text) {
  const auto date = Date::ParseIso(text.substr(0, 10));
  if (!date) return std::nullopt;
  size_t pos = 10;
  if (!Expect(text, pos, 'T') && !Expect(text, pos, ' ')) return std::nullopt;
  const auto hour = Digits(text, pos, 2);
  const bool colon = Expect(text, pos, ':');
  const auto minute = Digits(text, pos, 2);
  if (!hour || !colon || !minute || *hour > 23 || *minute > 59) return std::nullopt;
  int second = 0;
  if (Expect(text, pos, ':')) {
    const auto parsed = Digits(text, pos, 2);
    if (!parsed || *parsed > 59) return std::nullopt;
    second = *parsed;
    if (Expect(text, pos, '.')) {
      const size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  const auto offset = ParseOffset(text, pos);
  if (!offset) return std::nullopt;
  return int64_t{date->days()} * kDay + *hour * 3600 + *minute * 60 + second - *offset;
}

std::string FormatUtcTimestamp(int64_t seconds) {
  const int64_t days = FloorDiv(seconds, kDay);
  const int64_t rest = seconds - days * kDay;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", Date(static_cast<int32_t>(days)).ToIso(), rest / 3600,
                     rest / 60 % 60, rest % 60);
}

Date UsEasternDate(int64_t seconds) {
  const int64_t local =
      seconds - (IsDaylightTimeAtUtc(seconds) ? kDaylightOffset : kStandardOffset);
  return Date(static_cast<int32_t>(FloorDiv(local, kDay)));
}

int64_t UsEasternToUnixSeconds(Date date, int minutes) {
  const int64_t local = date.days() * kDay + static_cast<int64_t>(minutes) * 60;
  return local + (IsDaylightTimeAtLocal(local) ? kDaylightOffset : kStandardOffset);
}

}  // namespace backcourt
