#pragma once
// Calendar dates as days since 1970-01-01, stored and printed as ISO "YYYY-MM-DD".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace backcourt {

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(int32_t days) : days_(days) {}
  static Date FromYmd(int year, int month, int day);
  // Accepts exactly "YYYY-MM-DD" with a real calendar day.
  static std::optional<Date> ParseIso(std::string_view text);

  int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  std::string ToIso() const;
  Date AddDays(int n) const { return Date(days_ + n); }

  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  int32_t days_ = 0;
};

bool IsValidYmd(int year, int month, int day);

// Dates given on the command line (one parser for every command). The form is ISO
// "YYYY-MM-DD" only, a real calendar day (leap years included); spaces around the date are
// trimmed, anything else ("2024-1-5", "yesterday", "2024-02-30") is an error naming `option`.
Result<Date> ParseDateArgument(std::string_view option, std::string_view text);
// A comma-separated list ("2024-01-05, 2024-01-06"): each item as above; an empty item is
// an error. Duplicates are kept once, order is kept.
Result<std::vector<Date>> ParseDateList(std::string_view option, std::string_view text);
// `first` <= `second` (or `first` < `second` when `strict`), else an error naming both options.
Status CheckDateOrder(std::string_view first_option, Date first, std::string_view second_option,
                      Date second, bool strict = false);

// ---- Dates as the sources write them ----
// Every textual form of a date any reader accepts is parsed here and nowhere else; each reader
// names the forms its source writes. Numbers are ASCII digits only (no sign, no "5.0"), and
// the day must exist (IsValidYmd).
struct DateFormats {
  bool iso = false;              // "2024-01-15" (Date::ParseIso)
  bool us_slash = false;         // "01/15/2024", "1/15/2024", "1/15/24": month first; a
                                 // two-digit year is 19yy from 70 on, else 20yy
  bool day_first_slash = false;  // "15/01/2024", "5/1/2024": day first, four-digit year
  bool month_name = false;       // "Jan 15, 2024", "JAN 5, 2024": English three-letter month
  bool time_of_day = false;      // any form above, then 'T' or ' ' and a clock time
                                 // ("T00:00:00", " 00:00:00", "T00:00:00.000Z", "T19:30-05:00"),
                                 // which is dropped: the date is the one written
};

// The date `text` (trimmed) spells in one of `formats`, or nullopt.
std::optional<Date> ParseDate(std::string_view text, const DateFormats& formats);
// ParseDate with a row-reject reason naming `field`: "missing GAME_DATE" when `text` is blank,
// "invalid GAME_DATE 'Feb 30, 2024'" when it is no date in `formats`.
Result<Date> ParseDateField(std::string_view field, std::string_view text,
                            const DateFormats& formats);

}  // namespace backcourt
