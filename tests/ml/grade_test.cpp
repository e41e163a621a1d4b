// grade on the bundled sample with synthetic lines written into player_prop_lines: the JSON
// figures against sums computed here from the feature rows, the lines and predict's points;
// grade only reads unless --record.
#include "ml/grade.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include <fmt/format.h>

#include "cli/cli.h"
#include "ml/dataset.h"
#include "ml/model_file.h"
#include "ml/predict.h"
#include "ml/sample_db.h"
#include "ml/train.h"
#include "store/derived_store.h"
#include "store/model_store.h"
#include "tables/market_lines.h"
#include "test_files.h"
#include "validate/report_grade.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDate = "2024-02-05";
// Line offsets from the actual points, cycled over the lined players: the line's absolute
// errors are known, and every third row pushes.
const double kOffsets[] = {-2.5, 1.5, 0, 4.5, -0.5, 0};

struct CliRun {
  int code = -1;
  std::string out, err;
};

CliRun Grade(const std::string& db, std::vector<std::string> extra) {
  std::vector<std::string> words = {"backcourt",    "--db", db,           "grade",
                                    "--start-date", kDate,  "--end-date", kDate};
  words.insert(words.end(), extra.begin(), extra.end());
  std::vector<const char*> argv;
  for (const std::string& w : words) argv.push_back(w.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str(), run.err = err.str();
  return run;
}

PropLine LineFor(const PlayerFeatureRow& f, double line) {
  PropLine p;
  p.game_id = f.game_id, p.game_date = f.game_date, p.season = f.season;
  p.player_key = f.player_key, p.player_name = f.player_name, p.team = f.team;
  p.bookmaker = kConsensusBook, p.line_kind = "book", p.line = line;
  p.over_price = -110, p.under_price = 100, p.over_book = "bookA", p.under_book = "bookB";
  p.books = 2, p.captured_at = std::string(kDate) + "T20:00:00Z", p.resolved = 1;
  return p;
}

class GradeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("backcourt_grade_test_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    testing::CopySample((*dir_ / "sample").string());
    db_path_ = new std::string((*dir_ / "g.db").string());
    db_ = new Db(
        testing::BuildSampleDb((*dir_ / "sample").string(), *db_path_, "2023-10-24", "2024-02-10"));
    TrainOptions o;
    o.train_end = "2024-01-31", o.test_start = "2024-02-01";
    o.model_path = (*dir_ / "m.json").string();
    o.params.max_rounds = 200;
    auto trained = TrainPointsModel(*db_, o);
    ASSERT_TRUE(trained) << trained.error().message();
    WriteLines();
  }
  static void TearDownTestSuite() {
    delete db_;
    fs::remove_all(*dir_);
    delete dir_;
    delete db_path_;
  }

  // Lines for the played players of kDate with a last-10 (offset from their actual points),
  // one for a box-score player who did not play, one for a name nobody resolved.
  static void WriteLines() {
    auto features = LoadFeatureRows(*db_, kDate, kDate);
    ASSERT_TRUE(features) << features.error().message();
    std::vector<PropLine> lines;
    for (const PlayerFeatureRow& f : *features) {
      if (!f.target_minutes || *f.target_minutes <= 0 || !f.pts_avg_last10) continue;
      const double offset = kOffsets[lines.size() % std::size(kOffsets)];
      lines.push_back(LineFor(f, *f.target_points + offset));
      lined_.push_back(f);
      if (lines.size() == 40) break;
    }
    ASSERT_EQ(lines.size(), 40u);
    // The sample's box scores list only players who played: a resolved player lined for
    // another game of the date (it has a result, he has no row in it) did not play it.
    bool other_game = false;
    for (const PlayerFeatureRow& f : *features) {
      if (f.game_id == lined_.front().game_id) continue;
      PlayerFeatureRow absent = lined_.front();
      absent.game_id = f.game_id;
      lines.push_back(LineFor(absent, 10.5));
      other_game = true;
      break;
    }
    ASSERT_TRUE(other_game) << "the sample date has one game only";
    PlayerFeatureRow nobody = lined_.front();
    nobody.player_key = "name:nobody at all", nobody.player_name = "Nobody At All";
    PropLine unresolved = LineFor(nobody, 12.5);
    unresolved.resolved = 0;
    lines.push_back(unresolved);
    ASSERT_TRUE(EnsureDerivedTable(*db_, PropLinesTable()));
    auto txn = Transaction::Begin(*db_);
    ASSERT_TRUE(txn);
    ASSERT_TRUE(ReplacePartitionRows(*db_, PropLinesTable(), kDate, lines));
    ASSERT_TRUE(txn->Commit());
  }

  static fs::path* dir_;
  static std::string* db_path_;
  static Db* db_;
  static std::vector<PlayerFeatureRow> lined_;
};

