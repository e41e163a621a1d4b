// Training on the bundled sample: deterministic, stored in model_runs, usable by predict.
#include "ml/train.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>

#include "ml/predict.h"
#include "ml/sample_db.h"
#include "ingest/player_names.h"
#include "store/model_store.h"
#include "store/raw_store.h"
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

  auto built = PredictDate(*db_, {"2024-02-05", "", true, ""});
  ASSERT_TRUE(built) << built.error().message();
  EXPECT_FALSE(built->projected);
  EXPECT_GT(built->players.size(), 50u);
  // A date past the backfill: players projected from the schedule and earlier games.
  auto projected = PredictDate(*db_, {"2024-03-20", "", false, ""});
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
  auto predicted = PredictDate(*db_, {"2024-02-05", kept, true, ""});
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

namespace backcourt {
namespace {

// predict --as-of on synthetic injury reports for one game of a built date: the answer (who
// is predicted, their points, their flags, who is listed out) changes exactly when a report
// published before the as-of time, and before tip, changes a status.
class PredictAsOfTest : public TrainTest {
 protected:
  struct Answer {
    std::map<std::string, std::pair<double, std::string>> players;  // key -> points, flag
    std::vector<std::string> ruled_out;                             // key@report time
    bool operator==(const Answer&) const = default;
  };
  static Answer Predict(const std::string& as_of) {
    auto report = PredictDate(*db_, {kDate, "", false, as_of});
    EXPECT_TRUE(report) << report.error().message();
    Answer answer;
    for (const PlayerPrediction& p : report->players) {
      answer.players[p.features.player_key] = {p.points, p.availability};
    }
    for (const ListedPlayer& p : report->ruled_out) {
      answer.ruled_out.push_back(p.player_key + "@" + p.report_time);
    }
    return answer;
  }
  static constexpr const char* kDate = "2024-02-07";
};

InjuryReportRow SyntheticReport(const ScheduleRow& game, const std::string& time,
                                const std::string& name, const std::string& status) {
  InjuryReportRow r;
  r.source = "nba-injury-report-pdf";
  r.report_time_utc = time;
  r.game_date = game.game_date;
  r.tip_time_utc = "2024-02-08T00:30:00Z";
  r.away_team = game.away_team, r.home_team = game.home_team, r.team = game.home_team;
  r.matchup = game.away_team + "@" + game.home_team;
  r.player_name = name, r.player_name_key = NormalizePlayerName(name);
  r.status = status, r.reason = "Injury/Illness - Left Ankle; Sprain";
  return r;
}

TEST_F(PredictAsOfTest, AnswerChangesExactlyWhenALaterPreTipReportChangesAStatus) {
  ASSERT_TRUE(TrainPointsModel(*db_, Options("as_of.json")));
  auto schedule = RawStore(*db_).LoadSchedule(kDate, kDate);
  ASSERT_TRUE(schedule && !schedule->empty());
  const ScheduleRow game = schedule->front();
  // The home team's leading scorer, as the date's built features see him.
  auto features = LoadFeatureRows(*db_, kDate, kDate);
  ASSERT_TRUE(features);
  const PlayerFeatureRow* star = nullptr;
  for (const PlayerFeatureRow& f : *features) {
    if (f.game_id != game.game_id || f.team != game.home_team || !f.pts_avg_season) continue;
    if (star == nullptr || *f.pts_avg_season > *star->pts_avg_season) star = &f;
  }
  ASSERT_NE(star, nullptr);
  const std::string key = star->player_key, name = star->player_name;
  ParsedFile parsed;
  parsed.format = "nba-injury-report-pdf";
  parsed.injury_reports = {
      SyntheticReport(game, "2024-02-07T17:30:00Z", name, kInjuryQuestionable),
      SyntheticReport(game, "2024-02-07T21:30:00Z", name, kInjuryOut),
      SyntheticReport(game, "2024-02-07T23:00:00Z", name, kInjuryOut),        // no change
      SyntheticReport(game, "2024-02-08T01:30:00Z", name, kInjuryAvailable)};  // after tip
  ASSERT_TRUE(RawStore(*db_).ReplaceFile("synthetic-injury-reports", "sha-as-of", 1, parsed));

  const Answer none = Predict("2024-02-07T17:00:00Z");
  const Answer questionable = Predict("2024-02-07T18:00:00Z");
  const Answer out = Predict("2024-02-07T22:00:00Z");
  const Answer out_again = Predict("2024-02-07T23:30:00Z");
  const Answer after_tip = Predict("2024-02-09T00:00:00Z");

  ASSERT_TRUE(none.players.count(key));
  EXPECT_EQ(none.players.at(key).second, "");
  EXPECT_EQ(questionable.players.at(key).second, kInjuryQuestionable);
  EXPECT_NE(none, questionable);  // the flag
  EXPECT_EQ(none.players.at(key).first, questionable.players.at(key).first);
  EXPECT_FALSE(out.players.count(key));
  EXPECT_EQ(out.ruled_out, std::vector<std::string>{key + "@2024-02-07T21:30:00Z"});
  int teammates_changed = 0;
  for (const auto& [k, value] : out.players) {
    auto before = questionable.players.find(k);
    ASSERT_NE(before, questionable.players.end()) << k;
    teammates_changed += value.first != before->second.first;
  }
  EXPECT_GT(teammates_changed, 0) << "teammates' availability features count the out-list";
  // A later report without a status change: the same predictions, the out-list's time moves.
  EXPECT_EQ(out.players, out_again.players);
  EXPECT_EQ(out_again.ruled_out, std::vector<std::string>{key + "@2024-02-07T23:00:00Z"});
  EXPECT_EQ(out_again, after_tip);  // a report after tip never counts
}

}  // namespace
}  // namespace backcourt
