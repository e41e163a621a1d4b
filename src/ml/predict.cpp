#include "ml/predict.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ml/booster.h"
#include "ml/dataset.h"
#include "ml/model_file.h"
#include "store/model_store.h"
#include "store/partition_store.h"
#include "store/raw_store.h"
#include "tables/line_features.h"

namespace backcourt {
namespace {

// model_runs.features: a JSON array of names; empty when it is not one.
std::vector<std::string> StoredFeatureNames(const std::string& features) {
  const auto json = nlohmann::json::parse(features, nullptr, /*allow_exceptions=*/false);
  std::vector<std::string> names;
  if (!json.is_array()) return names;
  for (const auto& name : json) {
    if (!name.is_string()) return {};
    names.push_back(name.get<std::string>());
  }
  return names;
}

// The model to use and its run: the named file, or the latest run's.
Status ResolveModel(Db& db, const PredictOptions& o, PredictReport& report) {
  BC_ASSIGN_OR_RETURN(auto latest, ModelStore(db).Latest());
  if (!o.model_path.empty()) {
    report.model_path = o.model_path;
    if (latest && (latest->model_path == AbsoluteModelPath(o.model_path) ||
                   latest->model_path == o.model_path)) {
      report.model_id = latest->model_id;
      report.features = StoredFeatureNames(latest->features);
    }
    return {};
  }
  if (!latest) return Fail(ErrorKind::kNotFound, "no trained model: run `backcourt train` first");
  report.model_path = latest->model_path, report.model_id = latest->model_id;
  report.features = StoredFeatureNames(latest->features);
  return {};
}

// The model's own feature list: its run's (model_runs.features), else its file's. Both are
// written by train from one list; when they disagree the file is not the run's model.
Result<FeatureList> ModelFeatures(const XgbBooster& booster, PredictReport& report) {
  BC_ASSIGN_OR_RETURN(std::vector<std::string> in_file, booster.FeatureNames());
  if (report.features.empty()) {
    report.features = std::move(in_file);
  } else if (!in_file.empty() && in_file != report.features) {
    return InvalidInput(fmt::format(
        "model file {} has other features than model run {} records: train again",
        report.model_path, report.model_id));
  }
  return FeatureList::Named(report.features);
}

Result<std::vector<PlayerFeatureRow>> ScheduledRows(Db& db, const std::string& date) {
  BC_ASSIGN_OR_RETURN(auto schedule, RawStore(db).LoadSchedule(date, date));
  std::set<std::string> seen;
  std::vector<PlayerFeatureRow> rows;
  if (schedule.empty()) return rows;
  BC_ASSIGN_OR_RETURN(const FeatureLines lines, ProjectFeatureLines(db, date));
  for (const ScheduleRow& s : schedule) {
    if (s.game_type == "preseason" || s.game_type == "all_star") continue;
    if (s.status == kStatusCancelled || s.status == kStatusPostponed) continue;
    if (!seen.insert(s.game_id).second) continue;
    BC_ASSIGN_OR_RETURN(auto game_rows,
                        ProjectFeatures(db, {s.game_id, s.game_date, s.season, s.home_team,
                                             s.away_team}, lines));
    rows.insert(rows.end(), game_rows.begin(), game_rows.end());
  }
  return rows;
}

std::vector<PredictionRow> ToStore(const PredictReport& report) {
  std::vector<PredictionRow> rows;
  const std::string now = UtcNow();
  for (const PlayerPrediction& p : report.players) {
    const PlayerFeatureRow& f = p.features;
    rows.push_back({report.model_id, f.game_date, f.game_id, f.player_key, f.player_name, f.team,
                    f.opponent, p.points, now});
  }
  return rows;
}

}  // namespace

Result<PredictReport> PredictDate(Db& db, const PredictOptions& options) {
  PredictReport report;
  BC_RETURN_IF_ERROR(ResolveModel(db, options, report));
  BC_ASSIGN_OR_RETURN(XgbBooster booster, XgbBooster::Load(report.model_path));
  BC_ASSIGN_OR_RETURN(const FeatureList features, ModelFeatures(booster, report));
  BC_ASSIGN_OR_RETURN(auto rows, LoadFeatureRows(db, options.date, options.date));
  if (rows.empty()) {
    report.projected = true;
    BC_ASSIGN_OR_RETURN(rows, ScheduledRows(db, options.date));
  }
  if (rows.empty()) return report;
  BC_ASSIGN_OR_RETURN(XgbMatrix x, XgbMatrix::Create(features.Matrix(rows), {}, features.names()));
  BC_ASSIGN_OR_RETURN(std::vector<float> points, booster.Predict(x));
  for (size_t i = 0; i < rows.size(); ++i) {
    report.players.push_back({std::move(rows[i]), points[i]});
  }
  std::stable_sort(report.players.begin(), report.players.end(),
                   [](const PlayerPrediction& a, const PlayerPrediction& b) {
                     return a.features.game_id != b.features.game_id
                                ? a.features.game_id < b.features.game_id
                                : a.points > b.points;
                   });
  if (options.store && report.model_id != 0) {
    BC_RETURN_IF_ERROR(ModelStore(db).ReplacePredictions(ToStore(report)));
  }
  return report;
}

}  // namespace backcourt
