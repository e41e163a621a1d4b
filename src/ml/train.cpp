#include "ml/train.h"

#include <algorithm>
#include <chrono>
#include <cmath>

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
  if (r.twin) j["availability_twin"] = TwinJson(*r.twin);
  return j;
}

std::string DefaultModelPath(const Db& db, int64_t model_id) {
  const bool file = !db.path().empty() && db.path() != ":memory:" && !IsServerTarget(db.path());
  const std::string base = file ? db.path() : "backcourt";
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

// Fits the options' features on the training rows and scores the test rows with them: the
// report's fit, evaluation and importance figures, and the test predictions.
Result<std::pair<XgbBooster, std::vector<float>>> FitAndTest(const Split& split,
                                                             const TrainOptions& o,
                                                             TrainReport& report) {
  const FeatureList features = FeatureList::Of(o.features);
  report.features = features.names();
  BC_ASSIGN_OR_RETURN(XgbBooster booster, Fit(split.train, features, o, report));
  BC_ASSIGN_OR_RETURN(XgbMatrix test, MatrixOf(split.test, features));
  BC_ASSIGN_OR_RETURN(std::vector<float> predictions, booster.Predict(test));
  report.evaluation = Evaluate(split.test, predictions);
  report.market = EvaluateMarketRows(split.test, predictions);
  BC_ASSIGN_OR_RETURN(report.importance, booster.GainImportance());
  return std::make_pair(std::move(booster), std::move(predictions));
}

// The options of the twin without availability; none when the model has no availability.
std::optional<TrainOptions> TwinOptions(const TrainOptions& o) {
  if (!o.availability_twin || o.features.availability == AvailabilityMode::kNone) return {};
  TrainOptions twin = o;
  twin.features.availability = AvailabilityMode::kNone;
  if (!o.model_path.empty()) twin.model_path = TwinModelPath(o.model_path);
  return twin;
}

PairedDifference VersusTwin(const std::vector<PlayerFeatureRow>& test,
                            const std::vector<float>& model, const std::vector<float>& twin) {
  std::vector<PairedError> errors;
  errors.reserve(test.size());
  for (size_t i = 0; i < test.size(); ++i) {
    const double actual = test[i].target_points.value_or(0);
    errors.push_back({test[i].game_date, std::abs(actual - model[i]), std::abs(actual - twin[i])});
  }
  return PairedMaeDifference(errors);
}

}  // namespace

nlohmann::json TwinJson(const TwinReport& t) {
  nlohmann::json j = EvaluationJson(t.evaluation);
  j["model_id"] = t.model_id;
  j["model_path"] = t.model_path;
  j["rounds"] = t.rounds;
  j["validation_mae"] = t.validation_mae;
  j["difference"] = PairedDifferenceJson(t.difference);
  return j;
}

std::string TwinModelPath(const std::string& model_path) {
  const std::string_view kExtension = ".json";
  const bool json = model_path.ends_with(kExtension);
  return (json ? model_path.substr(0, model_path.size() - kExtension.size()) : model_path) +
         ".no-availability" + std::string(kExtension);
}

Result<TrainReport> TrainPointsModel(Db& db, const TrainOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const std::optional<TrainOptions> twin_options = TwinOptions(options);
  // Refused before the minutes of training, not after.
  for (const TrainOptions* o : {&options, twin_options ? &*twin_options : nullptr}) {
    if (o && !o->model_path.empty() && !o->force) {
      BC_RETURN_IF_ERROR(
          KeepPreviousModelFile(db, AbsoluteModelPath(o->model_path), o->model_path, false));
    }
  }
  TrainReport report;
  BC_ASSIGN_OR_RETURN(Split split, LoadSplit(db, options, report));
  TrainReport twin_report = report;  // the split's counts; the rest is the twin's own
  BC_ASSIGN_OR_RETURN(auto model, FitAndTest(split, options, report));
  if (twin_options) {
    BC_ASSIGN_OR_RETURN(auto twin, FitAndTest(split, *twin_options, twin_report));
    // Stored first: the model with availability is the latest run, the one predict uses.
    BC_RETURN_IF_ERROR(StoreRun(db, *twin_options, split, twin.first, twin_report));
    report.twin = TwinReport{twin_report.model_id,       twin_report.model_path,
                             twin_report.rounds,         twin_report.validation_mae,
                             twin_report.evaluation,
                             VersusTwin(split.test, model.second, twin.second)};
  }
  BC_RETURN_IF_ERROR(StoreRun(db, options, split, model.first, report));
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace backcourt
