// Validation on the bundled 2023-24 sample (one December week backfilled once per binary),
// through the library and the commands; the real-data test runs when ../shared is present.
#include "validate/validate.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli.h"
#include "engine/backfill.h"
#include "ingest/ingest.h"
#include "store/schema.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

// 2023-12-07: NBA Cup quarter-finals (count as regular season); 2023-12-09: the Cup final,
// whose player box no sample source holds.
constexpr const char* kFirst = "2023-12-04";
constexpr const char* kCleanLast = "2023-12-08";
constexpr const char* kLast = "2023-12-11";
constexpr const char* kCupFinal = "0062300001";

struct CliRun {
  int code = -1;
  std::string out, err;
};

CliRun RunArgs(std::initializer_list<std::string> args) {
  std::vector<std::string> words = {"backcourt"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& word : words) argv.push_back(word.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const CheckResult* Find(const ValidationResult& r, const std::string& table,
                        const std::string& check) {
  for (const CheckResult& c : r.checks) {
    if (c.table == table && c.check == check) return &c;
  }
  return nullptr;
}

class ValidateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::temp_directory_path() / "backcourt_validate_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = new fs::path(pattern);
    auto db = OpenStore(BuiltDb());
    ASSERT_TRUE(db) << db.error().message();
    const fs::path sample = fs::path(BACKCOURT_TEST_DATA) / ".." / ".." / "data" / "sample";
    auto ingested = Ingest(*db, {sample.string()}, {});
    ASSERT_TRUE(ingested) << ingested.error().message();
    BackfillOptions options;
    options.start_date = "2023-10-24";  // features read every earlier date of the season
    options.end_date = kLast;
    auto backfill = RunBackfill(*db, Registry::Default(), options);
    ASSERT_TRUE(backfill) << backfill.error().message();
    ASSERT_TRUE(db->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string BuiltDb() { return (*dir_ / "built.db").string(); }

  // A private copy of the built database, for tests that change it.
  std::string CopyDb(const std::string& name) {
    const fs::path path = *dir_ / (name + ".db");
    fs::copy_file(BuiltDb(), path, fs::copy_options::overwrite_existing);
    return path.string();
  }

  static Result<ValidationResult> ValidateRange(const std::string& db_path,
                                                const std::string& last) {
    auto db = OpenStore(db_path);
    if (!db) return tl::unexpected(db.error());
    ValidateOptions options;
    options.start_date = kFirst;
    options.end_date = last;
    options.record = false;
    return Validate(*db, options);
  }

  static fs::path* dir_;
};

fs::path* ValidateTest::dir_ = nullptr;

TEST_F(ValidateTest, WeekWithEveryPlayerBoxPasses) {
  auto result = ValidateRange(CopyDb("clean"), kCleanLast);
  ASSERT_TRUE(result) << result.error().message();
  for (const CheckResult& c : result->checks) {
    EXPECT_TRUE(c.passed) << c.table << "." << c.check << ": " << c.observed << "; " << c.message;
  }
  EXPECT_TRUE(result->passed());
  EXPECT_EQ(result->expected_games, 30);
  ASSERT_FALSE(result->coverage.empty());
  EXPECT_EQ(result->coverage.front().period, "2023-12");
}

// The Cup final has no player rows in any sample source. It does not count toward the
// season, so the share passes, but the game is still named: every gap is listed whatever the
// verdict, and --strict (100%) fails on it.
TEST_F(ValidateTest, CupFinalWithoutPlayerRowsIsListedAndFailsOnlyUnderStrict) {
  auto result = ValidateRange(CopyDb("cup"), kLast);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_TRUE(result->passed());
  const CheckResult* c = Find(*result, "player_game_summary", "completeness");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->passed);
  ASSERT_EQ(c->examples.size(), 1u);
  EXPECT_TRUE(Contains(c->examples[0], kCupFinal)) << c->examples[0];
  EXPECT_TRUE(Contains(c->examples[0], "cup_final")) << c->examples[0];
  EXPECT_TRUE(Contains(c->message, "no player rows")) << c->message;
  EXPECT_TRUE(Find(*result, "team_offense_game_summary", "completeness")->passed);
  int listed = 0;
  for (const Gap& gap : result->gaps) {
    listed += gap.game_id == kCupFinal;
    if (gap.game_id == kCupFinal && gap.table == "player_game_summary") {
      EXPECT_EQ(gap.reason, "no player rows in any ingested source");
    }
  }
  EXPECT_EQ(listed, 3) << "player_game_summary (both teams) and player_game_features (each team)";
  const CliRun strict = RunArgs({"validate", "--db", CopyDb("cup_strict"), "--start-date", kFirst,
                                 "--end-date", kLast, "--strict"});
  EXPECT_EQ(strict.code, 1) << strict.out;
  EXPECT_TRUE(Contains(strict.out, "✗ player_game_summary.completeness")) << strict.out;
}

// A regular-season game without player rows counts: one of 30 games in a week is far below
// 99.5% of the season's team-games in range, a blocking failure that names the game.
TEST_F(ValidateTest, ARegularGameWithoutPlayerRowsFailsCompleteness) {
  const std::string db_path = CopyDb("regular_gap");
  {
    auto db = OpenStore(db_path);
    ASSERT_TRUE(db->Exec("DELETE FROM player_game_summary WHERE game_id = '0022301208'"));
  }
  auto result = ValidateRange(db_path, kCleanLast);
  ASSERT_TRUE(result) << result.error().message();
  EXPECT_FALSE(result->passed());
  const CheckResult* c = Find(*result, "player_game_summary", "completeness");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->blocks());
  ASSERT_FALSE(c->examples.empty());
  EXPECT_TRUE(Contains(c->examples[0], "0022301208")) << c->examples[0];
}

