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

}  // namespace backcourt
