#pragma once
// XGBoost through its C API: RAII handles for DMatrix and Booster, training with early
// stopping on a validation matrix, prediction, gain importance, save and load.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace backcourt {

struct BoosterParams {
  // Pseudo-Huber behaves like absolute error beyond huber_slope points: it fits MAE. (1.7's
  // reg:absoluteerror diverges after its first rounds on this data.)
  std::string objective = "reg:pseudohubererror";
  double huber_slope = 2.0;          // points where the loss turns from squared to absolute
  int max_depth = 5;                 // tree depth
  double eta = 0.03;                 // learning rate
  // 1.0: XGBoost 1.7's adaptive leaves for reg:absoluteerror diverge with row sampling.
  double subsample = 1.0;            // row sampling per tree
  double colsample_bytree = 0.8;     // feature sampling per tree
  double min_child_weight = 50;      // fewer, steadier leaves
  double lambda = 1.0;               // L2 on leaf weights
  int max_rounds = 3000;             // upper bound on boosting rounds
  int early_stopping_rounds = 100;   // stop when validation MAE has not improved this long
  int seed = 42;                     // fixed: two trainings give the same model
  int nthread = 2;                   // threads XGBoost may use
};

// A dense float matrix, row-major, NaN for missing values.
struct DenseMatrix {
  std::vector<float> values;
  size_t rows = 0, cols = 0;
};

class XgbMatrix {
 public:
  static Result<XgbMatrix> Create(const DenseMatrix& x, const std::vector<float>& labels,
                                  const std::vector<std::string>& feature_names);
  void* handle() const { return handle_.get(); }

 private:
  struct Free {
    void operator()(void* handle) const;
  };
  std::unique_ptr<void, Free> handle_;
};

class XgbBooster {
 public:
  // Trains on `train` until validation MAE stops improving; keeps the best round count.
  static Result<XgbBooster> Train(const BoosterParams& params, const XgbMatrix& train,
                                  const XgbMatrix& valid);
  // Trains exactly `rounds` rounds (no validation).
  static Result<XgbBooster> TrainRounds(const BoosterParams& params, const XgbMatrix& train,
                                        int rounds);
  static Result<XgbBooster> Load(const std::string& path);
  Status Save(const std::string& path) const;
  Result<std::vector<float>> Predict(const XgbMatrix& x) const;
  // The feature names the model was trained with, in matrix order (saved in its file).
  Result<std::vector<std::string>> FeatureNames() const;
  // Total gain per feature name (features never split on are absent).
  Result<std::vector<std::pair<std::string, double>>> GainImportance() const;
  int best_rounds() const { return best_rounds_; }
  double best_validation_mae() const { return best_validation_mae_; }

 private:
  struct Free {
    void operator()(void* handle) const;
  };
  static Result<XgbBooster> Create(const BoosterParams& params, const XgbMatrix& train,
                                   double base_score);
  Status CopyFeatureNames(const XgbMatrix& matrix);
  std::unique_ptr<void, Free> handle_;
  int best_rounds_ = 0;
  double best_validation_mae_ = 0;
};

}  // namespace backcourt
