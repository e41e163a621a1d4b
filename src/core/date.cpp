#include "core/date.h"

#include <algorithm>

#include <fmt/format.h>

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
  const size_t first = text.find_first_not_of(" \t");
  const size_t last = text.find_last_not_of(" \t");
  const std::string_view trimmed =
      first == std::string_view::npos ? std::string_view() : text.substr(first, last - first + 1);
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
  return fmt::format("{:04d}-{:02d}-{:02d}", ymd.year, ymd.month, ymd.day);
}

}  // namespace backcourt
