#include "ml/grade.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "ml/dataset.h"
#include "ml/model_file.h"
#include "ml/predict.h"
#include "store/derived_store.h"
#include "store/model_store.h"
#include "store/partition_store.h"
#include "tables/player_game_summary.h"

namespace backcourt {
namespace {

using Key = std::pair<std::string, std::string>;  // game_id, player_key

// Rows of a derived table dated [first, last]; none when the table is not built at all.
template <class Row>
Result<std::vector<Row>> ReadIfBuilt(Db& db, const Table<Row>& table, const std::string& first,
                                     const std::string& last) {
  BC_ASSIGN_OR_RETURN(TableSchemaState state, CheckDerivedTable(db, table));
  if (state.schema == TableSchema::kMissing) return std::vector<Row>{};
  return ReadDateRange(db, table, first, last);
}

bool Played(const PlayerFeatureRow& f) {
  return f.target_minutes && *f.target_minutes > 0 && f.target_points;
}

void NoteCapture(const PropLine& line, GradeReport& report) {
  if (!line.captured_at) {
    ++report.lines_without_capture;
    return;
  }
  const std::string& at = *line.captured_at;
  if (!report.captured_first || at < *report.captured_first) report.captured_first = at;
  if (!report.captured_last || at > *report.captured_last) report.captured_last = at;
}

// The model's points for the lined, played feature rows: PredictDate on each of their dates
// (built rows only, so never a projection).
Result<std::map<Key, double>> Predictions(Db& db, const std::string& model_path,
                                          const std::set<std::string>& dates, int64_t& model_id,
                                          std::string& resolved_path) {
  std::map<Key, double> points;
  PredictOptions options;
  options.model_path = model_path;
  for (const std::string& date : dates) {
    options.date = date;
    BC_ASSIGN_OR_RETURN(PredictReport day, PredictDate(db, options));
    model_id = day.model_id, resolved_path = day.model_path;
    for (const PlayerPrediction& p : day.players) {
      points[{p.features.game_id, p.features.player_key}] = p.points;
    }
  }
  return points;
}

// The run of a model file (the latest run when `path` is empty), if it is in model_runs.
Result<std::optional<ModelRun>> RunOf(Db& db, const std::string& path) {
  if (path.empty()) return ModelStore(db).Latest();
  return FindModelRun(db, path);
}

// The second model to grade: the option's file, else the twin train recorded in the model's
// results; empty when there is none.
Result<std::string> ComparisonModel(Db& db, const GradeOptions& o, bool& twin) {
  twin = false;
  if (!o.compare) return std::string();
  if (!o.compare_model_path.empty()) return o.compare_model_path;
  BC_ASSIGN_OR_RETURN(auto run, RunOf(db, o.model_path));
  if (!run) return std::string();
  const auto results = nlohmann::json::parse(run->results, nullptr, false);
  if (!results.is_object() || !results.contains("availability_twin")) return std::string();
  const auto& id = results["availability_twin"]["model_id"];
  if (!id.is_number_integer()) return std::string();
  BC_ASSIGN_OR_RETURN(auto twin_run, ModelStore(db).Find(id.get<int64_t>()));
  if (!twin_run || twin_run->model_path.empty()) return std::string();
  twin = true;
  return twin_run->model_path;
}

// The graded rows scored again by `model_path`, graded on the same lines and results.
Result<GradeComparison> Compare(Db& db, const std::string& model_path, bool twin,
                                const std::set<std::string>& dates,
                                const std::vector<double>& buckets, const GradeReport& report) {
  GradeComparison c;
  c.twin = twin;
  BC_ASSIGN_OR_RETURN(auto points, Predictions(db, model_path, dates, c.model_id, c.model_path));
  std::vector<GradeInput> inputs;
  std::vector<PairedError> errors;
  for (const GradedRow& row : report.rows) {
    auto found = points.find({row.line.game_id, row.line.player_key});
    if (found == points.end()) {
      return InvalidInput(fmt::format("model {} scores no {} in game {}: the two models do not "
                                      "see the same rows",
                                      c.model_path, row.line.player_key, row.line.game_id));
    }
    GradeInput input = row.input;
    input.prediction = found->second;
    inputs.push_back(input);
    errors.push_back({row.line.game_date, std::abs(row.input.actual - row.input.prediction),
                      std::abs(input.actual - input.prediction)});
  }
  c.grading = Grade(inputs, buckets);
  c.mae_difference = PairedMaeDifference(errors);
  return c;
}

GradeInput InputOf(const PropLine& line, const PlayerFeatureRow& f, double prediction) {
  GradeInput in;
  in.prediction = prediction, in.line = line.line, in.actual = *f.target_points;
  in.last10 = *f.pts_avg_last10;
  in.over_price = line.over_price, in.under_price = line.under_price;
  in.line_kind = line.line_kind;
  in.over_book = line.over_book.value_or(line.bookmaker);
  in.under_book = line.under_book.value_or(line.bookmaker);
  return in;
}

std::vector<PredictionRow> ToStore(const GradeReport& report, double min_edge) {
  std::vector<PredictionRow> rows;
  const std::string now = UtcNow();
  for (const GradedRow& g : report.rows) {
    PredictionRow r;
    r.model_id = report.model_id, r.game_date = g.line.game_date, r.game_id = g.line.game_id;
    r.player_key = g.line.player_key, r.player_name = g.line.player_name;
    r.team = g.team, r.opponent = g.opponent;
    r.predicted_points = g.input.prediction, r.created_at = now;
    r.line = g.line.line, r.edge = g.bet.edge, r.line_kind = g.line.line_kind;
    r.line_captured_at = g.line.captured_at;
    r.actual_points = g.input.actual, r.graded_at = now;
    const bool taken = g.bet.side != Side::kNone && std::abs(g.bet.edge) >= min_edge;
    r.side = taken ? SideName(g.bet.side) : "PASS";
    if (taken) {
      r.price = g.bet.price, r.result = OutcomeName(g.bet.outcome);
      if (!g.bet.book.empty()) r.book = g.bet.book;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace

Result<GradeReport> GradeRange(Db& db, const GradeOptions& o) {
  if (o.start_date.empty() || o.end_date.empty() || o.end_date < o.start_date) {
    return InvalidInput("grade needs a start date on or before its end date");
  }
  GradeReport report;
  report.line_basis = o.book.empty() ? kConsensusBook : o.book;
  BC_ASSIGN_OR_RETURN(auto lines, ReadConsensusPropLines(db, o.start_date, o.end_date, o.book));
  BC_ASSIGN_OR_RETURN(auto features,
                      ReadIfBuilt(db, PlayerFeatureTable(), o.start_date, o.end_date));
  BC_ASSIGN_OR_RETURN(auto box, ReadIfBuilt(db, PlayerGameTable(), o.start_date, o.end_date));
  std::map<Key, const PlayerFeatureRow*> by_key;
  for (const PlayerFeatureRow& f : features) by_key[{f.game_id, f.player_key}] = &f;
  std::set<std::string> games_with_result;
  for (const PlayerGameRow& b : box) games_with_result.insert(b.game_id);

  std::set<std::string> dates;
  for (const PropLine& line : lines) {
    auto f = by_key.find({line.game_id, line.player_key});
    if (f != by_key.end() && Played(*f->second)) dates.insert(line.game_date);
  }
  BC_ASSIGN_OR_RETURN(auto points,
                      Predictions(db, o.model_path, dates, report.model_id, report.model_path));

  std::vector<GradeInput> inputs;
  for (const PropLine& line : lines) {
    ++report.lined;
    NoteCapture(line, report);
    auto found = by_key.find({line.game_id, line.player_key});
    const PlayerFeatureRow* f = found == by_key.end() ? nullptr : found->second;
    auto prediction = points.find({line.game_id, line.player_key});
    if (f && Played(*f) && prediction != points.end()) {
      if (!f->pts_avg_last10) {
        ++report.no_history;
        continue;
      }
      GradedRow row{line, f->team, f->opponent, InputOf(line, *f, prediction->second), {}};
      row.bet = BetOf(row.input);
      inputs.push_back(row.input);
      report.rows.push_back(std::move(row));
    } else if (f && !Played(*f)) {
      ++report.unplayed_lined;
    } else if (!games_with_result.count(line.game_id) || f) {
      ++report.no_result;  // not built yet (or, with f, scored by no model: none here)
    } else if (line.resolved == 0) {
      ++report.unresolved_lined;
    } else {
      ++report.unplayed_lined;  // the game's box has no active row for him
    }
  }
  report.graded = static_cast<int64_t>(report.rows.size());
  std::vector<double> buckets = DefaultEdgeBuckets();
  if (std::find(buckets.begin(), buckets.end(), o.min_edge) == buckets.end()) {
    buckets.push_back(o.min_edge);
  }
  report.grading = Grade(inputs, buckets);
  bool twin = false;
  BC_ASSIGN_OR_RETURN(const std::string compare_path, ComparisonModel(db, o, twin));
  if (!compare_path.empty()) {
    BC_ASSIGN_OR_RETURN(report.comparison,
                        Compare(db, compare_path, twin, dates, buckets, report));
  }
  if (o.record && !report.rows.empty()) {
    // Grades are recorded under a model row: a file trained elsewhere gets one.
    if (report.model_id == 0) {
      BC_ASSIGN_OR_RETURN(report.model_id, RegisterModelFile(db, report.model_path));
      report.model_registered = true;
    }
    BC_RETURN_IF_ERROR(ModelStore(db).RecordGrades(ToStore(report, o.min_edge)));
    report.recorded = report.graded;
  }
  return report;
}

}  // namespace backcourt
