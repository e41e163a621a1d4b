#pragma once
// predict: points for the players of one date's games, from a stored model. Built feature
// rows are used when the date has them; otherwise the schedule's games are projected from
// the earlier built partitions of the season.
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "tables/player_game_features.h"

namespace backcourt {

struct PredictOptions {
  std::string date;        // game date to score
  std::string model_path;  // empty: the latest model in model_runs
  bool store = false;      // write the predictions table (predict --record)
};

struct PlayerPrediction {
  PlayerFeatureRow features;
  double points = 0;
};

struct PredictReport {
  int64_t model_id = 0;  // 0 when the model file is not in model_runs
  std::string model_path;
  std::vector<std::string> features;  // the model's own feature list, used for its matrix
  bool projected = false;  // features projected for games not built
  std::vector<PlayerPrediction> players;
};

Result<PredictReport> PredictDate(Db& db, const PredictOptions& options);

}  // namespace backcourt
