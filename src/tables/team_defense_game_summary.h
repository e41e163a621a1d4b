#pragma once
// team_defense_game_summary: the opponent's offense seen from the defending team,
// PK (game_id, team). Built from team_offense_game_summary of the same date.
#include <memory>
#include <optional>
#include <string>

#include "store/table.h"
#include "tables/processor.h"

namespace backcourt {

struct TeamDefenseRow {
  std::string game_id, game_date, season, game_type, team, opponent;
  int64_t is_home = 0;
  std::optional<double> team_minutes;
  std::optional<int64_t> opp_points, opp_fgm, opp_fga, opp_fg3m, opp_fg3a, opp_ftm, opp_fta,
      opp_oreb, opp_dreb, opp_reb, opp_ast, opp_tov, opp_pf;
  std::optional<double> possessions, defensive_rating, pace, opp_ts_pct, opp_efg_pct;
  std::optional<int64_t> stl, blk, dreb;  // the defending team's own
};

const Table<TeamDefenseRow>& TeamDefenseTable();
std::unique_ptr<Processor> MakeTeamDefenseProcessor();

}  // namespace backcourt
