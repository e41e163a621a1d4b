#include "ml/predict.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "ml/booster.h"
#include "ml/dataset.h"
#include "ml/model_file.h"
#include "ml/predict_availability.h"
#include "store/model_store.h"
#include "store/partition_store.h"
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
  if (!o.model_path.empty()) {
    report.model_path = o.model_path;
    // The file's own run, whichever run it was (not only the latest): its id, features and
    // the availability it was trained with. A file without one: id 0, auto.
    BC_ASSIGN_OR_RETURN(auto run, FindModelRun(db, o.model_path));
    if (run) {
      report.model_id = run->model_id;
      report.features = StoredFeatureNames(run->features);
      report.availability = ModelAvailabilityMode(run->features, run->parameters);
    }
    return {};
  }
  BC_ASSIGN_OR_RETURN(auto latest, ModelStore(db).Latest());
  if (!latest) return Fail(ErrorKind::kNotFound, "no trained model: run `backcourt train` first");
  report.model_path = latest->model_path, report.model_id = latest->model_id;
  report.availability = ModelAvailabilityMode(latest->features, latest->parameters);
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
  return FeatureList::Named(report.features, report.availability);
}

Result<std::vector<PlayerFeatureRow>> ScheduledRows(
    Db& db, const std::string& date, const std::map<std::string, GameAvailability>& availability) {
  BC_ASSIGN_OR_RETURN(const std::vector<Game> games, ScheduledGames(db, date));
  std::vector<PlayerFeatureRow> rows;
  if (games.empty()) return rows;
  BC_ASSIGN_OR_RETURN(const FeatureLines lines, ProjectFeatureLines(db, date));
  for (const Game& s : games) {
    static const std::set<std::string> kNoneOut;
    auto known = availability.find(s.game_id);
    BC_ASSIGN_OR_RETURN(auto game_rows,
                        ProjectFeatures(db, {s.game_id, s.game_date, s.season, s.home_team,
                                             s.away_team},
                                        lines,
                                        known == availability.end() ? kNoneOut : known->second.out));
    rows.insert(rows.end(), game_rows.begin(), game_rows.end());
  }
  return rows;
}

// Drops the players whose latest pre-tip status is out (listed in the report instead) and
// flags the others a report lists. Projected rows already count them in their teammates'
// availability features.
void ApplyAvailability(std::vector<PlayerFeatureRow>& rows,
                       const std::map<std::string, GameAvailability>& availability,
                       PredictReport& report) {
  for (const auto& [game_id, game] : availability) {
    for (const auto& [key, listed] : game.listed) {
      if (game.out.count(key)) report.ruled_out.push_back(listed);
    }
  }
  std::erase_if(rows, [&](const PlayerFeatureRow& r) {
    auto game = availability.find(r.game_id);
    return game != availability.end() && game->second.out.count(r.player_key) > 0;
  });
}

std::string StatusOf(const PlayerFeatureRow& r,
                     const std::map<std::string, GameAvailability>& availability) {
  auto game = availability.find(r.game_id);
  if (game == availability.end()) return "";
  auto listed = game->second.listed.find(r.player_key);
  return listed == game->second.listed.end() ? "" : listed->second.status;
}

// Each player's consensus line of the date, and the side the prediction takes against it.
Status AttachLines(Db& db, const PredictOptions& options, PredictReport& report) {
  BC_ASSIGN_OR_RETURN(auto lines, ConsensusLinesForDate(db, options.date));
  std::map<std::pair<std::string, std::string>, const PropLine*> by_player;
  for (const PropLine& line : lines) by_player[{line.game_id, line.player_key}] = &line;
  for (PlayerPrediction& p : report.players) {
    auto it = by_player.find({p.features.game_id, p.features.player_key});
    p.pick = PickSide(p.points, it == by_player.end() ? std::nullopt
                                                      : std::optional<PropLine>(*it->second),
                      options.min_edge);
  }
  return {};
}

void SetLineFields(const LinePick& pick, PredictionRow& row) {
  if (!pick.line) return;
  row.line = pick.line->line, row.edge = pick.edge, row.price = pick.price;
  row.side = pick.side, row.book = pick.book, row.line_kind = pick.line->line_kind;
  row.line_captured_at = pick.line->captured_at;
}

std::vector<PredictionRow> ToStore(const PredictReport& report) {
  std::vector<PredictionRow> rows;
  const std::string now = UtcNow();
  for (const PlayerPrediction& p : report.players) {
    const PlayerFeatureRow& f = p.features;
    PredictionRow row;
    row.model_id = report.model_id, row.game_date = f.game_date, row.game_id = f.game_id;
    row.player_key = f.player_key, row.player_name = f.player_name, row.team = f.team;
    row.opponent = f.opponent, row.predicted_points = p.points, row.created_at = now;
    SetLineFields(p.pick, row);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<PredictReport> PredictDate(Db& db, const PredictOptions& options) {
  PredictReport report;
  BC_RETURN_IF_ERROR(ResolveModel(db, options, report));
  BC_ASSIGN_OR_RETURN(XgbBooster booster, XgbBooster::Load(report.model_path));
  BC_ASSIGN_OR_RETURN(const FeatureList features, ModelFeatures(booster, report));
  BC_ASSIGN_OR_RETURN(auto availability, AvailabilityForDate(db, options.date, options.as_of));
  std::vector<PlayerFeatureRow> rows;
  if (options.as_of.empty()) {
    BC_ASSIGN_OR_RETURN(rows, LoadFeatureRows(db, options.date, options.date));
  }
  if (rows.empty()) {
    report.projected = true;
    BC_ASSIGN_OR_RETURN(rows, ScheduledRows(db, options.date, availability));
  }
  ApplyAvailability(rows, availability, report);
  if (rows.empty()) return report;
  BC_ASSIGN_OR_RETURN(XgbMatrix x, XgbMatrix::Create(features.Matrix(rows), {}, features.names()));
  BC_ASSIGN_OR_RETURN(std::vector<float> points, booster.Predict(x));
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string status = StatusOf(rows[i], availability);
    report.players.push_back({std::move(rows[i]), points[i], status, {}});
  }
  BC_RETURN_IF_ERROR(AttachLines(db, options, report));
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
