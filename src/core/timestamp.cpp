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

// Day (days since 1970-01-01) of the `nth` Sunday of `month` (nth 0: the last one).
int32_t SundayOf(int year, int month, int nth) {
  if (nth == 0) {
    const Date last = Date::FromYmd(year, month + 1, 1).AddDays(-1);
    const int weekday = (last.days() + 4) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
    return last.days() - weekday;
  }
  const Date first = Date::FromYmd(year, month, 1);
  const int weekday = (first.days() + 4) % 7;
  return first.days() + (7 - weekday) % 7 + 7 * (nth - 1);
}

bool IsEasternDaylightTime(int64_t seconds) {
  const int year = Date(static_cast<int32_t>(seconds / kDay)).year();
  const bool modern = year >= 2007;
  const int32_t start_day = modern ? SundayOf(year, 3, 2) : SundayOf(year, 4, 1);
  const int32_t end_day = modern ? SundayOf(year, 11, 1) : SundayOf(year, 10, 0);
  // 02:00 EST is 07:00 UTC; 02:00 EDT is 06:00 UTC.
  const int64_t start = start_day * kDay + 7 * 3600;
  const int64_t end = end_day * kDay + 6 * 3600;
  return seconds >= start && seconds < end;
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::optional<int64_t> ParseUtcTimestamp(std::string_view text) {
  size_t pos = 0;
  const auto year = Digits(text, pos, 4);
  const bool dash1 = Expect(text, pos, '-');
  const auto month = Digits(text, pos, 2);
  const bool dash2 = Expect(text, pos, '-');
  const auto day = Digits(text, pos, 2);
  if (!year || !dash1 || !month || !dash2 || !day || !IsValidYmd(*year, *month, *day)) {
    return std::nullopt;
  }
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
  const int64_t days = Date::FromYmd(*year, *month, *day).days();
  return days * kDay + *hour * 3600 + *minute * 60 + second - *offset;
}

std::string FormatUtcTimestamp(int64_t seconds) {
  const int64_t days = FloorDiv(seconds, kDay);
  const int64_t rest = seconds - days * kDay;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", Date(static_cast<int32_t>(days)).ToIso(), rest / 3600,
                     rest / 60 % 60, rest % 60);
}

Date UsEasternDate(int64_t seconds) {
  const int64_t local = seconds - (IsEasternDaylightTime(seconds) ? 4 : 5) * 3600;
  return Date(static_cast<int32_t>(FloorDiv(local, kDay)));
}

}  // namespace backcourt
