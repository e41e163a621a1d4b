#pragma once
// team_offense_game_summary: one row per team per final game, PK (game_id, team).
#include <memory>
#include <optional>
#include <string>

#include "store/table.h"
#include "tables/processor.h"

namespace backcourt {

struct TeamOffenseRow {
  std::string game_id, game_date, season, game_type, team, opponent;
  int64_t is_home = 0;
  std::optional<int64_t> win, margin;
  std::optional<int64_t> overtime_periods;
  std::optional<double> team_minutes;
  std::string team_minutes_source;  // team_box, team_advanced, opponent, players
  std::optional<int64_t> points, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk,
      tov, pf;
  std::optional<double> plus_minus, possessions, pace, offensive_rating, ts_pct, efg_pct;
  std::string tov_basis;  // "team": team turnovers included; "players": player-credited only
  std::string primary_source;
  int64_t rebuilt_from_players = 0;
};

const Table<TeamOffenseRow>& TeamOffenseTable();
std::unique_ptr<Processor> MakeTeamOffenseProcessor();

}  // namespace backcourt
