#pragma once
// player_availability: who was out of each game, PK (game_id, player_key), partitioned by
// game_date. The status comes from the last injury report published strictly before tip;
// for a team-game without such a report, from the box scores: a rotation player absent from
// the game is 'out' with derived = 1. What actually happened (played, dnp, inactive, absent)
// is added when the box score exists.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "ingest/injury_report_rows.h"
#include "store/table.h"
#include "tables/processor.h"
#include "tables/season_history.h"

namespace backcourt {

struct PlayerAvailabilityRow {
  std::string game_id, game_date, season, player_key, player_name, team;
  std::string status;    // out, doubtful, questionable, probable, available
  int64_t derived = 0;   // 1: no pre-tip report for the team-game, out-list from box scores
  std::optional<std::string> report_time;  // ISO UTC of the report used; NULL when derived
  std::optional<std::string> reason;       // as the report gives it
  std::optional<std::string> outcome;      // played, dnp, inactive, absent; NULL: no box yet
  // 1 when the box-score rule (rotation player absent) marks the player out, whatever the
  // report said: what `train --availability derived` uses.
  int64_t derived_out = 0;
};

const Table<PlayerAvailabilityRow>& PlayerAvailabilityTable();
// `slices`: shared with player_game_features, which reads the same season histories.
std::unique_ptr<Processor> MakePlayerAvailabilityProcessor(
    std::shared_ptr<HistorySlices> slices = nullptr);

// A player as the last report published before a cutoff lists him.
struct ReportedStatus {
  std::string team, player_name, player_name_key, status, reason, report_time;
};

// The statuses of one game's players from its injury-report records (every report kept):
// per team, the latest report published strictly before tip and strictly before `as_of`
// (ignored when empty) in which the team had submitted. Players an earlier report listed but
// that report does not are available; a team without such a report is absent from the result.
std::vector<ReportedStatus> LatestReportedStatuses(const std::vector<InjuryReportRow>& game_rows,
                                                   const std::string& as_of = "");

// Rotation players of `team` before `day`: latest game for the team, played in at least 3 of
// the team's last 5 games and at least 15 minutes on average over his last 10 appearances.
std::vector<std::string> RotationPlayers(const SeasonHistory& history, const std::string& team,
                                         int32_t day);

// The derived out-list of a team-game: rotation players who did not play it.
std::vector<std::string> DerivedOut(const std::vector<std::string>& rotation,
                                    const std::set<std::string>& played);

// Resolves report names ("gary payton" + team) to player keys through the players of the
// season's history and of the game's box: by (name, team) first, then by name alone, when
// either gives exactly one key; otherwise "name:<normalised>".
class ReportNameResolver {
 public:
  void Learn(const std::string& player_name, const std::string& team, const std::string& key);
  void LearnHistory(const SeasonHistory& history);
  std::string KeyFor(const std::string& name_key, const std::string& team) const;

 private:
  std::unordered_map<std::string, std::set<std::string>> keys_;
};

}  // namespace backcourt
