#pragma once
// A calendar heatmap as inline SVG: one row of weeks per season, one cell per date,
// coloured by the state of the date's partition.
#include <string>
#include <string_view>
#include <vector>

namespace backcourt {

enum class DayState { kNone, kNoGames, kOk, kIncomplete, kStale, kMissing, kFailed, kBlocked };

std::string_view DayStateName(DayState state);
std::string_view DayStateColour(DayState state);
// Every state, in legend order.
const std::vector<DayState>& AllDayStates();

struct DayCell {
  std::string date;  // ISO
  DayState state = DayState::kNone;
  std::string tip;  // tooltip text
};

// `days` ascending; dates between them that are absent are drawn as kNone.
std::string CalendarSvg(const std::vector<DayCell>& days);

// Escapes text for HTML and SVG (&, <, >, ").
std::string HtmlEscape(std::string_view text);

}  // namespace backcourt
