// `backcourt daily` end to end against the local server: the recorded 2025-03-15 player log
// and the recorded 2024-25 schedule of 2025-03-15 and 2025-03-16 (tests/data/daily), into a
// database that already holds a model trained on the bundled 2023-24 sample (the cheapest
// honest model: real games, a few boosting rounds). Predictions for 2025-03-16 come from the
// players of the three teams that played on both days (BKN, OKC, MIL).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/cli.h"
#include "core/hash.h"
#include "fetch/fetch_fixture.h"
#include "ml/sample_db.h"
#include "ml/train.h"
#include "store/schema.h"

namespace backcourt::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSchedulePath = "/static/json/staticData/scheduleLeagueV2.json";
constexpr const char* kPendingGame = "0022400975";  // WAS at DEN, the date's last tip

// A database with the sample's tables built and a model trained, made once per process.
const std::string& TemplateDb() {
  static TempDir dir_holder;
  static const std::string path = [] {
    const fs::path dir = dir_holder.path();
    CopySample((dir / "sample").string());
    Db db = BuildSampleDb((dir / "sample").string(), (dir / "t.db").string(), "2023-10-24",
                          "2023-12-31");
    TrainOptions train;
    train.train_end = "2023-12-10", train.test_start = "2023-12-11";
    train.model_path = (dir / "model.json").string();
    train.params.max_rounds = 20;
    auto trained = TrainPointsModel(db, train);
    EXPECT_TRUE(trained) << trained.error().message();
    return (dir / "t.db").string();
  }();
  return path;
}

// What the database holds that a rerun must not change, as text.
std::string Dump(Db& db, const std::string& sql) {
  auto statement = db.Prepare(sql);
  EXPECT_TRUE(statement) << sql;
  std::string text;
  while (statement && *statement->Step()) {
    for (int c = 0; c < statement->ColumnCount(); ++c) text += statement->Text(c) + "|";
    text += "\n";
  }
  return text;
}

class DailyTest : public ::testing::Test {
 protected:
  DailyTest()
      : db_path_(dir_.path() + "/backcourt.db"),
        out_(dir_.path() + "/out"),
        stats_env_("BACKCOURT_NBA_STATS_URL", "http://unused"),
        cdn_env_("BACKCOURT_NBA_CDN_URL", "http://unused"),
        odds_env_("BACKCOURT_ODDS_API_URL", "http://unused"),
        key_env_("ODDS_API_KEY", "test-key") {
    player_log_ = nlohmann::json::parse(ReadBytes(TestData("leaguegamelog_player_2025-03-15.json")));
    schedule_ = nlohmann::json::parse(
        ReadBytes(TestData("daily/scheduleleaguev2_2024-25_2025-03-15_16.json")));
  }

  // The database with a model: the pipeline runs to the predictions.
  void UseTrainedDb() { fs::copy_file(TemplateDb(), db_path_); }

  // The recorded player log for 2025-03-15's regular season; every other log the server is
  // asked for (teams, other season types) has no rows, as NBA.com answers for them.
  void Serve() {
    server_.Route("/stats/leaguegamelog", [this](const httplib::Request& req,
                                                 httplib::Response& res) {
      nlohmann::json log = player_log_;
      const bool recorded = req.get_param_value("PlayerOrTeam") == "P" &&
                            req.get_param_value("SeasonType") == "Regular Season" &&
                            req.get_param_value("DateFrom") == "03/15/2025";
      if (!recorded) log["resultSets"][0]["rowSet"] = nlohmann::json::array();
      log["parameters"]["PlayerOrTeam"] = req.get_param_value("PlayerOrTeam");
      log["parameters"]["SeasonType"] = req.get_param_value("SeasonType");
      res.set_content(log.dump(), "application/json");
    });
    server_.Route(kSchedulePath, [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(schedule_.dump(), "application/json");
    });
    server_.Route("/v4/historical/sports/basketball_nba/events",
                  [](const httplib::Request&, httplib::Response& res) {
                    res.set_header("x-requests-remaining", "480");
                    res.set_content(R"({"timestamp":"2025-03-16T14:55:00Z","data":[]})",
                                    "application/json");
                  });
    server_.Start();
    setenv("BACKCOURT_NBA_STATS_URL", server_.url().c_str(), 1);
    setenv("BACKCOURT_NBA_CDN_URL", server_.url().c_str(), 1);
    setenv("BACKCOURT_ODDS_API_URL", server_.url().c_str(), 1);
  }

  // As a game still being played: in progress on the schedule, no rows in the log.
  void MakePending(const std::string& game_id) {
    for (auto& day : schedule_["leagueSchedule"]["gameDates"]) {
      for (auto& game : day["games"]) {
        if (game["gameId"] == game_id) game["gameStatus"] = 2, game["gameStatusText"] = "Q3 5:12";
      }
    }
    auto& rows = player_log_["resultSets"][0]["rowSet"];
    const auto& headers = player_log_["resultSets"][0]["headers"];
    const size_t column = std::find(headers.begin(), headers.end(), "GAME_ID") - headers.begin();
    nlohmann::json kept = nlohmann::json::array();
    for (const auto& row : rows) {
      if (row[column] != game_id) kept.push_back(row);
    }
    rows = kept;
  }

