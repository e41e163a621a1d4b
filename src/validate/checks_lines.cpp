// Betting-line coverage (issue 14), informational: lined player-games whose player resolved
// to an NBA.com id, lined player-games without a result (the player did not play), final
// games with a game line, and raw line rows that fit no game. Warnings, never blocking:
// lines are an input a season may lack.
#include <fmt/format.h>

#include <map>

#include "validate/check.h"

namespace backcourt {
namespace {

constexpr double kMinResolvedPct = 99.0;       // issue 14: lined names resolved
constexpr double kMaxWithoutResultPct = 10.0;  // players ruled out after lines were posted (~5%)
constexpr double kMinGamesLinedPct = 95.0;     // of a season that has any game line

void Resolved(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  SeasonShares shares;
  std::map<std::string, std::pair<std::string, int64_t>> unresolved;  // name -> first date, count
  for (const LinedPlayerGameFact& l : f.lined_player_games) {
    shares.Add(l.season, l.resolved ? 1 : 0, 1);
    if (l.resolved) continue;
    auto [it, added] = unresolved.try_emplace(l.player_name, l.game_date, 0);
    ++it->second.second;
  }
  for (const auto& [name, seen] : unresolved) {
    findings.Add(seen.first,
                 fmt::format("{}: {} player-game(s) kept under a name key, first {}", name,
                             seen.second, seen.first),
                 seen.second);
  }
  r.expected = fmt::format(">= {}% of each season's lined player-games", kMinResolvedPct);
  r.observed = fmt::format("{} ({} of {}); by season: {}", Percent(shares.part(), shares.whole()),
                           Thousands(shares.part()), Thousands(shares.whole()), shares.Describe());
  r.passed = shares.AllAtLeast(kMinResolvedPct);
  r.message = shares.whole() == 0 ? "no lined player-games in range"
                                  : fmt::format(
                                        "{} lined player-game(s) under a name key (names "
                                        "no player row of the season spells that way)",
                                        Thousands(findings.count()));
  findings.MoveTo(r);
}

void WithoutResult(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  const TableInfo* players = f.Table(PlayerGameName());
  if (players == nullptr || !players->exists) {
    r.expected = "player_game_summary built";
    r.observed = "results unknown";
    r.message = "player_game_summary is not built: lined player-games cannot be matched to results";
    return;
  }
  Findings findings(t.max_examples);
  SeasonShares shares;  // part: player-games without a result
  for (const LinedPlayerGameFact& l : f.lined_player_games) {
    shares.Add(l.season, l.has_result ? 0 : 1, 1);
    if (l.has_result) continue;
    findings.Add(l.game_date,
                 fmt::format("{} {} {} ({})", l.game_date, l.game_id, l.player_name, l.player_key));
  }
  r.expected = fmt::format("<= {}% of each season's lined player-games", kMaxWithoutResultPct);
  r.observed = fmt::format("{} without a result ({} of {}); by season: {}",
                           Percent(shares.part(), shares.whole()), Thousands(shares.part()),
                           Thousands(shares.whole()), shares.Describe());
  SeasonShares with_result;
  for (const LinedPlayerGameFact& l : f.lined_player_games) {
    with_result.Add(l.season, l.has_result ? 1 : 0, 1);
  }
  r.passed = with_result.AllAtLeast(100.0 - kMaxWithoutResultPct);
  r.message = fmt::format(
      "{} lined player-game(s) have no active box-score row: the player did not play that day "
      "(ruled out after the line was posted) or his box score is missing; each is listed",
      Thousands(findings.count()));
  findings.MoveTo(r);
}

void GamesLined(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  SeasonShares shares;
  std::map<std::string, int64_t> lined_by_season;
  for (const ExpectedGame& g : f.games)
    lined_by_season[g.season] += f.game_line_ids.count(g.game_id);
  SeasonShares lined_seasons;  // seasons with any game line
  for (const ExpectedGame& g : f.games) {
    const bool lined = f.game_line_ids.count(g.game_id) > 0;
    shares.Add(g.season, lined, 1);
    if (lined_by_season[g.season] == 0) continue;
    lined_seasons.Add(g.season, lined, 1);
    if (!lined) {
      findings.Add(g.game_date, fmt::format("{} {} {} @ {}: no spread or total", g.game_date,
                                            g.game_id, g.away_team, g.home_team));
    }
  }
  r.expected = fmt::format(">= {}% of the final games of each season that has game lines",
                           kMinGamesLinedPct);
  r.observed = fmt::format("{} ({} of {} final games); by season: {}",
                           Percent(shares.part(), shares.whole()), Thousands(shares.part()),
                           Thousands(shares.whole()), shares.Describe());
  r.passed = lined_seasons.AllAtLeast(kMinGamesLinedPct);
  r.message = fmt::format("{} final game(s) without a game line in seasons that have lines",
                          Thousands(findings.count()));
  findings.MoveTo(r);
}

void Unplaced(const ValidationFacts& f, const Thresholds& t, CheckResult& r,
              const std::string& raw_table) {
  Findings findings(t.max_examples);
  for (const UnplacedLinesFact& u : f.unplaced_lines) {
    if (u.table != raw_table) continue;
    findings.Add(
        u.game_date,
        fmt::format("{} {} @ {}: {} row(s)", u.game_date, u.away_team, u.home_team, u.rows),
        u.rows);
  }
  r.expected = "0 rows";
  r.observed =
      fmt::format("{} {} row(s) fit no schedule game", Thousands(findings.count()), raw_table);
  r.passed = findings.count() == 0;
  r.message = r.passed ? "every line row's date and teams match a schedule game"
                       : "kept in the raw table, never dropped: no game of the schedule has "
                         "that date and those teams";
  findings.MoveTo(r);
}

}  // namespace

void AddLineChecks(std::vector<CheckSpec>& specs) {
  specs.push_back({PropLinesName(), "lined_players_resolved", Severity::kWarning,
                   "lined player-games whose player name resolves to an NBA.com id", Resolved});
  specs.push_back({PropLinesName(), "lined_without_result", Severity::kWarning,
                   "lined player-games without a result (the player did not play), listed",
                   WithoutResult});
  specs.push_back({GameLinesName(), "final_games_lined", Severity::kWarning,
                   "final games with a pre-tip spread or total", GamesLined});
  specs.push_back({PropLinesName(), "lines_unplaced", Severity::kWarning,
                   "raw player points lines that fit no schedule game",
                   [](const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
                     Unplaced(f, t, r, "raw_prop_lines");
                   }});
  specs.push_back({GameLinesName(), "lines_unplaced", Severity::kWarning,
                   "raw spreads and totals that fit no schedule game",
                   [](const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
                     Unplaced(f, t, r, "raw_game_lines");
                   }});
}

}  // namespace backcourt
