// Training on the bundled sample: deterministic, stored in model_runs, usable by predict; the
// model's feature list (with or without market features) travels with it.
#include "ml/train.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "ml/dataset.h"
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
    // Lines across the train/test boundary, so line features have values on both sides.
    testing::WriteSampleLines((*dir_ / "sample").string(), "2024-01-02", "2024-02-29");
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

bool Has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> StoredFeatures(Db& db, int64_t model_id) {
  auto run = ModelStore(db).Find(model_id);
  EXPECT_TRUE(run && *run);
  return nlohmann::json::parse((*run)->features).get<std::vector<std::string>>();
}

TEST_F(TrainTest, DefaultFeaturesHaveTheGameLinesButNotThePlayersLine) {
  auto report = TrainPointsModel(*db_, Options("default_features.json"));
  ASSERT_TRUE(report) << report.error().message();
  const auto stored = StoredFeatures(*db_, report->model_id);
  EXPECT_EQ(stored, report->features);
  for (const char* name : {"game_total", "team_spread", "implied_team_total", "implied_vs_recent"}) {
    EXPECT_TRUE(Has(stored, name)) << name;
  }
  EXPECT_FALSE(Has(stored, "player_line"));
  EXPECT_GT(report->market.with_game_total.rows, 500);
  EXPECT_LT(report->market.with_game_total.rows, report->evaluation.overall.rows);

  TrainOptions without = Options("no_game_lines.json");
  without.features.game_lines = false;
  auto bare = TrainPointsModel(*db_, without);
  ASSERT_TRUE(bare) << bare.error().message();
  EXPECT_FALSE(Has(StoredFeatures(*db_, bare->model_id), "game_total"));
  EXPECT_EQ(bare->features.size() + 4, report->features.size());
}

// train --line-features: player_line is stored in the model's features, the model learns from
// it (the sample's synthetic line knows the result), and predict scores with that same list;
// a model trained without it still predicts, with its own list.
TEST_F(TrainTest, LineFeaturesTravelWithTheModelAndPredictUsesTheModelsOwnList) {
  TrainOptions with_line = Options("with_line.json");
  with_line.features.player_line = true;
  auto lined = TrainPointsModel(*db_, with_line);
  ASSERT_TRUE(lined) << lined.error().message();
  const auto lined_features = StoredFeatures(*db_, lined->model_id);
  EXPECT_TRUE(Has(lined_features, "player_line"));
  EXPECT_GT(lined->market.with_player_line.rows, 500);
  ASSERT_FALSE(lined->importance.empty());
  EXPECT_EQ(lined->importance.front().first, "player_line");
  EXPECT_LT(lined->market.with_player_line.model, 1.0) << "the model uses the line";

  auto latest = PredictDate(*db_, {"2024-02-05", "", false});
  ASSERT_TRUE(latest) << latest.error().message();
  EXPECT_EQ(latest->model_id, lined->model_id);
  EXPECT_EQ(latest->features, lined_features);
  // A model without the player's line, trained before or after, predicts with its own list.
  auto plain = TrainPointsModel(*db_, Options("without_line.json"));
  ASSERT_TRUE(plain) << plain.error().message();
  auto by_plain = PredictDate(*db_, {"2024-02-05", "", false});
  auto by_lined = PredictDate(*db_, {"2024-02-05", (*dir_ / "with_line.json").string(), false});
  ASSERT_TRUE(by_plain) << by_plain.error().message();
  ASSERT_TRUE(by_lined) << by_lined.error().message();
  EXPECT_FALSE(Has(by_plain->features, "player_line"));
  EXPECT_EQ(by_lined->features, lined_features) << "read from the model file";
  ASSERT_EQ(by_plain->players.size(), by_lined->players.size());
  std::map<std::pair<std::string, std::string>, double> plain_points;
  for (const PlayerPrediction& p : by_plain->players) {
    plain_points[{p.features.game_id, p.features.player_key}] = p.points;
  }
  double lined_error = 0, plain_error = 0;
  for (const PlayerPrediction& p : by_lined->players) {
    if (!p.features.target_points) continue;
    lined_error += std::abs(p.points - *p.features.target_points);
    plain_error += std::abs(plain_points.at({p.features.game_id, p.features.player_key}) -
                            *p.features.target_points);
  }
  EXPECT_LT(lined_error, plain_error / 2) << "predict fed player_line to the model that uses it";
}

// predict reads a model's list through FeatureList::Named: an unknown name is refused.
TEST_F(TrainTest, AStoredFeatureListNamingAnUnknownFeatureIsRefused) {
  auto unknown = FeatureList::Named({"pts_avg_last10", "pts_by_moon_phase"});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("pts_by_moon_phase"), std::string::npos);
  auto known = FeatureList::Named({"player_line", "pts_avg_last10"});
  ASSERT_TRUE(known) << known.error().message();
  EXPECT_EQ(known->names(), (std::vector<std::string>{"player_line", "pts_avg_last10"}));
}

}  // namespace
}  // namespace backcourt
