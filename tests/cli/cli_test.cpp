// Commands run in-process through RunCli, on databases in a temp folder.
#include "cli/cli.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

#include "store/schema.h"
#include "test_files.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

using testing::ReadBytes;
using testing::TestData;

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

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "backcourt_cli_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_path_ = (fs::path(dir_) / "test.db").string();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::string path = (fs::path(dir_) / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // The first `games` games of the real 2023-24 team log: a small schedule.
  std::string TeamLogSlice(size_t games) const {
    std::istringstream in(ReadBytes(TestData("team_game_logs_2023-24.csv")));
    std::string text;
    std::string line;
    for (size_t i = 0; i <= games && std::getline(in, line); ++i) text += line + "\n";
    return Write("team_logs_slice.csv", text);
  }

  int64_t Count(const std::string& sql) const {
    auto db = OpenStore(db_path_);
    EXPECT_TRUE(db) << db.error().message();
    if (!db) return -1;
    auto value = db->QueryInt(sql);
    EXPECT_TRUE(value) << sql;
    return value.value_or(-1);
  }

  std::string dir_, db_path_;
};

TEST_F(CliTest, IngestPrintsOneLinePerFileAndASummary) {
  const std::string fixture = TestData("nba_stats_boxscores_2023-24_head.csv");
  const CliRun run = RunArgs({"ingest", fixture, "--db", db_path_});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_TRUE(Contains(run.out, "loaded")) << run.out;
  EXPECT_TRUE(Contains(run.out, "nba-stats-csv")) << run.out;
  EXPECT_TRUE(Contains(run.out, fixture)) << run.out;
  EXPECT_TRUE(Contains(run.out,
                       "Ingest: 1 loaded, 0 replaced, 0 unchanged, 0 skipped, 0 refused; "
                       "200 rows, 0 rejects written"))
      << run.out;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_player_box"), 200);

  const CliRun again = RunArgs({"--db", db_path_, "ingest", fixture});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, "Ingest: 0 loaded, 0 replaced, 1 unchanged")) << again.out;
}

TEST_F(CliTest, IngestOfABadFileExitsOneWithOneRefusedLine) {
  const std::string json = ReadBytes(TestData("boxscoretraditionalv2_0022400561.json"));
  const std::string bad = Write("half.json", json.substr(0, json.size() / 2));
  const CliRun run = RunArgs({"ingest", "--db", db_path_, bad});
  EXPECT_EQ(run.code, 1);
  ASSERT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_EQ(run.err.back(), '\n');
  EXPECT_TRUE(Contains(run.err, bad)) << run.err;
  EXPECT_TRUE(Contains(run.err, "refused")) << run.err;
  EXPECT_TRUE(Contains(run.err, "truncated JSON")) << run.err;
  EXPECT_TRUE(Contains(run.out, "1 refused")) << run.out;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_files"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_player_box"), 0);
}

TEST_F(CliTest, IngestCapturedAtGivesPickemLinesACaptureTimeAndSaysWhatWasNotKept) {
  const std::string fixture = TestData("odds/pickem_01_02_2025.csv");
  const CliRun bad = RunArgs({"ingest", "--db", db_path_, "--captured-at", "noon", fixture});
  EXPECT_EQ(bad.code, 1);
  EXPECT_TRUE(Contains(bad.err, "--captured-at 'noon' is not an ISO-8601 UTC time")) << bad.err;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_files"), 0);

  const CliRun run =
      RunArgs({"ingest", "--db", db_path_, "--captured-at", "2025-01-01T17:00:00Z", fixture});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "odds-props-csv")) << run.out;
  EXPECT_TRUE(Contains(run.out, "(2 records not kept: see raw_skips)")) << run.out;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines WHERE captured_at = "
                  "'2025-01-01T17:00:00Z' AND capture_basis = 'option'"),
            3);
}

