#include "validate/facts.h"

#include <set>
#include <tuple>

#include "core/date.h"
#include "core/season.h"
#include "engine/resolved_schedule.h"
#include "tables/market_lines.h"
#include "tables/player_game_features.h"
#include "tables/player_game_summary.h"
#include "tables/team_defense_game_summary.h"
#include "tables/team_offense_game_summary.h"

namespace backcourt {
namespace {

// Every game of [first, last] as the builds resolved them (none without a range).
Result<std::vector<Game>> ResolvedGamesOf(Db& db, const std::string& first,
                                          const std::string& last) {
  if (first.empty() || last.empty()) return std::vector<Game>();
  return ResolvedGames(db, first, last);
}

// The final games that count: the schedule's (inferred games are reported apart), those a
// conflict keeps from being built included.
std::vector<ExpectedGame> ExpectedGames(std::vector<Game> games) {
  std::erase_if(games, [](const Game& g) { return g.inferred || !g.counts(); });
  return games;
}

std::vector<std::string> Strings(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

// The key columns validation checks for duplicates, from each table's declaration.
std::vector<std::string> PrimaryKeyOf(const std::string& table) {
  if (table == TeamOffenseName()) return Strings(TeamOffenseTable().primary_key);
  if (table == TeamDefenseName()) return Strings(TeamDefenseTable().primary_key);
  if (table == PlayerGameName()) return Strings(PlayerGameTable().primary_key);
  if (table == GameLinesName()) return Strings(GameLinesTable().primary_key);
  if (table == PropLinesName()) return Strings(PropLinesTable().primary_key);
  return {};
}

Result<std::vector<TableInfo>> DescribeTables(ValidationStore& store, const Registry& registry) {
  std::vector<TableInfo> tables;
  for (const auto& p : registry.processors()) {
    TableInfo info{std::string(p->name()), std::string(p->version()), Strings(p->upstreams()),
                   PrimaryKeyOf(std::string(p->name())), false};
    BC_ASSIGN_OR_RETURN(info.exists, store.HasTable(info.name));
    tables.push_back(std::move(info));
  }
  return tables;
}

// The player table's facts: the largest scan, which also checks the table's key
// (game_id, player_key) itself.
struct PlayerFacts {
  std::vector<PlayerTeamGameFact> team_games;
  std::vector<DuplicateKeyFact> duplicates;
};

Result<PlayerFacts> LoadPlayerFacts(Db& db, const std::string& first, const std::string& last) {
  ValidationStore store(db);
  PlayerFacts facts;
  BC_ASSIGN_OR_RETURN(facts.team_games, store.PlayerTeamGames(first, last, facts.duplicates));
  return facts;
}

// The team tables' rows and the other tables' duplicate keys.
Status LoadRows(ValidationStore& store, ValidationFacts& f) {
  for (const TableInfo& table : f.tables) {
    if (!table.exists) continue;
    const bool offense = table.name == TeamOffenseName();
    if (offense || table.name == TeamDefenseName()) {
      BC_ASSIGN_OR_RETURN(f.team_rows[table.name],
                          store.TeamRows(table.name, offense, f.first, f.last));
    }
    if (!table.primary_key.empty() && table.name != PlayerGameName()) {
      BC_ASSIGN_OR_RETURN(f.duplicates[table.name],
                          store.DuplicateKeys(table.name, table.primary_key, f.first, f.last));
    }
  }
  return {};
}

// Line rows whose date and teams (either side home) match no resolved game, whatever its
// status: the games the line tables place lines in come from the same resolution.
std::vector<UnplacedLinesFact> Unplaced(std::vector<UnplacedLinesFact> groups,
                                        const std::vector<Game>& games) {
  std::set<std::tuple<std::string, std::string, std::string>> matchups;
  for (const Game& g : games) {
    matchups.emplace(g.game_date, g.home_team, g.away_team);
    matchups.emplace(g.game_date, g.away_team, g.home_team);
  }
  std::erase_if(groups, [&](const UnplacedLinesFact& u) {
    return matchups.count({u.game_date, u.home_team, u.away_team}) > 0;
  });
  return groups;
}

Status LoadLines(ValidationStore& store, ValidationFacts& f, const std::vector<Game>& games) {
  const TableInfo* props = f.Table(PropLinesName());
  const TableInfo* game_lines = f.Table(GameLinesName());
  const TableInfo* players = f.Table(PlayerGameName());
  if (props != nullptr && props->exists) {
    BC_ASSIGN_OR_RETURN(f.lined_player_games,
                        store.LinedPlayerGames(f.first, f.last, players && players->exists));
  }
  if (game_lines != nullptr && game_lines->exists) {
    BC_ASSIGN_OR_RETURN(auto ids, store.GameLineIds(f.first, f.last));
    f.game_line_ids.insert(ids.begin(), ids.end());
  }
  if ((props && props->exists) || (game_lines && game_lines->exists)) {
    BC_ASSIGN_OR_RETURN(auto groups, store.LineMatchups(f.first, f.last));
    f.unplaced_lines = Unplaced(std::move(groups), games);
  }
  return {};
}

void BuildIndexes(ValidationFacts& f) {
  for (const ExpectedGame& game : f.games) {
    f.expected_ids.insert(game.game_id);
    f.season_of_game[game.game_id] = game.season;
  }
  for (const auto& [table, rows] : f.team_rows) {
    auto& keys = f.team_keys[table];
    for (const TeamRowFact& row : rows) {
      keys.insert({row.game_id, row.team});
      if (table == TeamOffenseName()) f.offense_by_key[{row.game_id, row.team}] = &row;
    }
  }
  for (const PlayerTeamGameFact& fact : f.player_team_games) {
    f.player_by_key[{fact.game_id, fact.team}] = &fact;
  }
}

}  // namespace

const std::string& TeamOffenseName() {
  static const std::string name(TeamOffenseTable().name);
  return name;
}
const std::string& TeamDefenseName() {
  static const std::string name(TeamDefenseTable().name);
  return name;
}
const std::string& PlayerGameName() {
  static const std::string name(PlayerGameTable().name);
  return name;
}

const std::string& GameLinesName() {
  static const std::string name(GameLinesTable().name);
  return name;
}
const std::string& PropLinesName() {
  static const std::string name(PropLinesTable().name);
  return name;
}

const std::string& PlayerFeaturesName() {
  static const std::string name(PlayerFeatureTable().name);
  return name;
}

const TableInfo* ValidationFacts::Table(const std::string& name) const {
  for (const TableInfo& table : tables) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

const PartitionFact* ValidationFacts::Partition(const std::string& table,
                                                const std::string& date) const {
  auto t = partitions.find(table);
  if (t == partitions.end()) return nullptr;
  auto d = t->second.find(date);
  return d == t->second.end() ? nullptr : &d->second;
}

std::string ValidationFacts::SeasonOf(const std::string& game_id,
                                      const std::string& game_date) const {
  if (auto it = season_of_game.find(game_id); it != season_of_game.end()) return it->second;
  const auto season = Season::OfIso(game_date);
  return season ? season->label() : game_date;
}

const PartitionGapFact* ValidationFacts::GapOf(const std::string& table,
                                              const std::string& game_id,
                                              const std::string& team) const {
  for (const PartitionGapFact& g : partition_gaps) {
    if (g.table_name == table && g.game_id == game_id && (g.team == team || g.team.empty())) {
      return &g;
    }
  }
  return nullptr;
}

Result<ValidationFacts> LoadFacts(Db& db, const Registry& registry, std::string first,
                                  std::string last, const Thresholds& thresholds) {
  ValidationStore store(db);
  if (first.empty() || last.empty()) {
    BC_ASSIGN_OR_RETURN(auto range, store.CountingRange());
    BC_ASSIGN_OR_RETURN(auto resolved, ResolvedGamesOf(db, range.first, range.second));
    const std::vector<ExpectedGame> games = ExpectedGames(std::move(resolved));
    if (first.empty()) first = games.empty() ? range.first : games.front().game_date;
    if (last.empty()) last = games.empty() ? range.second : games.back().game_date;
  }
  ValidationFacts f;
  f.first = std::move(first);
  f.last = std::move(last);
  BC_ASSIGN_OR_RETURN(f.tables, DescribeTables(store, registry));
  const TableInfo* player_table = f.Table(PlayerGameName());
  std::future<Result<PlayerFacts>> player_facts;
  if (player_table != nullptr && player_table->exists) {
    player_facts = Aside(db, [&f](Db& own) { return LoadPlayerFacts(own, f.first, f.last); });
  }
  // A scan of the widest table: aside too.
  std::future<Result<std::vector<LineFeatureCoverageFact>>> coverage;
  if (const TableInfo* features = f.Table(PlayerFeaturesName()); features && features->exists) {
    coverage = Aside(db, [&f](Db& own) {
      return ValidationStore(own).LineFeatureCoverage(f.first, f.last);
    });
  }
  // Everything else meanwhile; the future's destructor waits on an early return.
  BC_ASSIGN_OR_RETURN(const std::vector<Game> resolved, ResolvedGamesOf(db, f.first, f.last));
  f.games = ExpectedGames(resolved);
  BC_RETURN_IF_ERROR(LoadRows(store, f));
  if (player_facts.valid()) {
    BC_ASSIGN_OR_RETURN(f.minutes_outside,
                        store.PlayerMinutesOutside(f.first, f.last, thresholds.player_minutes.lo,
                                                   thresholds.player_minutes.hi,
                                                   thresholds.max_examples));
    BC_ASSIGN_OR_RETURN(PlayerFacts facts, player_facts.get());
    f.player_team_games = std::move(facts.team_games);
    f.duplicates[PlayerGameName()] = std::move(facts.duplicates);
  }
  BC_ASSIGN_OR_RETURN(f.unresolved_availability,
                      store.UnresolvedAvailability(f.first, f.last, thresholds.max_examples));
  BC_RETURN_IF_ERROR(LoadLines(store, f, resolved));
  if (coverage.valid()) {
    BC_ASSIGN_OR_RETURN(f.line_feature_coverage, coverage.get());
  }
  BC_ASSIGN_OR_RETURN(f.partition_gaps, store.PartitionGaps(f.first, f.last));
  BC_ASSIGN_OR_RETURN(auto partitions, store.Partitions(f.first, f.last));
  for (PartitionFact& p : partitions) {
    f.partitions[p.table_name][p.game_date] = std::move(p);
  }
  BuildIndexes(f);
  return f;
}

}  // namespace backcourt
