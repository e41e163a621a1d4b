#pragma once
// Calendar dates as days since 1970-01-01, stored and printed as ISO "YYYY-MM-DD".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
  // NBA season label: a season starts in August at the earliest ("2024-25").
  std::string SeasonLabel() const;

  friend constexpr auto operator<=>(Date, Date) = default;

 private:
  int32_t days_ = 0;
};

bool IsValidYmd(int year, int month, int day);

}  // namespace backcourt
