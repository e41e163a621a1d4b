#pragma once
// predict: points for the players of one date's games, from a stored model. Built feature
// rows are used when the date has them; otherwise the schedule's games are projected from
// the earlier built partitions of the season.
#include <string>
#include <vector>

#include "core/status.h"
#include "ml/dataset.h"
#include "ml/predict_availability.h"
#include "store/db.h"
#include "ml/predict_lines.h"
#include "tables/player_game_features.h"

namespace backcourt {

struct PredictOptions {
  std::string date{};        // game date to score
  std::string model_path{};  // empty: the latest model in model_runs
  bool store = false;      // write the predictions table (predict --record)
  // ISO UTC: only injury reports published strictly before it count, and the date's games
  // are projected from the schedule (built rows may know later news). Empty: every pre-tip
  // report, built rows when the date has them.
  std::string as_of{};
  double min_edge = 1.5;   // points of edge for an OVER or UNDER call; less is PASS
};

struct PlayerPrediction {
  PlayerFeatureRow features;
  double points = 0;
  // The player's latest pre-tip status when a report lists him (doubtful, questionable,
  // probable, available); empty when not listed. Out players are not predicted.
  std::string availability;
  LinePick pick;  // the consensus line, edge, side and best price (PASS without a line)
};

struct PredictReport {
  int64_t model_id = 0;  // 0 when the model file is not in model_runs
  std::string model_path;
  std::vector<std::string> features;  // the model's own feature list, used for its matrix
  bool projected = false;  // features projected for games not built
  std::vector<PlayerPrediction> players;
  // Players left out because their latest pre-tip status is out, with the report's time.
  std::vector<ListedPlayer> ruled_out;
  AvailabilityMode availability = AvailabilityMode::kAuto;  // the model's
};

Result<PredictReport> PredictDate(Db& db, const PredictOptions& options);

}  // namespace backcourt
