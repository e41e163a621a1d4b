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
#include <map>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli_run.h"
#include "ingest/ingest.h"
#include <nlohmann/json.hpp>

#include "ml/dataset.h"
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

const PlayerPrediction* FindPlayer(const PredictReport& r, const std::string& key) {
  for (const PlayerPrediction& p : r.players) {
    if (p.features.player_key == key) return &p;
  }
  return nullptr;
}

// predict against the market: a date not built takes its lines from the raw snapshots
// (LinesForDate); the side follows --min-edge, the price and book are the best for that side,
// players without a line PASS with blanks, and --record stores the line fields.
TEST_F(TrainTest, PredictShowsLineEdgeSideAndBestPrice) {
  TrainOptions o = Options("lines.json");
  o.params.max_rounds = 30;  // any model will do: the sides follow its predictions
  auto trained = TrainPointsModel(*db_, o);
  ASSERT_TRUE(trained) << trained.error().message();
  const std::string date = "2024-03-20";
  auto plain = PredictDate(*db_, {.date = date});
  ASSERT_TRUE(plain) << plain.error().message();
  ASSERT_GT(plain->players.size(), 3u);
  for (const PlayerPrediction& p : plain->players) EXPECT_EQ(p.pick.side, kSidePass);
  const PlayerPrediction a = plain->players[0], b = plain->players[1], c = plain->players[2];
  ASSERT_EQ(a.features.game_id, c.features.game_id);
  const bool a_home = a.features.is_home.value_or(0) > 0.5;
  const std::string home = a_home ? a.features.team : a.features.opponent;
  const std::string away = a_home ? a.features.opponent : a.features.team;
  auto row = [&](const PlayerPrediction& p, double line, const char* book, int over) {
    return fmt::format("e1,{},player_points,{:.1f},{},{} @ {},2024-03-21T00:00:00Z,{},-110\n",
                       p.features.player_name, line, book, away, home, over);
  };
  const double over_line = std::floor(a.points) - 2.5;   // edge >= 2.5: OVER
  const double under_line = std::floor(b.points) + 3.5;  // edge <= -2.5: UNDER
  const double pass_line = std::floor(c.points) + 0.5;   // |edge| < 1: PASS
  const std::string csv = "event_id,player,market,line,bookmaker,game,game_time,over_odds,"
                          "under_odds\n" +
                          row(a, over_line, "draftkings", -115) + row(a, over_line, "fanduel", -105) +
                          row(b, under_line, "draftkings", -110) + row(c, pass_line, "fanduel", -110);
  const fs::path file = *dir_ / "raw_20240320_170000.csv";
  std::ofstream(file) << csv;
  auto ingested = Ingest(*db_, {file.string()}, {});
  ASSERT_TRUE(ingested && ingested->ok());

  auto report = PredictDate(*db_, {.date = date, .store = true});
  ASSERT_TRUE(report) << report.error().message();
  const PlayerPrediction* pa = FindPlayer(*report, a.features.player_key);
  const PlayerPrediction* pb = FindPlayer(*report, b.features.player_key);
  const PlayerPrediction* pc = FindPlayer(*report, c.features.player_key);
  ASSERT_TRUE(pa && pb && pc);
  ASSERT_TRUE(pa->pick.line.has_value());
  EXPECT_EQ(pa->pick.line->line, over_line);
  EXPECT_NEAR(*pa->pick.edge, pa->points - over_line, 1e-9);
  EXPECT_EQ(pa->pick.side, kSideOver);
  EXPECT_EQ(pa->pick.price, -105);
  EXPECT_EQ(pa->pick.book, "fanduel");
  EXPECT_EQ(pb->pick.side, kSideUnder);
  EXPECT_EQ(pb->pick.price, -110);
  EXPECT_EQ(pb->pick.book, "draftkings");
  EXPECT_EQ(pc->pick.side, kSidePass);
  EXPECT_TRUE(pc->pick.line.has_value());
  EXPECT_EQ(pc->pick.price, std::nullopt);
  size_t without_line = 0;
  for (const PlayerPrediction& p : report->players) {
    if (p.pick.line) continue;
    ++without_line;
    EXPECT_EQ(p.pick.side, kSidePass);
    EXPECT_FALSE(p.pick.edge.has_value());
  }
  EXPECT_EQ(without_line, report->players.size() - 3);
  // --record stored the line fields (NULL for players without a line).
  auto stored = db_->QueryInt(fmt::format(
      "SELECT COUNT(*) FROM predictions WHERE game_date = '{}' AND line IS NOT NULL AND "
      "((side = 'OVER' AND price = -105 AND book = 'fanduel') OR (side = 'UNDER' AND "
      "book = 'draftkings') OR (side = 'PASS' AND price IS NULL)) AND line_kind = 'book' AND "
      "line_captured_at = '2024-03-20T17:00:00Z'",
      date));
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, 3);
  // A larger --min-edge turns the OVER into a PASS.
  PredictOptions strict{.date = date};
  strict.min_edge = 100;
  auto passed = PredictDate(*db_, strict);
  ASSERT_TRUE(passed);
  EXPECT_EQ(FindPlayer(*passed, a.features.player_key)->pick.side, kSidePass);

  const auto json = testing::RunBackcourt(
      {"--db", db_->path(), "predict", "--date", date, "--format", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const auto players = nlohmann::json::parse(json.out);
  ASSERT_TRUE(players.is_array());
  ASSERT_EQ(players.size(), report->players.size());
  int sides = 0;
  for (const auto& p : players) {
    for (const char* key : {"game_id", "player_key", "player_name", "team", "prediction", "line",
                            "edge", "side", "price", "book"}) {
      EXPECT_TRUE(p.contains(key)) << key;
    }
    if (p.at("player_key") == a.features.player_key) {
      EXPECT_EQ(p.at("side"), "OVER");
      EXPECT_EQ(p.at("book"), "fanduel");
      EXPECT_EQ(p.at("line"), over_line);
      ++sides;
    }
    if (p.at("line").is_null()) {
      EXPECT_EQ(p.at("side"), "PASS");
    }
  }
  EXPECT_EQ(sides, 1);
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

  auto latest = PredictDate(*db_, {.date = "2024-02-05"});
  ASSERT_TRUE(latest) << latest.error().message();
  EXPECT_EQ(latest->model_id, lined->model_id);
  EXPECT_EQ(latest->features, lined_features);
  // A model without the player's line, trained before or after, predicts with its own list.
  auto plain = TrainPointsModel(*db_, Options("without_line.json"));
  ASSERT_TRUE(plain) << plain.error().message();
  auto by_plain = PredictDate(*db_, {.date = "2024-02-05"});
  auto by_lined = PredictDate(
      *db_, {.date = "2024-02-05", .model_path = (*dir_ / "with_line.json").string()});
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

// With availability on, the twin is the same training without the availability features: on
// the same rows, stored as its own run just before the model (which stays the latest, the
// one predict uses), compared with it on every test row; availability none has no twin.
TEST_F(TrainTest, AvailabilityTwinIsTheSameTrainingWithoutTheAvailabilityFeatures) {
  TrainOptions o = Options("twin.json");
  o.availability_twin = true;
  auto report = TrainPointsModel(*db_, o);
  ASSERT_TRUE(report) << report.error().message();
  ASSERT_TRUE(report->twin);
  const TwinReport& twin = *report->twin;
  EXPECT_EQ(twin.model_id + 1, report->model_id);
  EXPECT_EQ(twin.model_path, (*dir_ / "twin.no-availability.json").string());
  EXPECT_TRUE(fs::exists(twin.model_path));
  auto latest = ModelStore(*db_).Latest();
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->model_id, report->model_id);

  const auto with = StoredFeatures(*db_, report->model_id);
  const auto without = StoredFeatures(*db_, twin.model_id);
  const auto availability = std::count_if(with.begin(), with.end(), IsAvailabilityFeature);
  EXPECT_GT(availability, 0);
  EXPECT_EQ(std::count_if(without.begin(), without.end(), IsAvailabilityFeature), 0);
  EXPECT_EQ(without.size() + static_cast<size_t>(availability), with.size());

  EXPECT_EQ(twin.evaluation.overall.rows, report->evaluation.overall.rows);
  EXPECT_EQ(twin.difference.rows, report->evaluation.overall.rows);
  EXPECT_NEAR(twin.difference.mean,
              report->evaluation.overall.model - twin.evaluation.overall.model, 1e-6);
  EXPECT_LT(twin.difference.ci95.low, twin.difference.mean);
  EXPECT_GT(twin.difference.ci95.high, twin.difference.mean);
  EXPECT_GT(twin.difference.clusters, 10);
  auto run = ModelStore(*db_).Find(report->model_id);
  ASSERT_TRUE(run && *run);
  const auto results = nlohmann::json::parse((*run)->results);
  EXPECT_EQ(results["availability_twin"]["model_id"], twin.model_id);

  TrainOptions none = Options("twin_none.json");
  none.availability_twin = true;
  none.features.availability = AvailabilityMode::kNone;
  auto plain = TrainPointsModel(*db_, none);
  ASSERT_TRUE(plain) << plain.error().message();
  EXPECT_FALSE(plain->twin);
  EXPECT_FALSE(fs::exists(*dir_ / "twin_none.no-availability.json"));
  EXPECT_EQ(std::round(plain->evaluation.overall.model * 1e6),
            std::round(twin.evaluation.overall.model * 1e6))
      << "the twin is a training with --availability none";
}

TEST(TwinModelPath, AddsNoAvailabilityBeforeTheExtension) {
  EXPECT_EQ(TwinModelPath("/m/points.json"), "/m/points.no-availability.json");
  EXPECT_EQ(TwinModelPath("points"), "points.no-availability.json");
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