  int Daily(std::string& out) {
    std::vector<std::string> args = {"backcourt", "--db",      db_path_, "daily",
                                     "--date",    "2025-03-16", "--out", out_,
                                     "--landing", dir_.path() + "/landing",
                                     "--min-interval-ms", "0", "--retries", "0",
                                     "--timeout", "10", "--workers", "2"};
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream o, e;
    const int code = RunCli(static_cast<int>(argv.size()), argv.data(), o, e);
    out = o.str() + e.str();
    return code;
  }

  std::string Csv() const { return ReadBytes(out_ + "/predictions_2025-03-16.csv"); }
  std::string Json() const { return ReadBytes(out_ + "/predictions_2025-03-16.json"); }

  TempDir dir_;
  std::string db_path_, out_;
  ScopedEnv stats_env_, cdn_env_, odds_env_, key_env_;
  LocalServer server_;
  nlohmann::json player_log_, schedule_;
};

TEST_F(DailyTest, FetchesIngestsBuildsValidatesAndPredictsThenARerunChangesNothing) {
  UseTrainedDb();
  Serve();
  std::string out;
  ASSERT_EQ(Daily(out), 0) << out;
  EXPECT_NE(out.find("daily 2025-03-16: complete"), std::string::npos) << out;
  EXPECT_NE(out.find("8 final game(s) on 2025-03-15"), std::string::npos) << out;
  EXPECT_NE(out.find("validate                 ok      pass"), std::string::npos) << out;
  {
    auto db = OpenStoreForReading(db_path_);
    ASSERT_TRUE(db);
    EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM player_game_summary WHERE game_date = "
                            "'2025-03-15'"),
              static_cast<int64_t>(player_log_["resultSets"][0]["rowSet"].size()));
    EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM team_offense_game_summary WHERE game_date = "
                            "'2025-03-15'"),
              16);
  }
  // Every prediction is a player of a team that played on both days, for a 2025-03-16 game.
  const std::string csv = Csv();
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  std::set<std::string> teams;
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    EXPECT_EQ(line.rfind("2025-03-16,", 0), 0u) << line;
    teams.insert(line.substr(line.find(',', 11) + 1, 3));
  }
  EXPECT_GE(rows, 20);
  EXPECT_EQ(teams, (std::set<std::string>{"BKN", "MIL", "OKC"}));
  const auto json = nlohmann::json::parse(Json());
  EXPECT_EQ(json["predictions"].size(), static_cast<size_t>(rows));
  std::string partitions, predictions;
  {
    auto db = OpenStoreForReading(db_path_);
    ASSERT_TRUE(db);
    EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM predictions WHERE game_date = '2025-03-16'"),
              rows);
    partitions = Dump(*db, "SELECT * FROM partitions ORDER BY 1, 2");
    predictions = Dump(*db, "SELECT * FROM predictions ORDER BY 1, 2, 3, 4");
  }  // closed before the file is hashed
  const std::string db_bytes = Sha256Hex(ReadBytes(db_path_));
  const size_t requests = server_.Seen().size();

  ASSERT_EQ(Daily(out), 0) << out;
  EXPECT_NE(out.find("nothing changed"), std::string::npos) << out;
  EXPECT_NE(out.find("unchanged"), std::string::npos) << out;
  EXPECT_EQ(server_.Seen().size(), requests) << "past dates never expire: nothing re-fetched";
  EXPECT_EQ(Csv(), csv);
  EXPECT_EQ(nlohmann::json::parse(Json()), json);
  EXPECT_EQ(Sha256Hex(ReadBytes(db_path_)), db_bytes) << "the second run wrote the database";
  auto db = OpenStoreForReading(db_path_);
  ASSERT_TRUE(db);
  EXPECT_EQ(Dump(*db, "SELECT * FROM partitions ORDER BY 1, 2"), partitions);
  EXPECT_EQ(Dump(*db, "SELECT * FROM predictions ORDER BY 1, 2, 3, 4"), predictions);
}

TEST_F(DailyTest, AGameNotFinalYetIsPendingWithItsOwnExitCodeAndPredictionsStillWritten) {
  UseTrainedDb();
  MakePending(kPendingGame);
  Serve();
  std::string out;
  EXPECT_EQ(Daily(out), 75) << out;
  EXPECT_NE(out.find("daily 2025-03-16: pending"), std::string::npos) << out;
  EXPECT_NE(out.find("1 of 8 game(s) not final yet: 0022400975 WAS@DEN in_progress"),
            std::string::npos)
      << out;
  EXPECT_NE(Csv().find("\n2025-03-16,"), std::string::npos);
}

// A new database: no model either, so predict fails too; the fetch is named first.
TEST_F(DailyTest, AFailedFetchFailsTheDayWithExitCodeOneNamingTheUrl) {
  server_.Route("/stats/leaguegamelog", [](const httplib::Request&, httplib::Response& res) {
    res.status = 403;
    res.set_content("{}", "application/json");
  });
  server_.Route(kSchedulePath, [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(schedule_.dump(), "application/json");
  });
  server_.Start();
  setenv("BACKCOURT_NBA_STATS_URL", server_.url().c_str(), 1);
  setenv("BACKCOURT_NBA_CDN_URL", server_.url().c_str(), 1);
  std::string out;
  EXPECT_EQ(Daily(out), 1) << out;
  EXPECT_NE(out.find("daily 2025-03-16: failed: fetch results failed"), std::string::npos) << out;
  EXPECT_NE(out.find(server_.url() + "/stats/leaguegamelog?"), std::string::npos) << out;
  EXPECT_NE(out.find("HTTP 403"), std::string::npos) << out;
}

}  // namespace
}  // namespace backcourt::testing