TEST_F(CliTest, UnknownFlagIsRejected) {
  const CliRun run =
      RunArgs({"ingest", "--db", db_path_, "--bogus", TestData("scoreboardv2.json")});
  EXPECT_NE(run.code, 0);
  EXPECT_TRUE(Contains(run.err, "--bogus")) << run.err;
  EXPECT_FALSE(fs::exists(db_path_));  // nothing ran
}

TEST_F(CliTest, UnknownFormatNameIsRejectedBeforeRunning) {
  const CliRun run =
      RunArgs({"ingest", "--db", db_path_, "--format", "xls", TestData("scoreboardv2.json")});
  EXPECT_NE(run.code, 0);
  EXPECT_FALSE(run.err.empty());
  EXPECT_FALSE(fs::exists(db_path_));
}

TEST_F(CliTest, HelpListsTheCommands) {
  const CliRun run = RunArgs({"--help"});
  EXPECT_EQ(run.code, 0) << run.err;
  ASSERT_FALSE(AllCommands().empty());
  for (const CommandSpec& command : AllCommands()) {
    EXPECT_TRUE(Contains(run.out, command.name)) << command.name << " missing from:\n" << run.out;
    EXPECT_TRUE(Contains(run.out, command.help)) << command.help;
  }
  for (const char* command : {"ingest", "backfill", "status"}) {
    EXPECT_TRUE(Contains(run.out, command)) << command;
  }
}

TEST_F(CliTest, StatusPrintsEverySection) {
  std::string spoiled = ReadBytes(TestData("nba_stats_boxscores_2023-24_head.csv"));
  spoiled.replace(spoiled.find("29.88333333"), 11, "12:75");
  const std::string boxscores = Write("boxscores.csv", spoiled);
  const std::string schedule = TeamLogSlice(20);
  ASSERT_EQ(RunArgs({"ingest", "--db", db_path_, boxscores, schedule}).code, 0);

  const CliRun run = RunArgs({"status", "--db", db_path_});
  EXPECT_EQ(run.code, 0) << run.err;
  for (const char* part :
       {"Files by format", "team-log-csv", "nba-stats-csv", "Rows per raw table and source",
        "schedule", "raw_team_box", "raw_player_box", "Schedule: final games from 2023-10-24 to",
        "2023-24", "Rejected rows by reason", "12:75", "Partitions"}) {
    EXPECT_TRUE(Contains(run.out, part)) << part << " missing from:\n" << run.out;
  }
}

// A mistyped --db must not silently create a database: read commands refuse a missing file.
TEST_F(CliTest, StatusOfAMissingDatabaseRefusesAndCreatesNothing) {
  const CliRun run = RunArgs({"status", "--db", db_path_});
  EXPECT_EQ(run.code, 1);
  EXPECT_TRUE(Contains(run.err, "no such database")) << run.err;
  EXPECT_FALSE(fs::exists(db_path_));
}

TEST_F(CliTest, StatusOfAnEmptyDatabaseSaysSo) {
  ASSERT_TRUE(OpenStore(db_path_));  // what a first ingest of nothing leaves
  const CliRun run = RunArgs({"status", "--db", db_path_});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "Schedule: final games from - to -")) << run.out;
  EXPECT_TRUE(Contains(run.out, "Rejected rows by reason: none")) << run.out;
}

TEST_F(CliTest, BackfillDryRunPrintsAPlanAndWritesNoPartitions) {
  ASSERT_EQ(RunArgs({"ingest", "--db", db_path_, TeamLogSlice(20)}).code, 0);
  const CliRun run = RunArgs({"backfill", "--dry-run", "--db", db_path_});
  EXPECT_EQ(run.code, 0) << run.err;
  EXPECT_TRUE(Contains(run.out, "BACKFILL PLAN")) << run.out;
  EXPECT_TRUE(Contains(run.out, "team_offense_game_summary")) << run.out;
  EXPECT_TRUE(Contains(run.out, "2023-10-24")) << run.out;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM partitions"), 0);
}

}  // namespace
}  // namespace backcourt
