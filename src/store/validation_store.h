#pragma once
// The queries validation needs, as plain facts: the games the schedule expects, per team-game
// aggregates of the derived tables, partition records, and the check_results writer. The
// checks themselves (src/validate/) never see SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/check_retention.h"
#include "store/db.h"
#include "store/partition_status.h"

namespace backcourt {

// validation_results keeps the latest results only: reuse needs the last one of a range.
inline constexpr int kKeptValidationResults = 8;

// One row of a team table (team_offense_game_summary or team_defense_game_summary).
struct TeamRowFact {
  std::string game_id, game_date, team, primary_source;
  std::optional<int64_t> points, fga, fta, tov;  // NULL for team_defense_game_summary
  std::optional<double> pace, team_minutes;
  bool rebuilt_from_players = false;
};

// player_game_summary aggregated over one (game_id, team).
struct PlayerTeamGameFact {
  std::string game_id, game_date, team;
  int64_t rows = 0, active = 0;
  int64_t minutes_present = 0;          // active rows with minutes_played
  int64_t usage_eligible = 0;           // active, source provides shooting, minutes > 0
  int64_t usage_present = 0;            // ... of which usage_rate is set
  int64_t not_provided = 0;             // active rows whose source has no shooting columns
  int64_t active_sources = 0;           // distinct primary_source of active rows
  std::string source;                   // the (smallest) primary_source of active rows
  std::optional<int64_t> points_sum;    // NULL when an active row lacks points
  std::optional<int64_t> tov_sum;       // NULL when an active row lacks turnovers
  std::optional<double> usage_minutes;  // Σ usage_rate × minutes over active rows with usage
  std::optional<double> team_minutes;
};

// A player row whose minutes lie outside the accepted range.
struct PlayerMinutesFact {
  std::string game_id, game_date, team, player_name;
  double minutes = 0;
};

// A key held by more than one row.
struct DuplicateKeyFact {
  std::string game_date, key;
  int64_t count = 0;
};

struct PartitionFact {
  std::string table_name, game_date;
  PartitionStatus status = PartitionStatus::kPending;
  std::string processor_version, last_error, finished_at;
};

// A game (team-game) a partition could not build (partition_gaps).
struct PartitionGapFact {
  std::string table_name, game_date, game_id, team, reason;
};

// A consensus row of player_prop_lines, and whether the player has a result in that game.
struct LinedPlayerGameFact {
  std::string game_id, game_date, season, player_key, player_name;
  bool resolved = false;
  bool has_result = false;  // an active player_game_summary row with points
};

// Betting-line rows of one date and teams; unplaced when no resolved game has them (either
// side home).
struct UnplacedLinesFact {
  std::string table, game_date, home_team, away_team;
  int64_t rows = 0;
};

// player_game_features rows of one season, and how many carry market features.
struct LineFeatureCoverageFact {
  std::string season;
  int64_t rows = 0, with_game_total = 0, with_player_line = 0;
};

struct CheckResultRecord {
  std::string table_name;
  std::optional<std::string> game_date;  // NULL: the whole range
  std::string check, severity;
  bool passed = false;
  std::string observed, expected, message;
};

class ValidationStore {
 public:
  explicit ValidationStore(Db& db) : db_(db) {}

  Result<bool> HasTable(const std::string& name);
  // First and last date of raw schedule rows of final games that count (not preseason, not
  // All-Star): bounds for resolving the schedule (engine/resolved_schedule.h), which decides.
  Result<std::pair<std::string, std::string>> CountingRange();
  // Rows of a team table; `with_points` reads points (team offense only).
  Result<std::vector<TeamRowFact>> TeamRows(const std::string& table, bool with_points,
                                            const std::string& first, const std::string& last);
  // player_game_summary aggregated per (game_id, team), by date, game and team; keys
  // (game_id, player_key) held by more than one row go to `duplicates`.
  Result<std::vector<PlayerTeamGameFact>> PlayerTeamGames(
      const std::string& first, const std::string& last, std::vector<DuplicateKeyFact>& duplicates);
  // Player rows with minutes outside [lo, hi]: the first `limit` and the total count.
  Result<std::pair<std::vector<PlayerMinutesFact>, int64_t>> PlayerMinutesOutside(
      const std::string& first, const std::string& last, double lo, double hi, int limit);
  // player_availability rows kept under a name key (report names no source resolved): the
  // first `limit` (minutes unused) and the total count. {{}, 0} when the table is absent.
  Result<std::pair<std::vector<PlayerMinutesFact>, int64_t>> UnresolvedAvailability(
      const std::string& first, const std::string& last, int limit);
  // Keys of `table` (columns `key_columns`) held by more than one row.
  Result<std::vector<DuplicateKeyFact>> DuplicateKeys(const std::string& table,
                                                      const std::vector<std::string>& key_columns,
                                                      const std::string& first,
                                                      const std::string& last);
  // player_game_features of [first, last] by season; empty when the table was built before
  // it had market columns.
  Result<std::vector<LineFeatureCoverageFact>> LineFeatureCoverage(const std::string& first,
                                                                   const std::string& last);
  Result<std::vector<PartitionFact>> Partitions(const std::string& first, const std::string& last);
  Result<std::vector<PartitionGapFact>> PartitionGaps(const std::string& first,
                                                      const std::string& last);
  // player_prop_lines consensus rows of [first, last] with their result (needs both tables).
  Result<std::vector<LinedPlayerGameFact>> LinedPlayerGames(const std::string& first,
                                                            const std::string& last,
                                                            bool with_results);
  // Game ids of game_lines rows of [first, last].
  Result<std::vector<std::string>> GameLineIds(const std::string& first, const std::string& last);
  // raw_prop_lines (player points) and raw_game_lines rows of [first, last], counted by date
  // and teams (validate/facts.cpp keeps those no resolved game has).
  Result<std::vector<UnplacedLinesFact>> LineMatchups(const std::string& first,
                                                      const std::string& last);

  // Records a `validate` run and returns its id.
  Result<int64_t> StartValidateRun(const std::string& arguments, const std::string& code_version);
  Status FinishRun(int64_t run_id, const std::string& outcome);
  // Writes the run's results, then prunes older runs' (store/check_retention.h).
  Status WriteCheckResults(int64_t run_id, const std::vector<CheckResultRecord>& results,
                           int keep_runs = kDefaultKeepCheckRuns);

  // Reuse of a validation whose inputs did not change (validate/validate.h). A fingerprint of
  // what validating [first, last] reads that only backcourt's writes change: every partition
  // record dated in range (its versions, rows, gaps and when it was written), the resolved
  // seasons' raw fingerprints and every ingested file.
  Result<std::string> InputsFingerprint(const std::string& first, const std::string& last);
  // The latest stored result under `key` as (run_id, result text); nullopt when there is none.
  Result<std::optional<std::pair<int64_t, std::string>>> StoredResult(const std::string& key);
  // Stores a result under `key`, keeping the latest `keep` results.
  Status StoreResult(const std::string& key, int64_t run_id, const std::string& result,
                     int keep = kKeptValidationResults);

  // The latest row of model_runs as (column, value) pairs; empty when there is none.
  Result<std::vector<std::pair<std::string, std::string>>> LatestModelRun();

 private:
  Db& db_;
};

}  // namespace backcourt
