#include "core/date.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/text.h"

namespace backcourt {
namespace {

// Howard Hinnant's civil-from-days algorithms.
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
  int year;
  int month;
  int day;
};

Ymd CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

bool ParseDigits(std::string_view text, int& out) {
  if (text.empty()) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// `text` as a number of `min_digits`..`max_digits` ASCII digits.
std::optional<int> Number(std::string_view text, size_t min_digits, size_t max_digits) {
  int value = 0;
  if (text.size() < min_digits || text.size() > max_digits || !ParseDigits(text, value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<Date> CalendarDate(std::optional<int> year, std::optional<int> month,
                                 std::optional<int> day) {
  if (!year || !month || !day || !IsValidYmd(*year, *month, *day)) return std::nullopt;
  return Date::FromYmd(*year, *month, *day);
}

// "A/B/YYYY" (or "A/B/YY" when `two_digit_years`), A and B of one or two digits.
std::optional<Date> ParseSlashDate(std::string_view text, bool month_first,
                                   bool two_digit_years) {
  const size_t first = text.find('/');
  const size_t second = first == std::string_view::npos ? first : text.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto a = Number(text.substr(0, first), 1, 2);
  const auto b = Number(text.substr(first + 1, second - first - 1), 1, 2);
  const std::string_view year_text = text.substr(second + 1);
  std::optional<int> year = Number(year_text, 4, 4);
  if (two_digit_years && year_text.size() == 2) {
    year = Number(year_text, 2, 2);
    if (year) *year += *year >= 70 ? 1900 : 2000;
  }
  return month_first ? CalendarDate(year, a, b) : CalendarDate(year, b, a);
}

// "Apr 14, 2024", the month in any case.
std::optional<Date> ParseMonthNameDate(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (text.size() < 4 || text[3] != ' ') return std::nullopt;
  const size_t comma = text.find(", ", 4);
  if (comma == std::string_view::npos) return std::nullopt;
  const auto month = std::find_if(kMonths.begin(), kMonths.end(), [&](std::string_view name) {
    return EqualsIgnoreCase(text.substr(0, 3), name);
  });
  if (month == kMonths.end()) return std::nullopt;
  return CalendarDate(Number(text.substr(comma + 2), 4, 4),
                      static_cast<int>(month - kMonths.begin()) + 1,
                      Number(text.substr(4, comma - 4), 1, 2));
}

// "HH:MM", then optionally seconds, a fraction and a UTC offset: nothing but digits and
// ":.+-Z" after the minutes.
bool IsClockTime(std::string_view text) {
  if (text.size() < 5 || text[2] != ':') return false;
  const auto hour = Number(text.substr(0, 2), 2, 2);
  const auto minute = Number(text.substr(3, 2), 2, 2);
  if (!hour || !minute || *hour > 23 || *minute > 59) return false;
  return text.substr(5).find_first_not_of("0123456789:.+-Z") == std::string_view::npos;
}

std::optional<Date> ParseDateOnly(std::string_view text, const DateFormats& formats) {
  std::optional<Date> date;
  if (formats.iso) date = Date::ParseIso(text);
  if (!date && formats.us_slash) date = ParseSlashDate(text, true, true);
  if (!date && formats.day_first_slash) date = ParseSlashDate(text, false, false);
  if (!date && formats.month_name) date = ParseMonthNameDate(text);
  return date;
}

}  // namespace

bool IsValidYmd(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

Date Date::FromYmd(int year, int month, int day) {
  return Date(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

std::optional<Date> Date::ParseIso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!ParseDigits(text.substr(0, 4), y) || !ParseDigits(text.substr(5, 2), m) ||
      !ParseDigits(text.substr(8, 2), d) || !IsValidYmd(y, m, d)) {
    return std::nullopt;
  }
  return FromYmd(y, m, d);
}

// "option: " before a message, or nothing when the caller (CLI11) names the option itself.
static std::string Prefix(std::string_view option) {
  return option.empty() ? std::string() : fmt::format("{}: ", option);
}

Result<Date> ParseDateArgument(std::string_view option, std::string_view text) {
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) return InvalidInput(Prefix(option) + "a date is required (YYYY-MM-DD)");
  if (auto date = Date::ParseIso(trimmed)) return *date;
  const bool shaped = trimmed.size() == 10 && trimmed[4] == '-' && trimmed[7] == '-' &&
                      std::all_of(trimmed.begin(), trimmed.end(),
                                  [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  return InvalidInput(fmt::format("{}'{}' is {}; write the date as YYYY-MM-DD, e.g. 2024-01-05",
                                  Prefix(option), trimmed,
                                  shaped ? "not a real calendar date (1900..2200)"
                                         : "not a date in the form YYYY-MM-DD"));
}

Result<std::vector<Date>> ParseDateList(std::string_view option, std::string_view text) {
  std::vector<Date> dates;
  size_t begin = 0;
  while (true) {
    const size_t comma = text.find(',', begin);
    const std::string_view item =
        text.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin);
    BC_ASSIGN_OR_RETURN(const Date date, ParseDateArgument(option, item));
    if (std::find(dates.begin(), dates.end(), date) == dates.end()) dates.push_back(date);
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return dates;
}

Status CheckDateOrder(std::string_view first_option, Date first, std::string_view second_option,
                      Date second, bool strict) {
  if (first < second || (!strict && first == second)) return {};
  return InvalidInput(fmt::format("{} {} is {} {} {}: the range is reversed or empty; give {} {} {}",
                                  first_option, first.ToIso(), first == second ? "the same day as" : "after",
                                  second_option, second.ToIso(), first_option,
                                  strict ? "a date before" : "a date on or before", second_option));
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }

std::string Date::ToIso() const {
  const Ymd ymd = CivilFromDays(days_);
  if (ymd.year < 0 || ymd.year > 9999) {
    return fmt::format("{:04d}-{:02d}-{:02d}", ymd.year, ymd.month, ymd.day);
  }
  // Every parsed row's date comes through here: written by hand, not through fmt.
  std::string iso = "0000-00-00";
  const auto put = [&iso](size_t end, int value) {
    for (size_t i = end; value > 0; value /= 10) iso[--i] = static_cast<char>('0' + value % 10);
  };
  put(4, ymd.year);
  put(7, ymd.month);
  put(10, ymd.day);
  return iso;
}

std::optional<Date> ParseDate(std::string_view text, const DateFormats& formats) {
  text = Trim(text);
  if (auto date = ParseDateOnly(text, formats)) return date;
  // The clock time is the last word: no form above ends in 'T' or ' ' plus a time.
  const size_t separator = text.find_last_of("T ");
  if (!formats.time_of_day || separator == std::string_view::npos ||
      !IsClockTime(text.substr(separator + 1))) {
    return std::nullopt;
  }
  return ParseDateOnly(text.substr(0, separator), formats);
}

Result<Date> ParseDateField(std::string_view field, std::string_view text,
                            const DateFormats& formats) {
  if (auto date = ParseDate(text, formats)) return *date;
  if (Trim(text).empty()) return InvalidInput(fmt::format("missing {}", field));
  return InvalidInput(fmt::format("invalid {} '{}'", field, Trim(text)));
}

}  // namespace backcourt
