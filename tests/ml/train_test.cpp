// Training on the bundled sample: deterministic, stored in model_runs, usable by predict.
#include "ml/train.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ml/predict.h"
#include "ml/sample_db.h"
#include "store/model_store.h"
#include "test_files.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

class TrainTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                       ("backcourt_train_test_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    testing::CopySample((*dir_ / "sample").string());
    db_ = new Db(testing::BuildSampleDb((*dir_ / "sample").string(), (*dir_ / "t.db").string(),
                                        "2023-10-24", "2024-03-15"));
  }
  static void TearDownTestSuite() {
    delete db_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  static TrainOptions Options(const std::string& model) {
    TrainOptions o;
    o.train_end = "2024-01-31", o.test_start = "2024-02-01";
    o.model_path = (*dir_ / model).string();
    o.params.max_rounds = 300;
    return o;
  }
  static fs::path* dir_;
  static Db* db_;
};

fs::path* TrainTest::dir_ = nullptr;
Db* TrainTest::db_ = nullptr;

TEST_F(TrainTest, TwoTrainingsGiveTheSameMae) {
  auto first = TrainPointsModel(*db_, Options("a.json"));
  ASSERT_TRUE(first) << first.error().message();
  auto second = TrainPointsModel(*db_, Options("b.json"));
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_GT(first->evaluation.overall.rows, 1000);
  EXPECT_EQ(std::round(first->evaluation.overall.model * 1e4),
            std::round(second->evaluation.overall.model * 1e4));
  EXPECT_EQ(first->rounds, second->rounds);
  EXPECT_LT(first->validation_start, "2024-02-01");
  EXPECT_GT(first->validation_start, "2024-01-01");
}

TEST_F(TrainTest, RunIsStoredAndPredictUsesIt) {
  auto report = TrainPointsModel(*db_, Options("c.json"));
  ASSERT_TRUE(report) << report.error().message();
  auto run = ModelStore(*db_).Find(report->model_id);
  ASSERT_TRUE(run && *run);
  EXPECT_EQ((*run)->model_path, (*dir_ / "c.json").string());
  EXPECT_NE((*run)->features.find("opp_drtg_last10"), std::string::npos);
  EXPECT_NE((*run)->results.find("by_minutes"), std::string::npos);

  auto built = PredictDate(*db_, {"2024-02-05", "", true});
  ASSERT_TRUE(built) << built.error().message();
  EXPECT_FALSE(built->projected);
  EXPECT_GT(built->players.size(), 50u);
  // A date past the backfill: players projected from the schedule and earlier games.
  auto projected = PredictDate(*db_, {"2024-03-20", "", false});
  ASSERT_TRUE(projected) << projected.error().message();
  EXPECT_TRUE(projected->projected);
  EXPECT_GT(projected->players.size(), 50u);
  for (const PlayerPrediction& p : projected->players) {
    EXPECT_FALSE(p.features.target_points.has_value());
    EXPECT_GT(p.points, 0);
  }
}

TEST_F(TrainTest, TestRangeMustFollowTrainingRange) {
  TrainOptions o = Options("d.json");
  o.test_start = "2024-01-15";
  EXPECT_FALSE(TrainPointsModel(*db_, o));
}

std::string ModelPathOf(Db& db, int64_t model_id) {
  auto run = ModelStore(db).Find(model_id);
  EXPECT_TRUE(run && *run);
  return run && *run ? (*run)->model_path : "";
}

// Regression (issue 13): `train --model m.json` twice overwrote the first model's file while
// model_runs row 1 still pointed at it.
TEST_F(TrainTest, ExistingModelFileIsRefusedThenKeptUnderAVersionedNameWithForce) {
  auto first = TrainPointsModel(*db_, Options("same.json"));
  ASSERT_TRUE(first) << first.error().message();
  const std::string path = (*dir_ / "same.json").string();
  const std::string first_bytes = testing::ReadBytes(path);

  auto refused = TrainPointsModel(*db_, Options("same.json"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("--force"), std::string::npos)
      << refused.error().message();
  EXPECT_EQ(testing::ReadBytes(path), first_bytes);
  EXPECT_EQ(ModelPathOf(*db_, first->model_id), path);

  TrainOptions forced = Options("same.json");
  forced.force = true;
  forced.params.max_rounds = 50;  // a different model, so the bytes differ
  auto second = TrainPointsModel(*db_, forced);
  ASSERT_TRUE(second) << second.error().message();
  const std::string kept = (*dir_ / "same.v1.json").string();
  EXPECT_EQ(second->previous_model_kept_as, kept);
  EXPECT_EQ(ModelPathOf(*db_, first->model_id), kept) << "row 1 follows its file";
  EXPECT_EQ(testing::ReadBytes(kept), first_bytes);
  EXPECT_EQ(ModelPathOf(*db_, second->model_id), path);
  EXPECT_NE(testing::ReadBytes(path), first_bytes);
  // Row 1's model still loads from where it now points.
  auto predicted = PredictDate(*db_, {"2024-02-05", kept, true});
  ASSERT_TRUE(predicted) << predicted.error().message();
}

// Regression (issue 13): a relative --model path was stored as given.
TEST_F(TrainTest, ModelPathIsStoredAbsolute) {
  const fs::path previous = fs::current_path();
  fs::current_path(*dir_);
  TrainOptions o = Options("x");
  o.model_path = "relative_model.json";
  auto report = TrainPointsModel(*db_, o);
  fs::current_path(previous);
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_EQ(ModelPathOf(*db_, report->model_id), (*dir_ / "relative_model.json").string());
  EXPECT_TRUE(fs::path(report->model_path).is_absolute());
}

TEST_F(TrainTest, FailedModelWriteLeavesThePreviousFileIntact) {
  auto first = TrainPointsModel(*db_, Options("kept.json"));
  ASSERT_TRUE(first) << first.error().message();
  const std::string path = (*dir_ / "kept.json").string();
  const std::string first_bytes = testing::ReadBytes(path);
  TrainOptions forced = Options("kept.json");
  forced.force = true;
  setenv("BACKCOURT_INJECT_WRITE_FAULT", "fail", 1);
  auto failed = TrainPointsModel(*db_, forced);
  unsetenv("BACKCOURT_INJECT_WRITE_FAULT");
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().message().find(path), std::string::npos) << failed.error().message();
  EXPECT_EQ(testing::ReadBytes(path), first_bytes);
  // Every stored run still finds a file with the bytes it was trained into.
  EXPECT_EQ(testing::ReadBytes(ModelPathOf(*db_, first->model_id)), first_bytes);
  auto latest = ModelStore(*db_).Latest();
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->model_id, first->model_id) << "the failed run was not recorded";
}

}  // namespace
}  // namespace backcourt
