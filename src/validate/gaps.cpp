#include "validate/gaps.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>
#include <set>

namespace backcourt {
namespace {

bool Present(const ValidationFacts& f, const std::string& table, const TeamGameKey& key) {
  if (table == PlayerGameName()) {
    auto it = f.player_by_key.find(key);
    return it != f.player_by_key.end() && it->second->active > 0;
  }
  auto keys = f.team_keys.find(table);
  return keys != f.team_keys.end() && keys->second.count(key) > 0;
}

// The partition's state, and why the game is missing: the partition's own gap reason for
// it when it has one, else its last error.
void FillPartition(const ValidationFacts& f, Gap& gap, const std::string& team = "") {
  const PartitionFact* p = f.Partition(gap.table, gap.game_date);
  gap.partition_status = p ? ToString(p->status) : "missing";
  gap.reason = p ? p->last_error : "never built";
  if (const PartitionGapFact* why = f.GapOf(gap.table, gap.game_id, team)) gap.reason = why->reason;
}

void GameGaps(const ValidationFacts& f, const std::string& table, std::vector<Gap>& out) {
  for (const ExpectedGame& g : f.games) {
    std::string missing, first;
    for (const std::string& team : {g.home_team, g.away_team}) {
      if (Present(f, table, {g.game_id, team})) continue;
      missing += (missing.empty() ? "" : " ") + team;
      if (first.empty()) first = team;
    }
    if (missing.empty()) continue;
    Gap gap{table,
            g.game_date,
            g.game_id,
            g.game_type,
            fmt::format("{}@{}", g.away_team, g.home_team),
            missing,
            "",
            ""};
    FillPartition(f, gap, first);
    out.push_back(std::move(gap));
  }
}

// The partitions' own gaps, game by game: every one for tables validation reads no rows of;
// for the others only the raw rows that fit no game (no game id: no expected game shows them).
void PartitionGaps(const ValidationFacts& f, const std::string& table, bool only_unplaced,
                   std::vector<Gap>& out) {
  std::map<std::string, const ExpectedGame*> games;
  for (const ExpectedGame& g : f.games) games[g.game_id] = &g;
  for (const PartitionGapFact& p : f.partition_gaps) {
    if (p.table_name != table || (only_unplaced && !p.game_id.empty())) continue;
    auto game = games.find(p.game_id);
    Gap gap{table, p.game_date, p.game_id, "", "", p.team, "", ""};
    if (game != games.end()) {
      gap.game_type = game->second->game_type;
      gap.matchup = fmt::format("{}@{}", game->second->away_team, game->second->home_team);
    }
    FillPartition(f, gap, p.team);
    out.push_back(std::move(gap));
  }
}

void DateGaps(const ValidationFacts& f, const std::string& table, std::vector<Gap>& out) {
  std::set<std::string> dates;
  for (const ExpectedGame& g : f.games) dates.insert(g.game_date);
  for (const std::string& date : dates) {
    const PartitionFact* p = f.Partition(table, date);
    if (p != nullptr && IsDone(p->status)) continue;
    Gap gap{table, date, "", "", "", "", "", ""};
    FillPartition(f, gap);
    out.push_back(std::move(gap));
  }
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

std::vector<Gap> ComputeGaps(const ValidationFacts& facts, const std::string& table) {
  std::vector<Gap> gaps;
  for (const TableInfo& info : facts.tables) {
    if (!table.empty() && info.name != table) continue;
    const bool rows_known = info.name == TeamOffenseName() || info.name == TeamDefenseName() ||
                            info.name == PlayerGameName();
    if (rows_known) {
      GameGaps(facts, info.name, gaps);
    } else {
      DateGaps(facts, info.name, gaps);
    }
    PartitionGaps(facts, info.name, rows_known, gaps);
  }
  return gaps;
}

std::vector<std::string> GapDates(const std::vector<Gap>& gaps) {
  std::set<std::string> dates;
  for (const Gap& gap : gaps) dates.insert(gap.game_date);
  return {dates.begin(), dates.end()};
}

void WriteGapsCsv(std::ostream& out, const std::vector<Gap>& gaps) {
  fmt::print(out,
             "table,game_date,game_id,game_type,matchup,missing_teams,partition_status,reason\n");
  for (const Gap& g : gaps) {
    fmt::print(out, "{},{},{},{},{},{},{},{}\n", g.table, g.game_date, g.game_id, g.game_type,
               g.matchup, g.missing_teams, g.partition_status, CsvField(g.reason));
  }
}

}  // namespace backcourt
