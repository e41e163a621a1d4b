#pragma once
// Test-range evaluation: MAE of the model and of the two baselines (last-10 average, season
// average), overall and by minutes played, with row counts; and two models compared on the
// same rows (train and grade with and without availability).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ml/grading.h"
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

// One row scored by two models: its cluster (the game date) and each model's absolute error.
struct PairedError {
  std::string cluster;
  double a = 0, b = 0;
};

// Mean of a - b over the rows, with a 95% normal interval whose standard error treats the
// rows of one cluster as one draw (cluster-robust): the players of a date share its games,
// news and scoring environment, so their errors are not independent and a per-row interval
// would be too narrow. The interval is [mean, mean] with fewer than two clusters.
struct PairedDifference {
  int64_t rows = 0, clusters = 0;
  double mean = 0;
  Interval ci95;
};
PairedDifference PairedMaeDifference(const std::vector<PairedError>& rows);

// {"rows", "clusters", "mean", "ci95": [low, high]}
nlohmann::json PairedDifferenceJson(const PairedDifference& difference);

}  // namespace backcourt