fs::path* GradeTest::dir_ = nullptr;
std::string* GradeTest::db_path_ = nullptr;
Db* GradeTest::db_ = nullptr;
std::vector<PlayerFeatureRow> GradeTest::lined_;

TEST_F(GradeTest, JsonFiguresMatchSumsOverTheLinedRows) {
  const CliRun run = Grade(*db_path_, {"--format", "json"});
  ASSERT_EQ(run.code, 0) << run.err;
  const nlohmann::json j = nlohmann::json::parse(run.out);
  auto predicted = PredictDate(*db_, {.date = kDate});
  ASSERT_TRUE(predicted) << predicted.error().message();
  std::map<std::string, double> points;
  for (const PlayerPrediction& p : predicted->players) points[p.features.player_key] = p.points;

  double model = 0, line = 0, last10 = 0, profit = 0;
  int64_t wins = 0, losses = 0, pushes = 0, bets = 0, calibration_overs = 0;
  for (size_t i = 0; i < lined_.size(); ++i) {
    const PlayerFeatureRow& f = lined_[i];
    const double actual = *f.target_points, offset = kOffsets[i % std::size(kOffsets)];
    const double l = actual + offset, p = points.at(f.player_key);
    model += std::abs(actual - p), line += std::abs(offset);
    last10 += std::abs(actual - *f.pts_avg_last10);
    if (actual > l) ++calibration_overs;
    if (p == l) continue;
    ++bets;
    if (offset == 0) {
      ++pushes;
    } else if ((p > l) == (actual > l)) {
      ++wins, profit += p > l ? 100.0 / 110 : 1.0;  // over at -110, under at +100
    } else {
      ++losses, profit -= 1;
    }
  }
  const double n = static_cast<double>(lined_.size());
  EXPECT_EQ(j["rows"], lined_.size());
  EXPECT_NEAR(j["mae"]["model"].get<double>(), model / n, 1e-4);
  EXPECT_NEAR(j["mae"]["line"].get<double>(), line / n, 1e-9);
  EXPECT_NEAR(j["mae"]["last10"].get<double>(), last10 / n, 1e-9);
  EXPECT_EQ(j["lined"], lined_.size() + 2);
  EXPECT_EQ(j["unplayed_lined"], 1);
  EXPECT_EQ(j["unresolved_lined"], 1);
  EXPECT_EQ(j["line_basis"], "consensus");
  EXPECT_EQ(j["captured_at"]["first"], std::string(kDate) + "T20:00:00Z");

  ASSERT_EQ(j["buckets"].size(), 4u);
  std::vector<double> min_edges;
  for (const auto& b : j["buckets"]) min_edges.push_back(b["min_edge"].get<double>());
  EXPECT_EQ(min_edges, (std::vector<double>{0, 1, 2, 3}));
  const nlohmann::json& all = j["buckets"][0];
  EXPECT_EQ(all["bets"], bets);
  EXPECT_EQ(all["wins"], wins);
  EXPECT_EQ(all["losses"], losses);
  EXPECT_EQ(all["pushes"], pushes);
  EXPECT_GT(pushes, 0);
  const double hit = static_cast<double>(wins) / static_cast<double>(wins + losses);
  EXPECT_NEAR(all["hit_rate"].get<double>(), hit, 1e-12);
  EXPECT_LT(all["ci95"][0].get<double>(), hit);
  EXPECT_GT(all["ci95"][1].get<double>(), hit);
  EXPECT_NEAR(all["roi"].get<double>(), profit / static_cast<double>(wins + losses), 1e-9);
  for (size_t i = 1; i < 4; ++i) {
    EXPECT_LE(j["buckets"][i]["bets"], j["buckets"][i - 1]["bets"]);
  }

  int64_t rows = 0, overs = 0, calibration_pushes = 0;
  for (const auto& c : j["calibration"]) {
    rows += c["rows"].get<int64_t>(), overs += c["overs"].get<int64_t>();
    calibration_pushes += c["pushes"].get<int64_t>();
  }
  EXPECT_EQ(rows + calibration_pushes, static_cast<int64_t>(lined_.size()));
  EXPECT_EQ(overs, calibration_overs);
}

