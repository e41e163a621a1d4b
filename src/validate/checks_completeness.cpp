// Completeness against the schedule, and duplicate keys.
#include <fmt/format.h>

#include "validate/check.h"

namespace backcourt {
namespace {

std::string Matchup(const ExpectedGame& g) {
  return fmt::format("{} {} {} {}@{}", g.game_date, g.game_id, g.game_type, g.away_team,
                     g.home_team);
}

// " [partition failed: reason]" when the date's partition is not a plain ok.
std::string PartitionNote(const ValidationFacts& f, const std::string& table,
                          const std::string& date) {
  const PartitionFact* p = f.Partition(table, date);
  if (p == nullptr) return " [no partition record: not built]";
  if (p->status == PartitionStatus::kOk && p->last_error.empty()) return "";
  // The first clause of the partition's note says enough: the example names the teams.
  std::string reason = p->last_error.substr(0, p->last_error.find(':'));
  if (reason.size() > 60) reason = reason.substr(0, 57) + "...";
  return fmt::format(" [partition {}{}{}]", ToString(p->status), reason.empty() ? "" : ": ",
                     reason);
}

std::string ByType(const std::map<std::string, int64_t>& by_type, std::string_view unit) {
  std::vector<std::string> parts;
  for (const auto& [type, n] : by_type) parts.push_back(fmt::format("{} {} {}", type, n, unit));
  return fmt::format("{}", fmt::join(parts, ", "));
}

// Team-games (both sides of every counting final game) for which `present` is false. Every
// missing team-game is a finding whatever the verdict; the verdict is each season's share
// against `min_pct`, over the team-games that count toward the season's statistics: the
// regular season (NBA Cup group and knockout games included) and the playoffs. Play-in games
// and the Cup final count toward neither (as Basketball-Reference keeps them): they are
// listed like every gap but kept out of the share, unless --strict.
template <class Present>
void MissingTeamGames(const ValidationFacts& f, const Thresholds& t, const std::string& table,
                      Present&& present, const char* what, double min_pct, CheckResult& r) {
  Findings findings(t.max_examples);
  std::map<std::string, int64_t> by_type;
  SeasonShares shares;
  for (const ExpectedGame& g : f.games) {
    std::vector<std::string> missing;
    for (const std::string& team : {g.home_team, g.away_team}) {
      if (!present(TeamGameKey{g.game_id, team})) missing.push_back(team);
    }
    const int64_t n = static_cast<int64_t>(missing.size());
    const bool counts = g.game_type != "cup_final" && g.game_type != "play_in";
    if (counts || t.share_includes_every_game) shares.Add(g.season, 2 - n, 2);
    if (missing.empty()) continue;
    by_type[g.game_type] += n;
    findings.Add(g.game_date,
                 fmt::format("{}: {} {}{}", Matchup(g), what, fmt::join(missing, ", "),
                             PartitionNote(f, table, g.game_date)),
                 n);
  }
  const int64_t expected = 2 * static_cast<int64_t>(f.games.size());
  const int64_t missing = findings.count();
  r.expected = fmt::format("{}% of each season's team-games ({} final games x 2 in range)",
                           min_pct, Thousands(static_cast<int64_t>(f.games.size())));
  r.observed = fmt::format("{} present, {} missing; share by season: {}", Thousands(expected - missing),
                           Thousands(missing), shares.Describe());
  r.passed = shares.AllAtLeast(min_pct);
  findings.MoveTo(r);
  if (missing == 0) {
    r.message = "every final game of the range has both team-games";
  } else {
    r.message = fmt::format("{} of {} team-games are missing ({}){}", Thousands(missing),
                            Thousands(expected), ByType(by_type, "team-games"),
                            r.passed ? ", within the threshold: listed as warnings" : "");
  }
}

int64_t RowsOutsideSchedule(const ValidationFacts& f, const std::set<TeamGameKey>& keys) {
  int64_t outside = 0;
  for (const TeamGameKey& key : keys) outside += f.expected_ids.count(key.first) == 0;
  return outside;
}

void TeamCompleteness(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  static const std::set<TeamGameKey> kNone;
  auto it = f.team_keys.find(r.table);
  const std::set<TeamGameKey>& keys = it == f.team_keys.end() ? kNone : it->second;
  MissingTeamGames(
      f, t, r.table, [&](const TeamGameKey& k) { return keys.count(k) > 0; }, "no team row for",
      t.min_team_games_pct, r);
  if (!r.passed) r.message += ": two team rows are expected for every final game";
  if (const int64_t outside = RowsOutsideSchedule(f, keys)) {
    r.message += fmt::format(
        "; {} rows belong to games the schedule does not list as counting "
        "finals (inferred games)",
        Thousands(outside));
  }
}

void PlayerCompleteness(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  MissingTeamGames(
      f, t, r.table,
      [&](const TeamGameKey& k) {
        auto it = f.player_by_key.find(k);
        return it != f.player_by_key.end() && it->second->active > 0;
      },
      "no active player rows for", t.min_player_team_games_pct, r);
  if (!r.examples.empty()) {
    r.message +=
        ": these team-games have no player rows, so player stats, usage and features "
        "are missing for them (no ingested source holds their player box, or they "
        "were not built)";
  }
}

// A team plays one game a date: two game ids for one team on one date mean one of them is
// wrong (a bogus or misdated schedule row). The engine builds the better-supported game and
// lists the other as a gap; this names both.
void OneGamePerTeamAndDate(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> games;
  for (const ExpectedGame& g : f.games) {
    games[{g.game_date, g.home_team}].push_back(g.game_id);
    games[{g.game_date, g.away_team}].push_back(g.game_id);
  }
  for (const auto& [key, ids] : games) {
    if (ids.size() < 2) continue;
    findings.Add(key.first, fmt::format("{}: {} plays {} games: {}", key.first, key.second,
                                        ids.size(), fmt::join(ids, " and ")));
  }
  r.expected = "one game per team and date";
  r.observed = fmt::format("{} team-dates with two or more game ids", Thousands(findings.count()));
  r.passed = findings.count() == 0;
  r.message = r.passed ? "no team plays twice on a date"
                       : "the schedule gives a team two games on one date: check the files that "
                         "brought the second game id (backcourt status lists the files)";
  findings.MoveTo(r);
}

void DuplicateKeys(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  auto it = f.duplicates.find(r.table);
  if (it != f.duplicates.end()) {
    for (const DuplicateKeyFact& d : it->second) {
      findings.Add(d.game_date,
                   fmt::format("{} key ({}) held by {} rows", d.game_date, d.key, d.count));
    }
  }
  const TableInfo* info = f.Table(r.table);
  r.expected = "0 duplicated keys";
  r.observed = fmt::format("{} duplicated keys", Thousands(findings.count()));
  r.passed = findings.count() == 0;
  r.message = fmt::format("key ({}) {}", fmt::join(info->primary_key, ", "),
                          r.passed ? "is unique" : "is held by several rows");
  findings.MoveTo(r);
}

}  // namespace

void AddCompletenessChecks(std::vector<CheckSpec>& specs) {
  for (const std::string& table : {TeamOffenseName(), TeamDefenseName()}) {
    specs.push_back({table, "completeness", Severity::kBlocking,
                     "two team rows for every final game of the schedule", TeamCompleteness});
  }
  specs.push_back({TeamOffenseName(), "one_game_per_team_date", Severity::kBlocking,
                   "no team has two game ids on one date", OneGamePerTeamAndDate});
  specs.push_back({PlayerGameName(), "completeness", Severity::kBlocking,
                   "active player rows for every team-game of every final game",
                   PlayerCompleteness});
  for (const std::string& table : {TeamOffenseName(), TeamDefenseName(), PlayerGameName()}) {
    specs.push_back({table, "duplicate_keys", Severity::kBlocking,
                     "no primary key is held by two rows", DuplicateKeys});
  }
}

}  // namespace backcourt
