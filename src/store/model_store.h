#pragma once
// model_runs (one row per trained model: file, features, ranges, parameters, results) and
// predictions (one row per scored player-game).
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

struct ModelRun {
  int64_t model_id = 0;
  std::string created_at, model_path, target;
  std::string features;    // JSON array of feature names, in matrix order
  std::string train_start, train_end, validation_start, test_start, test_end;
  std::string parameters;  // JSON
  std::string code_version;
  std::string results;     // JSON: evaluation, importance, rounds
};

struct PredictionRow {
  int64_t model_id = 0;
  std::string game_date, game_id, player_key, player_name, team, opponent;
  double predicted_points = 0;
  std::string created_at;
  // The line the prediction was made against (all NULL when the player had none).
  std::optional<double> line, edge, price;  // edge = predicted_points - line; price American
  std::optional<std::string> side, book, line_kind, line_captured_at;  // side OVER/UNDER/PASS
  // Its grade once the game is played (grade --record): result win/loss/push, NULL for PASS.
  std::optional<double> actual_points;
  std::optional<std::string> result, graded_at;
};

class ModelStore {
 public:
  explicit ModelStore(Db& db) : db_(db) {}
  // Inserts the run and returns its model_id.
  Result<int64_t> Insert(const ModelRun& run);
  Status SetModelPath(int64_t model_id, const std::string& path);
  Status SetResults(int64_t model_id, const std::string& results);
  // Points the runs whose model file was `from` (absolute, or as given before paths were
  // stored absolute) at `to`; returns how many.
  Result<int64_t> RepointModelPath(const std::string& from, const std::string& from_as_given,
                                   const std::string& to);
  Result<std::optional<ModelRun>> Find(int64_t model_id);
  Result<std::optional<ModelRun>> Latest();
  // The latest run whose model file is `path` (as stored), if any.
  Result<std::optional<ModelRun>> FindByModelPath(const std::string& path);
  // Replaces the model's predictions of the rows' games, in one transaction.
  Status ReplacePredictions(const std::vector<PredictionRow>& rows);
  // Writes graded rows in one transaction: a new row, or over the model's stored prediction of
  // the same player-game (its created_at kept; prediction, line and grade are grade's).
  Status RecordGrades(const std::vector<PredictionRow>& rows);
  // The model's graded rows dated in [first, last] (daily grades a day once, then again only
  // when its inputs were rebuilt).
  Result<int64_t> CountGraded(int64_t model_id, const std::string& first, const std::string& last);

 private:
  Result<std::optional<ModelRun>> FindWhere(const std::string& where, int64_t arg);
  Db& db_;
};

}  // namespace backcourt