TEST_F(GradeTest, TableNamesEveryFigureAndTheAssumedPrice) {
  const CliRun run = Grade(*db_path_, {});
  ASSERT_EQ(run.code, 0) << run.err;
  for (const char* part : {"40 graded", "1 did not play", "1 unresolved", "MAE (points)",
                           "95% interval", "assumed -110", "Calibration", ">=3", "<-3"}) {
    EXPECT_NE(run.out.find(part), std::string::npos) << part << " in\n" << run.out;
  }
}

TEST_F(GradeTest, NeverWritesWithoutRecordThenRecordStoresTheGrades) {
  const std::string copy = (*dir_ / "copy.db").string();
  ASSERT_TRUE(db_->Exec("VACUUM INTO '" + copy + "'"));
  const std::string before = testing::ReadBytes(copy);
  for (const std::vector<std::string>& extra : std::vector<std::vector<std::string>>{
           {"--format", "json"}, {}, {"--book", "bookA"}, {"--min-edge", "1.5"}}) {
    const CliRun run = Grade(copy, extra);
    ASSERT_EQ(run.code, 0) << run.err;
  }
  EXPECT_EQ(testing::ReadBytes(copy), before);
  EXPECT_FALSE(fs::exists(copy + "-wal") && fs::file_size(copy + "-wal") > 0);

  const CliRun recorded = Grade(copy, {"--record", "--min-edge", "1.5"});
  ASSERT_EQ(recorded.code, 0) << recorded.err;
  auto db = Db::Open(copy);
  ASSERT_TRUE(db);
  auto count = [&](const std::string& where) {
    auto stmt = db->Prepare("SELECT COUNT(*) FROM predictions WHERE " + where);
    EXPECT_TRUE(stmt);
    EXPECT_TRUE(stmt->Step());
    return stmt->Int(0);
  };
  EXPECT_EQ(count("graded_at IS NOT NULL"), static_cast<int64_t>(lined_.size()));
  EXPECT_EQ(count("actual_points IS NULL OR line IS NULL OR edge IS NULL"), 0);
  // A bet only from 1.5 points of edge: PASS rows have no result, bets one of three.
  EXPECT_EQ(count("side = 'PASS' AND (result IS NOT NULL OR ABS(edge) >= 1.5)"), 0);
  EXPECT_EQ(count("side IN ('OVER', 'UNDER') AND (ABS(edge) < 1.5 OR result NOT IN "
                  "('win', 'loss', 'push'))"),
            0);
  EXPECT_GT(count("result = 'push'"), 0);
  EXPECT_EQ(count("result = 'push' AND actual_points != line"), 0);
}

