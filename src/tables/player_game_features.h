#pragma once
// player_game_features: one row per active player of each game, PK (game_id, player_key).
// Every feature is computed only from games of the same season strictly before game_date,
// except the market columns: the game's own lines, captured before its tip. The actual
// outcome is stored beside as target_*, never as a feature.
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/table.h"
#include "tables/processor.h"
#include "tables/season_history.h"

namespace backcourt {

struct PlayerFeatureRow {
  std::string game_id, game_date, season, player_key, player_name, team, opponent;
  // Features (model inputs), in the order of PlayerFeatureColumns().
  std::optional<double> is_home, games_played_season;
  std::optional<double> pts_avg_last5, pts_avg_last10, pts_avg_season;
  std::optional<double> min_avg_last5, min_avg_last10, min_avg_season;
  std::optional<double> reb_avg_last5, reb_avg_last10, reb_avg_season;
  std::optional<double> ast_avg_last5, ast_avg_last10, ast_avg_season;
  std::optional<double> pts_std_last10, usage_avg_last10, ts_avg_last10, min_trend;
  std::optional<double> days_rest, back_to_back, games_in_last_7_days;
  std::optional<double> team_pace_last10, team_ortg_last10, opp_drtg_last10, opp_pace_last10;
  std::optional<double> pts_last1, min_last1, pts_per_min_last10, team_games_since_played;
  std::optional<double> pts_median_last10, pts_ewma, min_ewma, pts_share_last10;
  std::optional<double> team_missing_pts;
  // Availability (tables/availability_features.h): known before tip, earlier games only.
  std::optional<double> avail_rotation_out, avail_out_pts, avail_out_min, avail_out_share_last10;
  std::optional<double> avail_top_scorer_out, avail_scoring_rank, avail_returning_regulars;
  std::optional<double> opp_avail_rotation_out, opp_avail_out_pts, opp_avail_top_scorer_out;
  // Market features (tables/line_features.h), NULL where no pre-tip line exists: the game's
  // consensus total, the team's spread (< 0 favoured), its implied total, that total minus
  // its points average over its last 10 earlier games, and the player's consensus line.
  std::optional<double> game_total, team_spread, implied_team_total, implied_vs_recent;
  std::optional<double> player_line;
  // History quality, not a model input: earlier team-games of the player's team this season
  // without player rows (a gap lowers quality, it never removes the row).
  int64_t history_games_missing = 0;
  // Where the team's out-list came from, not a model input: 1 a pre-tip injury report, 0 the
  // box-score rule (rotation players absent: known only after the game).
  int64_t avail_from_report = 0;
  // Outcomes of the game itself.
  std::optional<double> target_points, target_minutes;
};

// Which of the model's feature sets a column belongs to (the table stores every column).
enum class FeatureGroup {
  kBase,        // always a model input
  kGameLines,   // pre-tip game lines: in the default set (train --no-game-line-features drops)
  kPlayerLine,  // the player's own consensus line: only with train --line-features
};

struct FeatureColumn {
  std::string_view name;
  std::optional<double> PlayerFeatureRow::*member;
  FeatureGroup group = FeatureGroup::kBase;
};

// The model inputs, declared once: the table's columns and the model's feature lists.
const std::vector<FeatureColumn>& PlayerFeatureColumns();
// True for the availability columns (avail_*, opp_avail_*): what `train --availability none`
// leaves out.
bool IsAvailabilityFeature(std::string_view name);
const Table<PlayerFeatureRow>& PlayerFeatureTable();
// `slices`: shared with player_availability, which reads the same season histories.
std::unique_ptr<Processor> MakePlayerFeatureProcessor(
    std::shared_ptr<HistorySlices> slices = nullptr);

// A game not yet played (or not yet built), as the schedule names it.
struct ScheduledGame {
  std::string game_id, game_date, season, home_team, away_team;
};

struct FeatureLines;  // tables/line_features.h

// Features for the expected players of `game` (each team's players whose latest game of the
// season was for it, within its last 5 games), from the built partitions before its date;
// the market columns from `lines`, the date's (ProjectFeatureLines: from the raw snapshots
// captured before tip, computed once for all the date's games). `out` are the keys of players
// known to be out (from the injury reports): they get no row and their teammates'
// availability features count them.
Result<std::vector<PlayerFeatureRow>> ProjectFeatures(Db& db, const ScheduledGame& game,
                                                      const FeatureLines& lines,
                                                      const std::set<std::string>& out = {});

}  // namespace backcourt
