#pragma once
// predict: points for the players of one date's games, from a stored model. Built feature
// rows are used when the date has them; otherwise the schedule's games are projected from
// the earlier built partitions of the season.
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "ml/predict_lines.h"
#include "tables/player_game_features.h"

namespace backcourt {

struct PredictOptions {
  std::string date;        // game date to score
  std::string model_path;  // empty: the latest model in model_runs
  bool store = false;      // write the predictions table (predict --record)
  double min_edge = 1.5;   // points of edge for an OVER or UNDER call; less is PASS
};

struct PlayerPrediction {
  PlayerFeatureRow features;
  double points = 0;
  LinePick pick;  // the consensus line, edge, side and best price (PASS without a line)
};

struct PredictReport {
  int64_t model_id = 0;  // 0 when the model file is not in model_runs
  std::string model_path;
  bool projected = false;  // features projected for games not built
  std::vector<PlayerPrediction> players;
};

Result<PredictReport> PredictDate(Db& db, const PredictOptions& options);

}  // namespace backcourt
