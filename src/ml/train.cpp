#include "ml/train.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ml/dataset.h"
#include "ml/model_file.h"
#include "store/model_store.h"
#include "store/partition_store.h"

namespace backcourt {
namespace {

constexpr const char* kCodeVersion = "backcourt " BACKCOURT_VERSION;

nlohmann::json ParamsJson(const TrainOptions& o) {
  const BoosterParams& p = o.params;
  return {{"objective", p.objective},       {"huber_slope", p.huber_slope},
          {"max_depth", p.max_depth},
          {"eta", p.eta},                   {"subsample", p.subsample},
          {"colsample_bytree", p.colsample_bytree}, {"min_child_weight", p.min_child_weight},
          {"lambda", p.lambda},             {"max_rounds", p.max_rounds},
          {"early_stopping_rounds", p.early_stopping_rounds}, {"seed", p.seed},
          {"nthread", p.nthread},           {"validation_fraction", o.validation_fraction},
          {"refit", o.refit},               {"availability", AvailabilityModeName(o.features.availability)}};
}

nlohmann::json ResultsJson(const TrainReport& r) {
  nlohmann::json j = EvaluationJson(r.evaluation);
  j["model_id"] = r.model_id;
  j["rounds"] = r.rounds;
  j["validation_mae"] = r.validation_mae;
  j["train_rows"] = r.train_rows;
  j["validation_rows"] = r.validation_rows;
  j["train_rows_history_missing"] = r.train_rows_history_missing;
  j["test_rows_history_missing"] = r.test_rows_history_missing;
  j["train_rows_filtered"] = r.train_rows_filtered;
  j["market_rows"] = MarketRowsJson(r.market);
  j["importance"] = nlohmann::json::array();
  for (const auto& [name, gain] : r.importance) j["importance"].push_back({{"feature", name}, {"gain", gain}});
  return j;
}

std::string DefaultModelPath(const Db& db, int64_t model_id) {
  const std::string base = db.path().empty() || db.path() == ":memory:" ? "backcourt" : db.path();
  return AbsoluteModelPath(fmt::format("{}.model-{}.json", base, model_id));
}

struct Split {
  std::vector<PlayerFeatureRow> train, test;
};

Result<Split> LoadSplit(Db& db, const TrainOptions& o, TrainReport& report) {
  if (o.train_end.empty() || o.test_start.empty()) {
    return InvalidInput("--train-end and --test-start are required");
  }
  if (o.test_start <= o.train_end) {
    return InvalidInput(fmt::format("test start {} must be after train end {}", o.test_start,
                                    o.train_end));
  }
  Split split;
  BC_ASSIGN_OR_RETURN(auto train, LoadFeatureRows(db, o.train_start.empty() ? "0000-00-00" : o.train_start,
                                                  o.train_end));
  BC_ASSIGN_OR_RETURN(auto test, LoadFeatureRows(db, o.test_start,
                                                 o.test_end.empty() ? "9999-12-31" : o.test_end));
  split.train = Population(std::move(train));
  split.test = Population(std::move(test));
  auto incomplete = [](const PlayerFeatureRow& r) { return r.history_games_missing > 0; };
  report.train_rows_history_missing = std::count_if(split.train.begin(), split.train.end(), incomplete);
  report.test_rows_history_missing = std::count_if(split.test.begin(), split.test.end(), incomplete);
  if (o.max_history_missing >= 0) {
    report.train_rows_filtered = std::erase_if(split.train, [&](const PlayerFeatureRow& r) {
      return r.history_games_missing > o.max_history_missing;
    });
  }
  if (split.train.size() < 100) {
    return InvalidInput(fmt::format("{} training rows in the population: build "
                                    "player_game_features for the training range first",
                                    split.train.size()));
  }
  if (split.test.empty()) return InvalidInput("no test rows in the population");
  return split;
}

Result<XgbMatrix> MatrixOf(const std::vector<PlayerFeatureRow>& rows, const FeatureList& features) {
  return XgbMatrix::Create(features.Matrix(rows), PointsLabels(rows), features.names());
}

// Early stopping on the last rows by date, then (optionally) a refit on all of them.
Result<XgbBooster> Fit(const std::vector<PlayerFeatureRow>& rows, const FeatureList& features,
                       const TrainOptions& o, TrainReport& report) {
  const size_t cut = ValidationStart(rows, o.validation_fraction);
  if (cut == 0 || cut >= rows.size()) return InvalidInput("training range too small to validate");
  const std::vector<PlayerFeatureRow> fit(rows.begin(), rows.begin() + static_cast<long>(cut));
  const std::vector<PlayerFeatureRow> valid(rows.begin() + static_cast<long>(cut), rows.end());
  report.validation_start = valid.front().game_date;
  report.train_rows = static_cast<int64_t>(rows.size());
  report.validation_rows = static_cast<int64_t>(valid.size());
  BC_ASSIGN_OR_RETURN(XgbMatrix fit_matrix, MatrixOf(fit, features));
  BC_ASSIGN_OR_RETURN(XgbMatrix valid_matrix, MatrixOf(valid, features));
  BC_ASSIGN_OR_RETURN(XgbBooster stopped, XgbBooster::Train(o.params, fit_matrix, valid_matrix));
  report.rounds = stopped.best_rounds();
  report.validation_mae = stopped.best_validation_mae();
  if (!o.refit) return stopped;
  BC_ASSIGN_OR_RETURN(XgbMatrix all, MatrixOf(rows, features));
  return XgbBooster::TrainRounds(o.params, all, report.rounds);
}

Status StoreRun(Db& db, const TrainOptions& o, const Split& split, const XgbBooster& booster,
                TrainReport& report) {
  ModelStore store(db);
  ModelRun run;
  run.created_at = UtcNow(), run.target = "points";
  run.features = nlohmann::json(report.features).dump();
  run.train_start = split.train.front().game_date, run.train_end = o.train_end;
  run.validation_start = report.validation_start;
  run.test_start = o.test_start, run.test_end = split.test.back().game_date;
  run.parameters = ParamsJson(o).dump();
  run.code_version = kCodeVersion;
  if (!o.model_path.empty()) {
    report.model_path = AbsoluteModelPath(o.model_path);
    BC_ASSIGN_OR_RETURN(report.previous_model_kept_as,
                        KeepPreviousModelFile(db, report.model_path, o.model_path, o.force));
  }
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  BC_ASSIGN_OR_RETURN(report.model_id, store.Insert(run));
  if (o.model_path.empty()) {
    report.model_path = DefaultModelPath(db, report.model_id);
    BC_ASSIGN_OR_RETURN(report.previous_model_kept_as,
                        KeepPreviousModelFile(db, report.model_path, report.model_path, o.force,
                                              /*in_transaction=*/true));
  }
  BC_RETURN_IF_ERROR(booster.Save(report.model_path));
  BC_RETURN_IF_ERROR(store.SetModelPath(report.model_id, report.model_path));
  BC_RETURN_IF_ERROR(store.SetResults(report.model_id, ResultsJson(report).dump()));
  return txn.Commit();
}

}  // namespace

Result<TrainReport> TrainPointsModel(Db& db, const TrainOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  // Refused before the minutes of training, not after.
  if (!options.model_path.empty() && !options.force) {
    BC_RETURN_IF_ERROR(KeepPreviousModelFile(db, AbsoluteModelPath(options.model_path),
                                             options.model_path, false));
  }
  TrainReport report;
  BC_ASSIGN_OR_RETURN(Split split, LoadSplit(db, options, report));
  const FeatureList features = FeatureList::Of(options.features);
  report.features = features.names();
  BC_ASSIGN_OR_RETURN(XgbBooster booster, Fit(split.train, features, options, report));
  BC_ASSIGN_OR_RETURN(XgbMatrix test, MatrixOf(split.test, features));
  BC_ASSIGN_OR_RETURN(std::vector<float> predictions, booster.Predict(test));
  report.evaluation = Evaluate(split.test, predictions);
  report.market = EvaluateMarketRows(split.test, predictions);
  BC_ASSIGN_OR_RETURN(report.importance, booster.GainImportance());
  BC_RETURN_IF_ERROR(StoreRun(db, options, split, booster, report));
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace backcourt
