#include "store/model_store.h"

namespace backcourt {
namespace {

constexpr const char* kRunColumns =
    "model_id, created_at, model_path, target, features, train_start, train_end, "
    "validation_start, test_start, test_end, parameters, code_version, results";

ModelRun ReadRun(const Statement& s) {
  ModelRun run;
  run.model_id = s.Int(0), run.created_at = s.Text(1), run.model_path = s.Text(2);
  run.target = s.Text(3), run.features = s.Text(4), run.train_start = s.Text(5);
  run.train_end = s.Text(6), run.validation_start = s.Text(7), run.test_start = s.Text(8);
  run.test_end = s.Text(9), run.parameters = s.Text(10), run.code_version = s.Text(11);
  run.results = s.Text(12);
  return run;
}

}  // namespace

Result<int64_t> ModelStore::Insert(const ModelRun& run) {
  BC_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("INSERT INTO model_runs (created_at, model_path, target, features, "
                  "train_start, train_end, validation_start, test_start, test_end, parameters, "
                  "code_version, results) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING model_id"));
  stmt.Bind(1, run.created_at).Bind(2, run.model_path).Bind(3, run.target);
  stmt.Bind(4, run.features).Bind(5, run.train_start).Bind(6, run.train_end);
  stmt.Bind(7, run.validation_start).Bind(8, run.test_start).Bind(9, run.test_end);
  stmt.Bind(10, run.parameters).Bind(11, run.code_version).Bind(12, run.results);
  return InsertReturningId(stmt);
}

Status ModelStore::SetModelPath(int64_t model_id, const std::string& path) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("UPDATE model_runs SET model_path = ? WHERE model_id = ?"));
  stmt.Bind(1, path).Bind(2, model_id);
  return stmt.Run();
}

Result<int64_t> ModelStore::RepointModelPath(const std::string& from,
                                             const std::string& from_as_given,
                                             const std::string& to) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("UPDATE model_runs SET model_path = ? WHERE model_path IN (?, ?)"));
  stmt.Bind(1, to).Bind(2, from).Bind(3, from_as_given);
  BC_RETURN_IF_ERROR(stmt.Run());
  return stmt.Changes();
}

Status ModelStore::SetResults(int64_t model_id, const std::string& results) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("UPDATE model_runs SET results = ? WHERE model_id = ?"));
  stmt.Bind(1, results).Bind(2, model_id);
  return stmt.Run();
}

Result<std::optional<ModelRun>> ModelStore::FindWhere(const std::string& where, int64_t arg) {
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(std::string("SELECT ") + kRunColumns +
                                                  " FROM model_runs " + where));
  if (where.find('?') != std::string::npos) stmt.Bind(1, arg);
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return std::optional<ModelRun>();
  return std::optional<ModelRun>(ReadRun(stmt));
}

Result<std::optional<ModelRun>> ModelStore::Find(int64_t model_id) {
  return FindWhere("WHERE model_id = ?", model_id);
}

Result<std::optional<ModelRun>> ModelStore::Latest() {
  return FindWhere("ORDER BY model_id DESC LIMIT 1", 0);
}

Result<std::optional<ModelRun>> ModelStore::FindByModelPath(const std::string& path) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare(std::string("SELECT ") + kRunColumns +
                                  " FROM model_runs WHERE model_path = ? ORDER BY model_id DESC "
                                  "LIMIT 1"));
  stmt.Bind(1, path);
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return std::optional<ModelRun>();
  return std::optional<ModelRun>(ReadRun(stmt));
}

namespace {

// Parameters 1-16 of both prediction writes: the prediction and the line it was made against.
void BindPrediction(Statement& stmt, const PredictionRow& r) {
  stmt.Bind(1, r.model_id).Bind(2, r.game_date).Bind(3, r.game_id).Bind(4, r.player_key);
  stmt.Bind(5, r.player_name).Bind(6, r.team).Bind(7, r.opponent);
  stmt.Bind(8, r.predicted_points).Bind(9, r.created_at);
  stmt.Bind(10, r.line).Bind(11, r.edge).Bind(12, r.side).Bind(13, r.price);
  stmt.Bind(14, r.book).Bind(15, r.line_kind).Bind(16, r.line_captured_at);
}

}  // namespace

Status ModelStore::ReplacePredictions(const std::vector<PredictionRow>& rows) {
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  BC_ASSIGN_OR_RETURN(Statement insert,
                      db_.Prepare("INSERT INTO predictions (model_id, game_date, game_id, "
                                  "player_key, player_name, team, opponent, predicted_points, "
                                  "created_at, line, edge, side, price, book, line_kind, "
                                  "line_captured_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                                  // A new prediction replaces the whole row, grade included.
                                  "ON CONFLICT (model_id, game_id, player_key) DO UPDATE SET "
                                  "game_date = excluded.game_date, player_name = "
                                  "excluded.player_name, team = excluded.team, opponent = "
                                  "excluded.opponent, predicted_points = excluded.predicted_points, "
                                  "created_at = excluded.created_at, line = excluded.line, edge = "
                                  "excluded.edge, side = excluded.side, price = excluded.price, "
                                  "book = excluded.book, line_kind = excluded.line_kind, "
                                  "line_captured_at = excluded.line_captured_at, actual_points = "
                                  "NULL, result = NULL, graded_at = NULL"));
  for (const PredictionRow& r : rows) {
    BindPrediction(insert, r);
    BC_RETURN_IF_ERROR(insert.Run());
  }
  return txn.Commit();
}

Status ModelStore::RecordGrades(const std::vector<PredictionRow>& rows) {
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  BC_ASSIGN_OR_RETURN(
      Statement upsert,
      db_.Prepare("INSERT INTO predictions (model_id, game_date, game_id, player_key, "
                  "player_name, team, opponent, predicted_points, created_at, line, edge, side, "
                  "price, book, line_kind, line_captured_at, actual_points, result, graded_at) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                  "ON CONFLICT (model_id, game_id, player_key) DO UPDATE SET "
                  "predicted_points = excluded.predicted_points, line = excluded.line, "
                  "edge = excluded.edge, side = excluded.side, price = excluded.price, "
                  "book = excluded.book, line_kind = excluded.line_kind, "
                  "line_captured_at = excluded.line_captured_at, "
                  "actual_points = excluded.actual_points, result = excluded.result, "
                  "graded_at = excluded.graded_at"));
  for (const PredictionRow& r : rows) {
    BindPrediction(upsert, r);
    upsert.Bind(17, r.actual_points).Bind(18, r.result).Bind(19, r.graded_at);
    BC_RETURN_IF_ERROR(upsert.Run());
  }
  return txn.Commit();
}

Result<int64_t> ModelStore::CountGraded(int64_t model_id, const std::string& first,
                                        const std::string& last) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT COUNT(*) FROM predictions WHERE model_id = ? AND "
                                  "game_date BETWEEN ? AND ? AND graded_at IS NOT NULL"));
  stmt.Bind(1, model_id).Bind(2, first).Bind(3, last);
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  return has_row ? stmt.Int(0) : int64_t{0};
}

}  // namespace backcourt