TEST_F(GradeTest, TrainGradesItsTestRangeAgainstTheLine) {
  const std::string model = (*dir_ / "train_cli.json").string();
  std::vector<std::string> words = {"backcourt", "--db", *db_path_, "train", "--train-end",
                                    "2024-01-31", "--test-start", "2024-02-01", "--model", model};
  for (const std::string format : {"json", "table"}) {
    std::vector<std::string> args = words;
    args.insert(args.end(), {"--format", format, "--force"});
    std::vector<const char*> argv;
    for (const std::string& w : args) argv.push_back(w.c_str());
    std::ostringstream out, err;
    ASSERT_EQ(RunCli(static_cast<int>(argv.size()), argv.data(), out, err), 0) << err.str();
    if (format == "json") {
      const nlohmann::json j = nlohmann::json::parse(out.str());
      EXPECT_EQ(j["lined"]["rows"], lined_.size());
      EXPECT_EQ(j["lined"]["buckets"].size(), 4u);
    } else {
      EXPECT_NE(out.str().find("Test range against the line"), std::string::npos) << out.str();
      EXPECT_NE(out.str().find("40 graded"), std::string::npos) << out.str();
    }
  }
}

TEST_F(GradeTest, ReportSectionChartsTheBucketsOrSaysThereAreNoLines) {
  const std::string lined = LinedSection(*db_, "2024-01-01", "2024-02-10");
  // Out of sample: from the day after the model's training range.
  EXPECT_NE(lined.find("2024-02-01..2024-02-10"), std::string::npos) << lined;
  EXPECT_NE(lined.find("40 graded"), std::string::npos) << lined;
  EXPECT_NE(lined.find("<svg"), std::string::npos);
  EXPECT_EQ(std::count(lined.begin(), lined.end(), '\n'), 2) << "one section";
  size_t bars = 0;
  for (size_t at = lined.find("<rect"); at != std::string::npos; at = lined.find("<rect", at + 1)) {
    ++bars;
  }
  EXPECT_GE(bars, 1u);
  EXPECT_LE(bars, 4u);
  const std::string none = LinedSection(*db_, "2024-02-06", "2024-02-10");
  EXPECT_NE(none.find("No lines in"), std::string::npos) << none;
  EXPECT_EQ(none.find("<svg"), std::string::npos);
}

// A model with a twin without availability is graded beside it on exactly its rows: the twin's
// figures are those of grading the twin alone, the difference is the MAEs' difference, and a
// model compared with itself differs by nothing.
TEST_F(GradeTest, ModelWithATwinIsGradedBesideItOnTheSameRows) {
  TrainOptions o;
  o.train_end = "2024-01-31", o.test_start = "2024-02-01";
  o.model_path = (*dir_ / "with_twin.json").string();
  o.params.max_rounds = 200;
  o.availability_twin = true;
  auto trained = TrainPointsModel(*db_, o);
  ASSERT_TRUE(trained && trained->twin) << (trained ? "no twin" : trained.error().message());

  GradeOptions g;
  g.start_date = g.end_date = kDate, g.model_path = o.model_path, g.compare = true;
  auto both = GradeRange(*db_, g);
  ASSERT_TRUE(both) << both.error().message();
  ASSERT_TRUE(both->comparison);
  const GradeComparison& c = *both->comparison;
  EXPECT_TRUE(c.twin);
  EXPECT_EQ(c.model_id, trained->twin->model_id);
  EXPECT_EQ(c.grading.rows, both->grading.rows);
  EXPECT_EQ(c.mae_difference.rows, static_cast<int64_t>(lined_.size()));
  EXPECT_NEAR(c.mae_difference.mean, both->grading.mae_model - c.grading.mae_model, 1e-9);

  GradeOptions alone = g;
  alone.model_path = trained->twin->model_path, alone.compare = false;
  auto twin = GradeRange(*db_, alone);
  ASSERT_TRUE(twin) << twin.error().message();
  EXPECT_FALSE(twin->comparison);
  EXPECT_DOUBLE_EQ(twin->grading.mae_model, c.grading.mae_model);
  ASSERT_EQ(twin->grading.buckets.size(), c.grading.buckets.size());
  for (size_t i = 0; i < c.grading.buckets.size(); ++i) {
    EXPECT_EQ(twin->grading.buckets[i].wins, c.grading.buckets[i].wins);
    EXPECT_EQ(twin->grading.buckets[i].losses, c.grading.buckets[i].losses);
  }

  GradeOptions itself = g;
  itself.compare_model_path = o.model_path;
  auto same = GradeRange(*db_, itself);
  ASSERT_TRUE(same && same->comparison);
  EXPECT_FALSE(same->comparison->twin);
  EXPECT_EQ(same->comparison->mae_difference.mean, 0);

  const CliRun table = Grade(*db_path_, {"--model", o.model_path});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("With and without availability on the same 40 rows"),
            std::string::npos)
      << table.out;
  const CliRun single = Grade(*db_path_, {"--model", o.model_path, "--no-compare"});
  EXPECT_EQ(single.out.find("With and without"), std::string::npos) << single.out;
}

