#include "validate/calendar_svg.h"

#include <fmt/format.h>

#include <map>

#include "core/date.h"
#include "core/season.h"

namespace backcourt {
namespace {

constexpr int kCell = 11;        // cell side, px
constexpr int kStep = 13;        // cell plus gap
constexpr int kLabelWidth = 58;  // season label column
constexpr int kRowHeight = 7 * kStep + 18;

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Monday = 0. 1970-01-01 was a Thursday.
int Weekday(Date d) { return ((d.days() % 7) + 7 + 3) % 7; }

struct SeasonSpan {
  Date first, last;
};

std::map<std::string, SeasonSpan> Seasons(const std::vector<DayCell>& days) {
  std::map<std::string, SeasonSpan> seasons;
  for (const DayCell& day : days) {
    const auto date = Date::ParseIso(day.date);
    if (!date) continue;
    auto [it, inserted] = seasons.try_emplace(Season::Of(*date).label(), SeasonSpan{*date, *date});
    if (!inserted) {
      it->second.first = std::min(it->second.first, *date);
      it->second.last = std::max(it->second.last, *date);
    }
  }
  return seasons;
}

// One season's row: month labels on top, then one column of 7 cells per week.
std::string SeasonRow(const std::string& label, const SeasonSpan& span, int y,
                      const std::map<std::string, const DayCell*>& by_date) {
  std::string svg = fmt::format("<text x=\"0\" y=\"{}\" class=\"season\">{}</text>\n",
                                y + 18 + 3 * kStep + 9, label);
  const Date monday = span.first.AddDays(-Weekday(span.first));
  for (Date d = span.first; d <= span.last; d = d.AddDays(1)) {
    const int week = (d.days() - monday.days()) / 7;
    const int x = kLabelWidth + week * kStep;
    if (d.day() == 1 || (d == span.first && d.day() <= 20)) {  // no overlapping labels
      svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"month\">{}</text>\n", x, y + 10,
                         kMonths[d.month() - 1]);
    }
    auto it = by_date.find(d.ToIso());
    const DayState state = it == by_date.end() ? DayState::kNone : it->second->state;
    const std::string tip = it == by_date.end() ? d.ToIso() + ": no games" : it->second->tip;
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\">"
        "<title>{}</title></rect>\n",
        x, y + 16 + Weekday(d) * kStep, kCell, kCell, DayStateColour(state), HtmlEscape(tip));
  }
  return svg;
}

}  // namespace

std::string_view DayStateName(DayState state) {
  switch (state) {
    case DayState::kNone:
      return "no game scheduled";
    case DayState::kNoGames:
      return "no_games (recorded)";
    case DayState::kOk:
      return "ok";
    case DayState::kIncomplete:
      return "ok, games missing";
    case DayState::kStale:
      return "stale";
    case DayState::kMissing:
      return "missing";
    case DayState::kFailed:
      return "failed";
    case DayState::kBlocked:
      return "blocked";
  }
  return "";
}

std::string_view DayStateColour(DayState state) {
  switch (state) {
    case DayState::kNone:
      return "#eef0f2";
    case DayState::kNoGames:
      return "#c8ced6";
    case DayState::kOk:
      return "#2da44e";
    case DayState::kIncomplete:
      return "#f0883e";
    case DayState::kStale:
      return "#d4a72c";
    case DayState::kMissing:
      return "#cf222e";
    case DayState::kFailed:
      return "#6e0f1a";
    case DayState::kBlocked:
      return "#8250df";
  }
  return "#ffffff";
}

const std::vector<DayState>& AllDayStates() {
  static const std::vector<DayState> states = {
      DayState::kOk,      DayState::kIncomplete, DayState::kMissing, DayState::kFailed,
      DayState::kBlocked, DayState::kStale,      DayState::kNoGames, DayState::kNone};
  return states;
}

std::string CalendarSvg(const std::vector<DayCell>& days) {
  std::map<std::string, const DayCell*> by_date;
  for (const DayCell& day : days) by_date[day.date] = &day;
  const auto seasons = Seasons(days);
  int width = kLabelWidth, y = 0;
  std::string rows;
  for (const auto& [label, span] : seasons) {
    rows += SeasonRow(label, span, y, by_date);
    const int weeks = (span.last.days() - span.first.days() + Weekday(span.first)) / 7 + 1;
    width = std::max(width, kLabelWidth + weeks * kStep);
    y += kRowHeight;
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\" role=\"img\">\n{}</svg>\n",
      width, std::max(y, 1), width, std::max(y, 1), rows);
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace backcourt
