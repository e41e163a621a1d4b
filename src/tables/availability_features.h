#pragma once
// Availability features of player_game_features: who of the player's rotation (and of the
// opponent's) is out of this game, from availability known before tip (the last pre-tip
// injury report, or the box-score out-list where a game has none) and earlier games only.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tables/player_game_features.h"
#include "tables/season_history.h"

namespace backcourt {

// One team's rotation before a game, with each player's season figures.
struct RotationMember {
  std::string player_key;
  double pts_per_game = 0, min_per_game = 0;
  double points_last10 = 0;  // his points in the team's last 10 games
  bool played_last_game = false;
};

struct TeamRotation {
  std::vector<RotationMember> members;
  double team_points_last10 = 0;  // the team's points over its last 10 games
};

TeamRotation BuildTeamRotation(const SeasonHistory& history, const std::string& team, int32_t day);

// The out-list of one game: player keys out, and whether each team's list came from a
// pre-tip report (1) or the box-score rule (0).
struct GameOutList {
  std::set<std::string> out;
  std::map<std::string, bool> from_report;  // team -> list from a report
};

// Fills the avail_* and opp_avail_* columns of `row` (its player, team and opponent set).
// Rotations are computed once per team and date by the caller and passed in.
void SetAvailabilityFeatures(PlayerFeatureRow& row, const SeasonHistory& history,
                             const TeamRotation& team, const TeamRotation& opponent,
                             const GameOutList& out_list);

// Caches TeamRotation per (team, day) for one build.
class RotationCache {
 public:
  explicit RotationCache(const SeasonHistory& history) : history_(history) {}
  const TeamRotation& For(const std::string& team, int32_t day);

 private:
  const SeasonHistory& history_;
  std::map<std::pair<std::string, int32_t>, TeamRotation> cache_;
};

}  // namespace backcourt
