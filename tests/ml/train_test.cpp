// Training on the bundled sample: deterministic, stored in model_runs, usable by predict.
#include "ml/train.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "ml/predict.h"
#include "ml/sample_db.h"
#include "store/model_store.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

class TrainTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("backcourt_train_test_" + std::to_string(getpid())));
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

}  // namespace
}  // namespace backcourt