TEST_F(ValidateTest, DeletingOneTeamRowFailsValidateNamesTheGameAndGapsListsTheDate) {
  const std::string db_path = CopyDb("deleted");
  {
    auto db = OpenStore(db_path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        db->Exec("DELETE FROM team_offense_game_summary WHERE game_id = '0022301208' "
                 "AND team = (SELECT home_team FROM schedule WHERE game_id = "
                 "'0022301208' LIMIT 1)"));
  }
  const CliRun validate =
      RunArgs({"validate", "--db", db_path, "--start-date", kFirst, "--end-date", kCleanLast});
  EXPECT_EQ(validate.code, 1) << validate.out << validate.err;
  EXPECT_TRUE(Contains(validate.out, "✗ team_offense_game_summary.completeness")) << validate.out;
  EXPECT_TRUE(Contains(validate.out, "0022301208")) << validate.out;
  EXPECT_TRUE(Contains(validate.out, "VERDICT: FAIL")) << validate.out;

  const fs::path csv = *dir_ / "gaps.csv";
  const CliRun gaps = RunArgs({"gaps", "--db", db_path, "--start-date", kFirst, "--end-date",
                               kCleanLast, "--csv", csv.string()});
  EXPECT_EQ(gaps.code, 0) << gaps.err;
  const std::string text = ReadFile(csv);
  EXPECT_TRUE(Contains(text, "team_offense_game_summary,2023-12-06,0022301208")) << text;
  EXPECT_TRUE(Contains(gaps.out, "2023-12-06")) << gaps.out;
}

TEST_F(ValidateTest, ThresholdsFileChangesTheVerdict) {
  const std::string db_path = CopyDb("thresholds");
  const fs::path strict = *dir_ / "strict.toml";
  std::ofstream(strict) << "[ranges]\nteam_points = [50, 100]\n";
  const CliRun clean =
      RunArgs({"validate", "--db", db_path, "--start-date", kFirst, "--end-date", kCleanLast});
  EXPECT_EQ(clean.code, 0) << clean.out;
  const CliRun strict_run = RunArgs({"validate", "--db", db_path, "--start-date", kFirst,
                                     "--end-date", kCleanLast, "--thresholds", strict.string()});
  EXPECT_EQ(strict_run.code, 1) << strict_run.out;
  EXPECT_TRUE(Contains(strict_run.out, "✗ team_offense_game_summary.points_range"));

  const fs::path lenient = *dir_ / "lenient.toml";
  std::ofstream(lenient) << "[severity]\n\"player_game_summary.completeness\" = \"warning\"\n";
  auto cup = RunArgs({"validate", "--db", db_path, "--start-date", kFirst, "--end-date", kLast,
                      "--strict"});
  EXPECT_EQ(cup.code, 1);
  cup = RunArgs({"validate", "--db", db_path, "--start-date", kFirst, "--end-date", kLast,
                 "--strict", "--thresholds", lenient.string()});
  EXPECT_EQ(cup.code, 0) << cup.out;
  EXPECT_TRUE(Contains(cup.out, "warnings: player_game_summary.completeness")) << cup.out;
}

TEST_F(ValidateTest, JsonHasTheShapeOfDesignSection6) {
  const CliRun run = RunArgs({"validate", "--db", CopyDb("json"), "--start-date", kFirst,
                              "--end-date", kLast, "--format", "json"});
  EXPECT_EQ(run.code, 0) << run.out;
  const auto j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j.at("verdict"), "pass");
  ASSERT_TRUE(j.at("checks").is_array());
  bool completeness_listed = false;
  for (const auto& c : j.at("checks")) {
    for (const char* key : {"table", "check", "severity", "observed", "expected"}) {
      EXPECT_TRUE(c.at(key).is_string()) << key;
    }
    EXPECT_TRUE(c.at("passed").is_boolean());
    EXPECT_TRUE(c.at("examples").is_array());
    if (c.at("table") == "player_game_summary" && c.at("check") == "completeness") {
      completeness_listed = c.at("passed").get<bool>() && c.at("examples").size() == 1;
    }
  }
  EXPECT_TRUE(completeness_listed);
  bool cup_final_gap = false;
  for (const auto& gap : j.at("gaps")) {
    cup_final_gap |= gap.at("game_id") == kCupFinal && gap.at("table") == "player_game_summary" &&
                     gap.at("reason") == "no player rows in any ingested source";
  }
  EXPECT_TRUE(cup_final_gap) << j.at("gaps").dump();
  ASSERT_FALSE(j.at("coverage").empty());
  EXPECT_EQ(j.at("coverage")[0].at("month"), "2023-12");
  EXPECT_TRUE(j.at("coverage")[0].contains("expected_games"));
}

