#pragma once
// Test-range evaluation: MAE of the model and of the two baselines (last-10 average, season
// average), overall and by minutes played, with row counts.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tables/player_game_features.h"

namespace backcourt {

struct MaeTriple {
  int64_t rows = 0;
  double model = 0, last10 = 0, season = 0;
};

struct BucketMae {
  std::string bucket;  // "0-15", "15-25", "25-35", "35+" (target minutes)
  MaeTriple mae;
};

struct Evaluation {
  MaeTriple overall;
  std::vector<BucketMae> by_minutes;
};

// The baselines' predictions for one row (0 when the average is unknown).
double Last10Baseline(const PlayerFeatureRow& row);
double SeasonBaseline(const PlayerFeatureRow& row);
// The bucket of a row's target minutes: [0,15), [15,25), [25,35), [35,inf).
std::string MinutesBucket(double minutes);

// `predictions[i]` is the model's prediction for `rows[i]`.
Evaluation Evaluate(const std::vector<PlayerFeatureRow>& rows,
                    const std::vector<float>& predictions);

// {"rows", "mae": {"model", "last10", "season"}, "by_minutes": [{"bucket", "rows", ...}]}
nlohmann::json EvaluationJson(const Evaluation& evaluation);

}  // namespace backcourt
