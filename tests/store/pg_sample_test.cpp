// The done-criterion of the PostgreSQL store: the bundled sample, ingested and backfilled
// through the CLI into SQLite and into PostgreSQL, gives every partition the same status,
// rows and data_version, the same gaps, and the same validation.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include <string>
#include <vector>

#include "cli/cli_run.h"
#include "store/db.h"
#include "store/pg_server.h"
#include "test_files.h"

namespace backcourt {
namespace {

using testing::RunBackcourt;

struct Built {
  std::vector<std::string> partitions, gaps;
  std::string validate_json;
};

std::vector<std::string> Rows(Db& db, const std::string& sql) {
  std::vector<std::string> rows;
  auto stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt) << stmt.error().message();
  if (!stmt) return rows;
  for (;;) {
    auto has_row = stmt->Step();
    EXPECT_TRUE(has_row);
    if (!has_row || !*has_row) break;
    std::string row;
    for (int c = 0; c < stmt->ColumnCount(); ++c) {
      if (c > 0) row += '|';
      row += stmt->Text(c);
    }
    rows.push_back(row);
  }
  return rows;
}

Built IngestBackfillValidate(const std::string& target) {
  const std::string range[] = {"--start-date", "2023-10-24", "--end-date", "2024-06-17"};
  Built built;
  auto ingest =
      RunBackcourt({"--db", target, "ingest", std::string(BACKCOURT_SOURCE_DIR) + "/data/sample"});
  EXPECT_EQ(ingest.code, 0) << ingest.out << ingest.err;
  auto backfill = RunBackcourt({"--db", target, "backfill", range[0], range[1], range[2], range[3]});
  EXPECT_EQ(backfill.code, 0) << backfill.out << backfill.err;
  auto validate = RunBackcourt(
      {"--db", target, "validate", range[0], range[1], range[2], range[3], "--format", "json"});
  EXPECT_EQ(validate.code, 0) << validate.err;
  built.validate_json = validate.out;
  auto status = RunBackcourt({"--db", target, "status"});
  EXPECT_EQ(status.code, 0) << status.out << status.err;
  EXPECT_TRUE(testing::Contains(status.out, "player_game_summary")) << status.out;
  auto db = Db::OpenReadOnly(target);
  EXPECT_TRUE(db) << db.error().message();
  if (!db) return built;
  built.partitions = Rows(*db,
                          "SELECT table_name, game_date, status, rows, data_version FROM "
                          "partitions ORDER BY table_name, game_date");
  built.gaps = Rows(*db,
                    "SELECT table_name, game_date, game_id, team, reason FROM partition_gaps "
                    "ORDER BY table_name, game_date, game_id, team");
  return built;
}

TEST(PgSampleTest, TheSampleGivesTheSameDataVersionsGapsAndValidationOnBothBackends) {
  BC_PG_DATABASE_OR_SKIP(pg_target);
  const testing::TempDir dir;
  const Built sqlite = IngestBackfillValidate(dir.path() + "/sample.db");
  const Built pg = IngestBackfillValidate(pg_target);

  ASSERT_GT(sqlite.partitions.size(), 100u);
  EXPECT_EQ(pg.partitions.size(), sqlite.partitions.size());
  for (size_t i = 0; i < std::min(pg.partitions.size(), sqlite.partitions.size()); ++i) {
    EXPECT_EQ(pg.partitions[i], sqlite.partitions[i]);
  }
  EXPECT_FALSE(sqlite.gaps.empty());  // the sample's play-in and Cup-final games
  EXPECT_EQ(pg.gaps, sqlite.gaps);
  EXPECT_TRUE(testing::Contains(sqlite.validate_json, "\"verdict\": \"pass\"")) << sqlite.validate_json.substr(0, 300);
  EXPECT_EQ(pg.validate_json, sqlite.validate_json);
}

// A built sample copied SQLite -> PostgreSQL -> SQLite: every table's rows come back the
// same (by value), the PostgreSQL copy is a working store (a backfill there finds every
// partition ok and fresh and records its run), and a copy never writes into a non-empty store.
TEST(PgSampleTest, ACopyToPostgresAndBackKeepsEveryRowAndWorks) {
  BC_PG_DATABASE_OR_SKIP(pg_target);
  const testing::TempDir dir;
  const std::string original = dir.path() + "/original.db";
  const std::string back = dir.path() + "/back.db";
  IngestBackfillValidate(original);

  auto there = RunBackcourt({"copy", "--from", original, "--to", pg_target});
  ASSERT_EQ(there.code, 0) << there.out << there.err;
  EXPECT_TRUE(testing::Contains(there.out, "carry the same data_version")) << there.out;
  auto again = RunBackcourt({"copy", "--from", original, "--to", pg_target});
  EXPECT_EQ(again.code, 1);
  EXPECT_TRUE(testing::Contains(again.err, "already holds data")) << again.err;
  auto home = RunBackcourt({"copy", "--from", pg_target, "--to", back});
  ASSERT_EQ(home.code, 0) << home.out << home.err;

  auto a = Db::OpenReadOnly(original);
  auto b = Db::OpenReadOnly(back);
  ASSERT_TRUE(a && b);
  auto tables = a->Tables();
  ASSERT_TRUE(tables);
  EXPECT_GT(tables->size(), 20u);
  for (const std::string& table : *tables) {
    auto columns = a->Columns(table);
    ASSERT_TRUE(columns);
    std::string select;
    for (const ColumnInfo& c : *columns) {
      // Reals as doubles at full precision: the copy must not round them.
      const std::string value = c.kind == ColumnKind::kReal
                                    ? "printf('%.17g', \"" + c.name + "\")"
                                    : "\"" + c.name + "\"";
      select += (select.empty() ? "" : ", ") + value;
    }
    const std::string sql = "SELECT " + select + " FROM " + table + " ORDER BY rowid";
    const std::string key_order = "SELECT " + select + " FROM " + table + " ORDER BY 1, 2";
    auto probe = a->Prepare(sql);
    const std::string query = probe ? sql : key_order;  // WITHOUT ROWID tables
    EXPECT_EQ(Rows(*a, query), Rows(*b, query)) << table;
  }

  const std::string range[] = {"--start-date", "2023-10-24", "--end-date", "2024-06-17"};
  const std::string built = "SELECT table_name, game_date, run_id FROM partitions ORDER BY 1, 2";
  const auto before = Rows(*a, built);
  const auto runs = Rows(*a, "SELECT run_id FROM runs ORDER BY run_id");
  auto rerun = RunBackcourt({"--db", pg_target, "backfill", range[0], range[1], range[2], range[3]});
  EXPECT_EQ(rerun.code, 0) << rerun.out << rerun.err;
  auto pg = Db::OpenReadOnly(pg_target);
  ASSERT_TRUE(pg);
  EXPECT_EQ(Rows(*pg, built), before) << "every copied partition is ok and fresh: none rebuilt";
  // The new run is numbered after the copied ones (the identity sequence was moved on).
  EXPECT_EQ(Rows(*pg, "SELECT run_id FROM runs ORDER BY run_id").size(), runs.size() + 1);
}

// The model on PostgreSQL: trained on the sample's features, it is the same model (the
// same file, byte for byte) as on SQLite, and predict (recording its predictions) and grade
// give the same output.
TEST(PgSampleTest, TrainPredictAndGradeGiveTheSameResultsOnBothBackends) {
  BC_PG_DATABASE_OR_SKIP(pg_target);
  const testing::TempDir dir;
  struct Outputs {
    std::string model, predict, grade;
    std::vector<std::string> predictions;
  };
  auto run = [&](const std::string& target, const std::string& name) {
    Outputs out;
    IngestBackfillValidate(target);
    const std::string model = dir.path() + "/" + name + ".json";
    auto train = RunBackcourt({"--db", target, "train", "--train-end", "2024-01-31",
                               "--test-start", "2024-02-01", "--model", model});
    EXPECT_EQ(train.code, 0) << train.out << train.err;
    out.model = testing::ReadBytes(model);
    auto predict = RunBackcourt({"--db", target, "predict", "--date", "2024-02-15", "--model",
                                 model, "--record", "--format", "csv"});
    EXPECT_EQ(predict.code, 0) << predict.err;
    out.predict = predict.out;
    auto grade = RunBackcourt({"--db", target, "grade", "--start-date", "2024-02-01",
                               "--end-date", "2024-04-14", "--model", model});
    EXPECT_EQ(grade.code, 0) << grade.err;
    out.grade = grade.out;
    auto db = Db::OpenReadOnly(target);
    EXPECT_TRUE(db);
    if (!db) return out;
    auto stmt = db->Prepare("SELECT game_date, game_id, player_key, predicted_points FROM "
                            "predictions ORDER BY game_date, game_id, player_key");
    EXPECT_TRUE(stmt);
    while (stmt && *stmt->Step()) {  // the double itself: the backends print reals differently
      out.predictions.push_back(fmt::format("{}|{}|{}|{}", stmt->Text(0), stmt->Text(1),
                                            stmt->Text(2), stmt->Real(3)));
    }
    return out;
  };
  const Outputs sqlite = run(dir.path() + "/sample.db", "sqlite");
  const Outputs pg = run(pg_target, "pg");
  ASSERT_FALSE(sqlite.model.empty());
  EXPECT_EQ(pg.model, sqlite.model);
  EXPECT_GT(std::count(sqlite.predict.begin(), sqlite.predict.end(), '\n'), 20);
  EXPECT_EQ(pg.predict, sqlite.predict);
  EXPECT_EQ(pg.grade, sqlite.grade);
  EXPECT_FALSE(sqlite.predictions.empty());
  EXPECT_EQ(pg.predictions, sqlite.predictions);
}

}  // namespace
}  // namespace backcourt
