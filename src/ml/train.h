#pragma once
// train: fit the points model on a date range, early-stopped on the end of that range,
// evaluate it and the baselines on a later test range, store the run in model_runs.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "ml/booster.h"
#include "ml/dataset.h"
#include "ml/evaluation.h"
#include "ml/market_rows.h"
#include "store/db.h"

namespace backcourt {

struct TrainOptions {
  std::string train_start;           // first training date; empty: the first feature row
  std::string train_end;             // last training date (inclusive); required
  std::string test_start;            // first test date; must be after train_end
  std::string test_end;              // last test date; empty: the last feature row
  std::string model_path;            // empty: "<db>.model-<id>.json" beside the database
  // An existing model file is never overwritten: refused unless `force`, and then kept under
  // a versioned name ("m.v1.json") that the model_runs rows which used it point to.
  bool force = false;
  double validation_fraction = 0.1;  // the training range's last rows, by date, for stopping
  bool refit = true;                 // refit on the whole training range with the best rounds
  // Training rows whose history misses more team-games than this (player_game_features.
  // history_games_missing) are left out; -1 keeps every row. Test rows are never filtered.
  int max_history_missing = -1;
  FeatureSelection features;         // the feature groups (train --line-features and co.)
  // With availability on: also fit the same model without the availability features on the
  // same rows (its "twin", stored as its own model run just before this one) and compare
  // them on the test rows. Doubles the training time: off here, on in the train command
  // unless --no-availability-twin.
  bool availability_twin = false;
  BoosterParams params;
};

// The model without availability features, trained and tested on the same rows.
struct TwinReport {
  int64_t model_id = 0;
  std::string model_path;
  int rounds = 0;
  double validation_mae = 0;
  Evaluation evaluation;
  // The model's absolute error minus the twin's over every test row, clustered by date.
  PairedDifference difference;
};

struct TrainReport {
  int64_t model_id = 0;
  std::string model_path, validation_start;
  std::string previous_model_kept_as;  // with force: where the file at model_path went
  int64_t train_rows = 0, validation_rows = 0;
  // Rows computed without part of their season's history (a team-game without player rows),
  // in the training range before any filter, and in the test population.
  int64_t train_rows_history_missing = 0, test_rows_history_missing = 0;
  int64_t train_rows_filtered = 0;  // left out by max_history_missing
  int rounds = 0;
  double validation_mae = 0;
  std::vector<std::string> features;  // the model's feature list, stored with it
  Evaluation evaluation;
  MarketRowsMae market;               // the test rows with market features
  std::vector<std::pair<std::string, double>> importance;  // total gain, largest first
  std::optional<TwinReport> twin;  // with options.availability_twin and availability on
  double seconds = 0;
};

// {"rows", "mae", "by_minutes" (the twin's), "model_id", "model_path", "rounds",
// "validation_mae", "difference": {"rows", "clusters", "mean", "ci95"}}
nlohmann::json TwinJson(const TwinReport& twin);

// Where the twin of a model file goes: "m.json" -> "m.no-availability.json".
std::string TwinModelPath(const std::string& model_path);

Result<TrainReport> TrainPointsModel(Db& db, const TrainOptions& options);

}  // namespace backcourt
