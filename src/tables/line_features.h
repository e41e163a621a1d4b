#pragma once
// The market columns of player_game_features: what the betting market said about a game
// before its tip (total, the team's spread, its implied total and how that compares with its
// recent scoring) and the player's own consensus points line. A line is pre-tip information
// about the game itself, so the same game's line is used; the team's scoring comes only from
// earlier dates (a result of date D never feeds a feature of date D).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "tables/market_lines.h"
#include "tables/player_game_features.h"
#include "tables/season_history.h"

namespace backcourt {

// The lines of one date as features may use them.
struct FeatureLines {
  // game_lines rows by game_id: consensus of pre-tip snapshots, or a closing line (the last
  // line before tip by the source's own definition) when the source has no capture time.
  std::map<std::string, GameLine> games;
  // (game_id, player_key) -> consensus main line, only from snapshots with a capture time
  // (strictly before tip): a line whose time is unknown can grade but never feed a feature.
  std::map<std::pair<std::string, std::string>, double> players;
};

// `props` may hold book rows too: only consensus rows are kept.
FeatureLines IndexFeatureLines(std::vector<GameLine> games, const std::vector<PropLine>& props);

// The built game_lines and player_prop_lines (consensus rows) of `game_date`.
Result<FeatureLines> ReadFeatureLines(Db& db, const std::string& game_date);
// For a date not built yet (predict): the same lines computed from the raw snapshots.
Result<FeatureLines> ProjectFeatureLines(Db& db, const std::string& game_date);

// Sets the market columns of `row` (game_id, game_date, team already set); leaves them NULL
// where `lines` has nothing for its game or player.
void SetLineFeatures(PlayerFeatureRow& row, const FeatureLines& lines,
                     const SeasonHistory& history);

}  // namespace backcourt