// validate is a read command: it prints its verdict and records nothing (a backfill, which
// writes, records its own validation in check_results).
TEST_F(ValidateTest, ValidateRecordsNothing) {
  const std::string db_path = CopyDb("recorded");
  const CliRun run =
      RunArgs({"validate", "--db", db_path, "--start-date", kFirst, "--end-date", kLast});
  EXPECT_EQ(run.code, 0) << run.out << run.err;
  auto db = OpenStore(db_path);
  ASSERT_TRUE(db);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM check_results"), 0);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM runs WHERE command = 'validate'"), 0);
}

TEST_F(ValidateTest, ReportIsOneSelfContainedPageWithHeatmaps) {
  const fs::path html_path = *dir_ / "report.html";
  const CliRun run = RunArgs({"report", "--db", CopyDb("report"), "--html", html_path.string()});
  ASSERT_EQ(run.code, 0) << run.err;
  const std::string html = ReadFile(html_path);
  EXPECT_TRUE(Contains(html, "<svg"));
  EXPECT_TRUE(Contains(html, "<h3>player_game_summary</h3>"));
  EXPECT_TRUE(Contains(html, "ok, games missing"));  // the Cup final date
  EXPECT_TRUE(Contains(html, "id=\"model-evaluation\""));
  EXPECT_TRUE(Contains(html, kCupFinal));
  EXPECT_FALSE(Contains(html, "<script"));
  EXPECT_FALSE(Contains(html, "<link"));
  EXPECT_FALSE(Contains(html, "https://"));
}

TEST_F(ValidateTest, CoverageBySeasonAndUnknownTable) {
  const std::string db_path = CopyDb("coverage");
  const CliRun run = RunArgs({"coverage", "--db", db_path, "--by", "season", "--table",
                              "player_game_summary", "--start-date", kFirst, "--end-date", kLast});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "2023-24")) << run.out;
  EXPECT_TRUE(Contains(run.out, "<- 2 team-games missing")) << run.out;
  const CliRun bad = RunArgs({"coverage", "--db", db_path, "--table", "nope"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_TRUE(Contains(bad.err, "unknown table 'nope'")) << bad.err;
}

// Real data, 2024-25 until 2024-12-05: NBA.com player logs cover every game, so validation
// passes, with usage computed for every active row.
TEST(ValidateRealDataTest, NbaPlayerLogsWindowOf2024_25Passes) {
  const fs::path shared(BACKCOURT_SHARED_DATA);
  if (!fs::exists(shared)) GTEST_SKIP() << "../shared/data/nba not found";
  const auto start = std::chrono::steady_clock::now();
  std::string pattern = (fs::temp_directory_path() / "backcourt_validate_real_XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  auto db = OpenStore((fs::path(pattern) / "real.db").string());
  ASSERT_TRUE(db);
  auto ingested = Ingest(
      *db,
      {(shared / "team_games" / "team_game_logs_2024-25.csv").string(),
       (shared / "team_games" / "box_score_advanced_2024-25.csv").string(),
       (shared / "player_box" / "nba_stats_playergamelogs_2024-25_to_2024-12-05.csv").string()},
      {});
  ASSERT_TRUE(ingested) << ingested.error().message();
  BackfillOptions options;
  options.start_date = "2024-10-22";
  options.end_date = "2024-12-05";
  ASSERT_TRUE(RunBackfill(*db, Registry::Default(), options));  // every table, lines included
  ValidateOptions validate;
  validate.start_date = options.start_date;
  validate.end_date = options.end_date;
  auto result = Validate(*db, validate);
  ASSERT_TRUE(result) << result.error().message();
  for (const CheckResult& c : result->checks) {
    EXPECT_TRUE(c.passed) << c.table << "." << c.check << ": " << c.observed << "; " << c.message;
  }
  const CheckResult* usage = Find(*result, "player_game_summary", "usage_coverage");
  EXPECT_TRUE(Contains(usage->observed, "100.00%")) << usage->observed;
  fs::remove_all(pattern);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 20);
}

}  // namespace
}  // namespace backcourt
