#pragma once
// player_game_summary: one row per player per game (active, dnp, inactive),
// PK (game_id, player_key). Usage uses the team row of team_offense_game_summary.
#include <memory>
#include <optional>
#include <string>

#include "store/table.h"
#include "tables/processor.h"

namespace backcourt {

struct PlayerGameRow {
  std::string game_id, game_date, season, player_key;
  std::optional<int64_t> player_id;
  std::string player_name, team, opponent;
  int64_t is_home = 0;
  std::string status;  // active, dnp, inactive
  std::string dnp_reason;
  std::optional<int64_t> starter;
  std::optional<double> minutes_played;
  std::optional<int64_t> points, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk,
      tov, pf;
  std::optional<double> plus_minus, usage_rate, ts_pct, efg_pct;
  // 0 when the source has no shooting columns: usage and TS are *not provided by source*.
  int64_t shooting_provided = 0;
  std::string primary_source;  // nba_box, bbref, balldontlie, reduced_log
  std::optional<double> team_minutes;  // the TmMIN used for usage
};

const Table<PlayerGameRow>& PlayerGameTable();
std::unique_ptr<Processor> MakePlayerGameProcessor();

}  // namespace backcourt
