#pragma once
// The test rows that have market features, evaluated apart: a model with game-line features
// must be at least as good as one without on the rows where those features exist, not only
// on all rows (most of which may have no line).
#include <vector>

#include <nlohmann/json.hpp>

#include "ml/evaluation.h"
#include "tables/player_game_features.h"

namespace backcourt {

struct MarketRowsMae {
  MaeTriple with_game_total;   // rows with a pre-tip game total
  MaeTriple with_player_line;  // rows with the player's own pre-tip consensus line
  double player_line = 0;      // MAE of that line itself, on the same rows
};

// `predictions[i]` is the model's prediction for `rows[i]`.
MarketRowsMae EvaluateMarketRows(const std::vector<PlayerFeatureRow>& rows,
                                 const std::vector<float>& predictions);

// {"with_game_total": {"rows", "model", "last10", "season"}, "with_player_line": {..., "line"}}
nlohmann::json MarketRowsJson(const MarketRowsMae& market);

}  // namespace backcourt