// Regression: grade --record --model FILE took the model id from the latest run only, so a
// file trained before another model (or by an older build, into no run at all) was graded as
// model 0 and its grades could not be recorded.
TEST_F(GradeTest, RecordFindsTheFilesOwnRunOrRegistersAFileTrainedElsewhere) {
  const std::string copy = (*dir_ / "record_model.db").string();
  fs::remove(copy);
  ASSERT_TRUE(db_->Exec("VACUUM INTO '" + copy + "'"));
  const std::string model = (*dir_ / "m.json").string();
  int64_t own_id = 0;
  {
    auto db = Db::Open(copy);
    ASSERT_TRUE(db);
    auto run = FindModelRun(*db, model);
    ASSERT_TRUE(run && *run);
    own_id = (*run)->model_id;
    ModelRun newer;  // a later run of another file: the latest, not m.json's
    newer.created_at = "2030-01-01T00:00:00Z", newer.model_path = "/nowhere/newer.json";
    newer.target = "points", newer.features = "[]", newer.parameters = "{}";
    newer.results = "{}", newer.code_version = "test";
    ASSERT_TRUE(ModelStore(*db).Insert(newer));
  }
  auto count = [&](const std::string& sql) {
    auto db = Db::Open(copy);
    EXPECT_TRUE(db);
    auto n = db->QueryInt(sql);
    EXPECT_TRUE(n) << n.error().message();
    return n ? *n : -1;
  };
  const int64_t lined = static_cast<int64_t>(lined_.size());
  const CliRun own = Grade(copy, {"--model", model, "--record"});
  ASSERT_EQ(own.code, 0) << own.err;
  EXPECT_NE(own.out.find(fmt::format("(model {})", own_id)), std::string::npos) << own.out;
  EXPECT_EQ(own.out.find("registered"), std::string::npos) << own.out;
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM predictions WHERE model_id = {}", own_id)),
            lined);

  // The same file under a name no run has: registered once, its grades under the new row.
  const std::string older = (*dir_ / "trained_elsewhere.json").string();
  fs::remove(older);
  fs::copy_file(model, older);
  const int64_t runs = count("SELECT COUNT(*) FROM model_runs");
  const CliRun registered = Grade(copy, {"--model", older, "--record"});
  ASSERT_EQ(registered.code, 0) << registered.err;
  EXPECT_NE(registered.out.find("was not in model_runs: registered as model"), std::string::npos)
      << registered.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM model_runs"), runs + 1);
  int64_t new_id = 0;
  {
    auto db = Db::Open(copy);
    ASSERT_TRUE(db);
    auto run = FindModelRun(*db, older);
    ASSERT_TRUE(run && *run);
    new_id = (*run)->model_id;
    EXPECT_NE((*run)->features, "[]");  // the file's own feature list
  }
  EXPECT_GT(new_id, own_id);
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM predictions WHERE model_id = {}", new_id)),
            lined);
  EXPECT_EQ(count("SELECT COUNT(*) FROM predictions WHERE model_id = 0"), 0);
  // Graded again: found, not registered twice.
  const CliRun again = Grade(copy, {"--model", older, "--record"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out.find("registered"), std::string::npos) << again.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM model_runs"), runs + 1);
}

}  // namespace
}  // namespace backcourt
