#include "validate/coverage.h"

#include <fmt/format.h>

#include <map>

#include "core/season.h"
#include "validate/check.h"

namespace backcourt {
namespace {

using Periods = std::map<std::string, CoverageRow>;

CoverageRow& At(Periods& periods, const std::string& table, const std::string& period) {
  CoverageRow& row = periods[period];
  row.table = table;
  row.period = period;
  return row;
}

void AddExpected(const ValidationFacts& f, const std::string& table, CoverageBy by,
                 Periods& periods) {
  const bool player = table == PlayerGameName();
  auto keys = f.team_keys.find(table);
  for (const ExpectedGame& g : f.games) {
    CoverageRow& row = At(periods, table, PeriodOf(g.game_date, by));
    row.player_table = player;
    int present = 0;
    for (const std::string& team : {g.home_team, g.away_team}) {
      const TeamGameKey key{g.game_id, team};
      if (player) {
        auto it = f.player_by_key.find(key);
        present += it != f.player_by_key.end() && it->second->active > 0;
      } else {
        present += keys != f.team_keys.end() && keys->second.count(key) > 0;
      }
    }
    row.expected_games += 1;
    row.complete_games += present == 2;
    row.expected_team_games += 2;
    row.present_team_games += present;
  }
}

void AddRows(const ValidationFacts& f, const std::string& table, CoverageBy by, Periods& periods) {
  if (table != PlayerGameName()) {
    auto rows = f.team_rows.find(table);
    if (rows == f.team_rows.end()) return;
    for (const TeamRowFact& r : rows->second) At(periods, table, PeriodOf(r.game_date, by)).rows++;
    return;
  }
  for (const PlayerTeamGameFact& p : f.player_team_games) {
    CoverageRow& row = At(periods, table, PeriodOf(p.game_date, by));
    row.player_table = true;
    row.rows += p.rows;
    row.active_rows += p.active;
    row.minutes_present += p.minutes_present;
    row.usage_eligible += p.usage_eligible;
    row.usage_present += p.usage_present;
    row.not_provided += p.not_provided;
  }
}

}  // namespace

Result<CoverageBy> ParseCoverageBy(const std::string& text) {
  if (text == "date") return CoverageBy::kDate;
  if (text == "month") return CoverageBy::kMonth;
  if (text == "season") return CoverageBy::kSeason;
  return InvalidInput(fmt::format("--by must be date, month or season, not '{}'", text));
}

std::string PeriodOf(const std::string& date, CoverageBy by) {
  switch (by) {
    case CoverageBy::kDate:
      return date;
    case CoverageBy::kMonth:
      return date.substr(0, 7);
    case CoverageBy::kSeason: {
      const auto season = Season::OfIso(date);
      return season ? season->label() : date.substr(0, 4);
    }
  }
  return date;
}

double CoverageRow::minutes_pct() const { return Pct(minutes_present, active_rows); }
double CoverageRow::usage_pct() const { return Pct(usage_present, usage_eligible); }

std::vector<CoverageRow> ComputeCoverage(const ValidationFacts& facts, CoverageBy by,
                                         const std::string& table) {
  std::vector<CoverageRow> out;
  for (const std::string& name : {TeamOffenseName(), TeamDefenseName(), PlayerGameName()}) {
    if ((!table.empty() && name != table) || facts.Table(name) == nullptr) continue;
    Periods periods;
    AddExpected(facts, name, by, periods);
    AddRows(facts, name, by, periods);
    for (auto& [period, row] : periods) out.push_back(std::move(row));
  }
  return out;
}

}  // namespace backcourt
