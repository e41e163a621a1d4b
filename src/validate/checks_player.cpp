// Player coverage and consistency: minutes and usage coverage, team points = Σ player
// points, and Σ usage shares (DESIGN.md §4 invariant).
#include <fmt/format.h>

#include <cmath>

#include "validate/check.h"

namespace backcourt {
namespace {

// Active rows of one team-game all come from one source with full box scores.
bool FullBox(const PlayerTeamGameFact& p) {
  return p.active > 0 && p.active_sources == 1 &&
         (p.source == "nba_box" || p.source == "bbref" || p.source == "balldontlie");
}

std::string Where(const PlayerTeamGameFact& p) {
  return fmt::format("{} {} {}", p.game_date, p.game_id, p.team);
}

void MinutesCoverage(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  SeasonShares shares;
  for (const PlayerTeamGameFact& p : f.player_team_games) {
    shares.Add(f.SeasonOf(p.game_id, p.game_date), p.minutes_present, p.active);
    if (p.minutes_present < p.active) {
      findings.Add(p.game_date,
                   fmt::format("{}: {} of {} active rows without minutes ({})", Where(p),
                               p.active - p.minutes_present, p.active, p.source),
                   p.active - p.minutes_present);
    }
  }
  const int64_t active = shares.whole(), present = shares.part();
  r.expected = fmt::format(">= {}% of each season's active rows", t.min_minutes_coverage_pct);
  r.observed = fmt::format("{} ({} of {} active rows); by season: {}", Percent(present, active),
                           Thousands(present), Thousands(active), shares.Describe());
  r.passed = shares.AllAtLeast(t.min_minutes_coverage_pct);
  r.message = active == 0
                  ? "no active player rows in range"
                  : fmt::format("{} active rows lack minutes_played", Thousands(active - present));
  findings.MoveTo(r);
}

void UsageCoverage(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  SeasonShares shares;
  int64_t not_provided = 0;
  for (const PlayerTeamGameFact& p : f.player_team_games) {
    shares.Add(f.SeasonOf(p.game_id, p.game_date), p.usage_present, p.usage_eligible);
    not_provided += p.not_provided;
    if (p.usage_present < p.usage_eligible) {
      findings.Add(p.game_date,
                   fmt::format("{}: {} of {} rows without usage_rate ({})", Where(p),
                               p.usage_eligible - p.usage_present, p.usage_eligible, p.source),
                   p.usage_eligible - p.usage_present);
    }
  }
  const int64_t eligible = shares.whole(), present = shares.part();
  r.expected = fmt::format(
      ">= {}% of each season's active rows with shooting data and minutes > 0",
      t.min_usage_coverage_pct);
  r.observed = fmt::format("{} ({} of {}); not provided by source: {} rows; by season: {}",
                           Percent(present, eligible), Thousands(present), Thousands(eligible),
                           Thousands(not_provided), shares.Describe());
  r.passed = shares.AllAtLeast(t.min_usage_coverage_pct);
  r.message = fmt::format(
      "{} eligible rows lack usage_rate (missing); {} active rows come from sources without "
      "shooting columns (reduced logs) and are counted apart as not provided by source",
      Thousands(eligible - present), Thousands(not_provided));
  findings.MoveTo(r);
}

void PointsMatch(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  int64_t compared = 0;
  for (const PlayerTeamGameFact& p : f.player_team_games) {
    if (!FullBox(p) || !p.points_sum) continue;
    auto team = f.offense_by_key.find({p.game_id, p.team});
    if (team == f.offense_by_key.end() || !team->second->points ||
        team->second->rebuilt_from_players) {
      continue;
    }
    ++compared;
    const int64_t team_points = *team->second->points;
    if (team_points == *p.points_sum) continue;
    findings.Add(p.game_date,
                 fmt::format("{}: team {} ({}), players {} ({})", Where(p), team_points,
                             team->second->primary_source, *p.points_sum, p.source));
  }
  r.expected = fmt::format("<= {}% of full-box team-games mismatch", t.max_points_mismatch_pct);
  r.observed = fmt::format("{} ({} of {} team-games)", Percent(findings.count(), compared),
                           Thousands(findings.count()), Thousands(compared));
  r.passed = compared == 0 || Pct(findings.count(), compared) <= t.max_points_mismatch_pct;
  r.message = fmt::format(
      "team points vs Σ player points over team-games whose active rows come from one full "
      "box source: {} mismatch{}",
      Thousands(findings.count()),
      findings.count() == 0 ? "" : " (real sources disagree on a few games; each is listed)");
  findings.MoveTo(r);
}

// The part of a team's possessions its players account for once team turnovers (counted in
// the team's tov, credited to no player) are set aside: Σ shares sum to 100 × this.
double PlayerTurnoverFactor(const TeamRowFact& team, const PlayerTeamGameFact& p) {
  if (!team.fga || !team.fta || !team.tov || !p.tov_sum || *team.tov <= *p.tov_sum) return 1.0;
  const double shots = static_cast<double>(*team.fga) + 0.44 * static_cast<double>(*team.fta);
  return (shots + static_cast<double>(*p.tov_sum)) / (shots + static_cast<double>(*team.tov));
}

// Σ usage × MIN / (TmMIN/5), TmMIN the team row's (the real minutes): a value near 110 means
// usage was computed with the wrong team minutes. Team turnovers are set aside.
void UsageShares(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  int64_t compared = 0, team_turnovers = 0;
  for (const PlayerTeamGameFact& p : f.player_team_games) {
    auto team = f.offense_by_key.find({p.game_id, p.team});
    if (!FullBox(p) || p.usage_eligible == 0 || p.usage_present < p.usage_eligible ||
        !p.usage_minutes || team == f.offense_by_key.end()) {
      continue;
    }
    const std::optional<double> minutes =
        team->second->team_minutes ? team->second->team_minutes : p.team_minutes;
    if (!minutes || *minutes <= 0) continue;
    ++compared;
    const double share = *p.usage_minutes / (*minutes / 5.0);
    if (t.usage_share.Contains(share)) continue;
    const double factor = PlayerTurnoverFactor(*team->second, p);
    if (factor < 1.0 && t.usage_share.Contains(share / factor)) {
      ++team_turnovers;
      continue;
    }
    findings.Add(p.game_date,
                 fmt::format("{}: Σ usage share {:.2f}, {:.2f} without team turnovers (team "
                             "minutes {:.0f}, {})",
                             Where(p), share, share / factor, *minutes, p.source));
  }
  r.expected =
      fmt::format("Σ usage_rate × MIN / (TmMIN/5) in [{}, {}] for >= {}% of team-games",
                  t.usage_share.lo, t.usage_share.hi, 100.0 - t.max_usage_share_outside_pct);
  r.observed =
      fmt::format("{} outside ({} of {} full-box team-games)", Percent(findings.count(), compared),
                  Thousands(findings.count()), Thousands(compared));
  r.passed = compared == 0 || Pct(findings.count(), compared) <= t.max_usage_share_outside_pct;
  r.message = fmt::format(
      "{} team-games fall outside the band only because of team turnovers (in the team's tov, "
      "credited to no player) and are accepted{}",
      Thousands(team_turnovers),
      findings.count() == 0 ? ""
                            : "; near 110 means wrong team minutes, low means missing players");
  findings.MoveTo(r);
}

}  // namespace

void AddPlayerChecks(std::vector<CheckSpec>& specs) {
  const std::string& t = PlayerGameName();
  specs.push_back({t, "minutes_coverage", Severity::kBlocking,
                   "minutes_played present on active rows", MinutesCoverage});
  specs.push_back({t, "usage_coverage", Severity::kBlocking,
                   "usage_rate present on active rows whose source provides shooting data",
                   UsageCoverage});
  specs.push_back({t, "points_match", Severity::kBlocking,
                   "team points equal Σ player points on full-box team-games", PointsMatch});
  specs.push_back({t, "usage_share_sum", Severity::kBlocking,
                   "Σ usage shares of a full-box team-game lie in the accepted band", UsageShares});
}

}  // namespace backcourt
