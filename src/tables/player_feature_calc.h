#pragma once
// The feature arithmetic of player_game_features, apart from storage so predict can score
// players of games not yet played.
#include <string>

#include "tables/player_game_features.h"
#include "tables/season_history.h"

namespace backcourt {

// Who is predicted: the game's key facts, known before tip-off, and the outcome when known.
struct FeatureSubject {
  std::string game_id, game_date, season, player_key, player_name, team, opponent;
  bool is_home = false;
  std::optional<double> points, minutes;  // targets; unset for games not yet played
};

// Features of `subject` from the games of `history` dated strictly before its game_date.
PlayerFeatureRow ComputePlayerFeatures(const FeatureSubject& subject,
                                       const SeasonHistory& history);

}  // namespace backcourt
