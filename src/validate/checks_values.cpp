// Value ranges: team points, pace, player minutes, active players per team-game.
#include <fmt/format.h>

#include "validate/check.h"

namespace backcourt {
namespace {

const std::vector<TeamRowFact>& OffenseRows(const ValidationFacts& f) {
  static const std::vector<TeamRowFact> kNone;
  auto it = f.team_rows.find(TeamOffenseName());
  return it == f.team_rows.end() ? kNone : it->second;
}

// A range check over one optional value of each team offense row; NULLs are counted apart.
template <class Value>
void TeamRange(const ValidationFacts& f, const Thresholds& t, const Range& range,
               const char* column, Value&& value, CheckResult& r) {
  Findings findings(t.max_examples);
  int64_t checked = 0, null_values = 0;
  for (const TeamRowFact& row : OffenseRows(f)) {
    const std::optional<double> v = value(row);
    if (!v) {
      ++null_values;
      continue;
    }
    ++checked;
    if (range.Contains(*v)) continue;
    findings.Add(row.game_date, fmt::format("{} {} {}: {} {:.1f}", row.game_date, row.game_id,
                                            row.team, column, *v));
  }
  r.expected = fmt::format("{} in [{}, {}]", column, range.lo, range.hi);
  r.observed =
      fmt::format("{} of {} rows outside", Thousands(findings.count()), Thousands(checked));
  r.passed = findings.count() == 0;
  r.message = fmt::format("{} rows without {} (not computable from their source) not checked",
                          Thousands(null_values), column);
  findings.MoveTo(r);
}

void TeamPoints(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  TeamRange(
      f, t, t.team_points, "points",
      [](const TeamRowFact& row) {
        return row.points ? std::optional<double>(static_cast<double>(*row.points)) : std::nullopt;
      },
      r);
}

void Pace(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  TeamRange(
      f, t, t.pace, "pace", [](const TeamRowFact& row) { return row.pace; }, r);
}

// The store returns the total and only the first rows: their dates stand for the rest.
void PlayerMinutes(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  for (const PlayerMinutesFact& p : f.minutes_outside.first) {
    findings.Add(p.game_date, fmt::format("{} {} {} {}: {:.1f} minutes", p.game_date, p.game_id,
                                          p.team, p.player_name, p.minutes));
  }
  const int64_t total = f.minutes_outside.second;
  r.expected = fmt::format("minutes_played in [{}, {}]", t.player_minutes.lo, t.player_minutes.hi);
  r.observed = fmt::format("{} rows outside", Thousands(total));
  r.passed = total == 0;
  r.message = r.passed ? "every player row's minutes lie in range"
                       : "minutes beyond the range mean a unit or parsing error upstream";
  findings.MoveTo(r);
}

void ActivePlayers(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  int64_t checked = 0;
  for (const PlayerTeamGameFact& p : f.player_team_games) {
    if (p.active == 0) continue;  // completeness reports team-games without players
    ++checked;
    if (t.active_players.Contains(static_cast<double>(p.active))) continue;
    findings.Add(p.game_date, fmt::format("{} {} {}: {} active players ({})", p.game_date,
                                          p.game_id, p.team, p.active, p.source));
  }
  r.expected = fmt::format("{} to {} active players per team-game", t.active_players.lo,
                           t.active_players.hi);
  r.observed =
      fmt::format("{} of {} team-games outside", Thousands(findings.count()), Thousands(checked));
  r.passed = findings.count() == 0;
  r.message = r.passed ? "every team-game has a plausible roster"
                       : "too few active players usually means a partial box score";
  findings.MoveTo(r);
}

}  // namespace

// Injury-report names that no box-score source resolved to an id: kept under "name:", counted.
void AvailabilityNames(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  for (const PlayerMinutesFact& p : f.unresolved_availability.first) {
    findings.Add(p.game_date,
                 fmt::format("{} {} {} {}", p.game_date, p.game_id, p.team, p.player_name));
  }
  const int64_t total = f.unresolved_availability.second;
  r.expected = "every reported player resolved to a player id";
  r.observed = fmt::format("{} rows under a name key", Thousands(total));
  r.passed = total == 0;
  r.message = r.passed ? "every injury-report name resolved"
                       : "report names no box score of the season spells alike (two-way and "
                         "injured-all-season players mostly): kept under name:<normalised>";
  findings.MoveTo(r);
}

void AddValueChecks(std::vector<CheckSpec>& specs) {
  specs.push_back({"player_availability", "resolved_players", Severity::kWarning,
                   "injury-report players resolved to ids (unresolved kept by name, counted)",
                   AvailabilityNames});
  specs.push_back({TeamOffenseName(), "points_range", Severity::kBlocking,
                   "team points lie in the accepted range", TeamPoints});
  specs.push_back({TeamOffenseName(), "pace_range", Severity::kBlocking,
                   "pace lies in the accepted range", Pace});
  specs.push_back({PlayerGameName(), "minutes_range", Severity::kBlocking,
                   "player minutes lie in the accepted range", PlayerMinutes});
  specs.push_back({PlayerGameName(), "active_players_range", Severity::kBlocking,
                   "active players per team-game lie in the accepted range", ActivePlayers});
}

}  // namespace backcourt
