#pragma once
// NBA seasons: a label ("2024-25") and a window, the dates that belong to the season. The
// windows tile the calendar (each date is in exactly one season): a season runs from August
// 1st to July 31st, except the two that COVID moved. 2019-20 ran to October 11, 2020 (the
// bubble, restarted on July 30): its window runs to October 31, 2020. 2020-21 opened on
// December 22, 2020 and ended on July 20, 2021: its window runs from November 1st, 2020.
//
// This is the season of a date alone. A game that the schedule places in a season belongs
// to that season: the schedule's label wins for its games.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace backcourt {

class Season {
 public:
  // The season that starts in `start_year` (2024: "2024-25").
  constexpr explicit Season(int start_year) : start_year_(start_year) {}
  // The season whose window holds `date`.
  static Season Of(Date date);
  // The same for an ISO date; nullopt when `date` is not one.
  static std::optional<Season> OfIso(std::string_view date);
  // "YYYY-YY" of consecutive years, from 1946-47 on; nullopt otherwise.
  static std::optional<Season> Parse(std::string_view label);

  int start_year() const { return start_year_; }
  std::string label() const;
  Date first() const;  // the window's first date
  Date last() const;   // the window's last date: the day before the next season's first
  bool Contains(Date date) const { return first() <= date && date <= last(); }
  // Whether the whole window is before `today`: nothing of the season can change any more.
  bool IsOver(Date today) const { return today > last(); }

  friend constexpr auto operator<=>(Season, Season) = default;

 private:
  int start_year_;
};

}  // namespace backcourt
