#pragma once
// What validation reads for a date range, loaded once through the ValidationStore and
// indexed for the checks, coverage, gaps and the report.
#include <future>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/validation_store.h"
#include "tables/inputs.h"
#include "tables/registry.h"
#include "validate/thresholds.h"

namespace backcourt {

using TeamGameKey = std::pair<std::string, std::string>;  // (game_id, team)

// A game validation expects: of the resolved schedule (engine/resolved_schedule.h), final,
// counting, listed by the schedule (inferred games are counted apart).
using ExpectedGame = Game;

// A registry table as validation sees it.
struct TableInfo {
  std::string name, version;
  std::vector<std::string> upstreams;
  std::vector<std::string> primary_key;
  bool exists = false;  // the table has been created (a backfill ran)
};

// Holds pointers into its own rows (the indexes): movable, not copyable.
struct ValidationFacts {
  ValidationFacts() = default;
  ValidationFacts(ValidationFacts&&) = default;
  ValidationFacts& operator=(ValidationFacts&&) = default;
  ValidationFacts(const ValidationFacts&) = delete;
  ValidationFacts& operator=(const ValidationFacts&) = delete;

  std::string first, last;                                    // the range, ISO dates
  std::vector<TableInfo> tables;                              // registry order
  std::vector<ExpectedGame> games;                            // by date, then game_id
  std::map<std::string, std::vector<TeamRowFact>> team_rows;  // team tables, by name
  std::vector<PlayerTeamGameFact> player_team_games;
  std::pair<std::vector<PlayerMinutesFact>, int64_t> minutes_outside;  // examples, total
  std::pair<std::vector<PlayerMinutesFact>, int64_t> unresolved_availability;  // examples, total
  std::map<std::string, std::vector<DuplicateKeyFact>> duplicates;     // by table
  std::map<std::string, std::map<std::string, PartitionFact>>
      partitions;  // table -> date -> record
  std::vector<PartitionGapFact> partition_gaps;  // the games partitions could not build
  // Betting lines (when their tables were built): consensus player-games, games with a
  // game_lines row, raw line rows that fit no schedule game.
  std::vector<LinedPlayerGameFact> lined_player_games;
  std::set<std::string> game_line_ids;
  std::vector<UnplacedLinesFact> unplaced_lines;
  std::vector<LineFeatureCoverageFact> line_feature_coverage;  // player_game_features, by season
  // (table, date) -> why stale, by the engine's definition (filled by Validate).
  std::map<std::pair<std::string, std::string>, std::string> stale;

  // Indexes over the rows above.
  std::map<std::string, std::set<TeamGameKey>> team_keys;  // team table -> keys present
  std::map<TeamGameKey, const PlayerTeamGameFact*> player_by_key;
  std::map<TeamGameKey, const TeamRowFact*> offense_by_key;
  std::set<std::string> expected_ids;
  std::map<std::string, std::string> season_of_game;  // expected game id -> schedule season

  // The schedule's season of a game (the 2020 bubble's August games belong to 2019-20); for
  // a game the schedule does not list, the season of its date.
  std::string SeasonOf(const std::string& game_id, const std::string& game_date) const;

  const TableInfo* Table(const std::string& name) const;
  const PartitionFact* Partition(const std::string& table, const std::string& date) const;
  // The partition's reason for not building (table, game_id, team), or nullptr.
  const PartitionGapFact* GapOf(const std::string& table, const std::string& game_id,
                                const std::string& team) const;
};

// Table names validation knows checks for (the registry may hold more: those get the
// partition checks only).
const std::string& TeamOffenseName();
const std::string& TeamDefenseName();
const std::string& PlayerGameName();
const std::string& GameLinesName();
const std::string& PropLinesName();
const std::string& PlayerFeaturesName();

// Loads the facts of [first, last]; empty bounds mean the schedule's first/last counting date.
Result<ValidationFacts> LoadFacts(Db& db, const Registry& registry, std::string first,
                                  std::string last, const Thresholds& thresholds);

// `load(db)` on a thread and read-only connection of its own while the caller reads the rest
// (deferred to the caller's connection for an in-memory database: it has one). `load` returns
// a Result.
template <class Load>
auto Aside(Db& db, Load load) {
  using Loaded = decltype(load(db));
  if (db.path() == ":memory:") return std::async(std::launch::deferred, load, std::ref(db));
  return std::async(std::launch::async, [&db, load]() -> Loaded {
    BC_ASSIGN_OR_RETURN(Db own, Db::OpenReadOnly(db.path()));
    return load(own);
  });
}

}  // namespace backcourt
