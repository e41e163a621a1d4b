// Every command's date options through RunCli: one table of good and bad forms per option.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_run.h"
#include "test_files.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;
using testing::Contains;
using testing::ReadBytes;
using testing::RunBackcourt;
using testing::TempDir;
using testing::TestData;

// A command and one of its date options; `rest` completes the required options with good
// values so that only the option under test can be wrong.
struct DateOption {
  std::vector<std::string> command;
  std::string option;
  std::vector<std::string> rest;
};

std::vector<DateOption> AllDateOptions(const std::string& dir) {
  const std::string html = (fs::path(dir) / "r.html").string();
  const std::vector<std::string> train_rest = {"--train-end", "2024-01-31", "--test-start",
                                               "2024-02-01"};
  auto train = [&](const std::string& option) {
    std::vector<std::string> rest;
    for (size_t i = 0; i < train_rest.size(); i += 2) {
      if (train_rest[i] != option) rest.insert(rest.end(), {train_rest[i], train_rest[i + 1]});
    }
    return DateOption{{"train"}, option, rest};
  };
  return {
      {{"backfill", "--dry-run"}, "--start-date", {}},
      {{"backfill", "--dry-run"}, "--end-date", {}},
      {{"backfill", "--dry-run"}, "--dates", {}},
      {{"validate"}, "--start-date", {}},
      {{"validate"}, "--end-date", {}},
      {{"coverage"}, "--start-date", {}},
      {{"coverage"}, "--end-date", {}},
      {{"gaps"}, "--start-date", {}},
      {{"gaps"}, "--end-date", {}},
      {{"report", "--html", html}, "--start-date", {}},
      {{"report", "--html", html}, "--end-date", {}},
      train("--train-start"),
      train("--train-end"),
      train("--test-start"),
      train("--test-end"),
      {{"predict"}, "--date", {}},
  };
}

std::vector<std::string> Args(const DateOption& o, const std::string& value,
                              const std::string& db) {
  std::vector<std::string> args = o.command;
  args.insert(args.end(), {o.option, value});
  args.insert(args.end(), o.rest.begin(), o.rest.end());
  args.insert(args.end(), {"--db", db});
  return args;
}

// Regression (issue 13): `--start-date 2024-1-5`, `2024-02-30`, `yesterday` and
// `--train-end 2024-13-01` were accepted and compared as text.
TEST(DateArgsTest, BadDateFormsAreUsageErrorsNamingTheOptionForEveryCommand) {
  TempDir dir;
  const std::string db = (fs::path(dir.path()) / "none.db").string();
  const std::vector<std::string> bad = {"2024-1-5",   "2024-02-30", "yesterday", "2024-13-01",
                                        "2023-02-29", "20240105",   "2024/01/05", "",
                                        "2024-01-05T10:00"};
  for (const DateOption& o : AllDateOptions(dir.path())) {
    for (const std::string& value : bad) {
      const auto run = RunBackcourt(Args(o, value, db));
      const std::string what = o.command[0] + " " + o.option + " '" + value + "'";
      EXPECT_EQ(run.code, 2) << what << "\n" << run.err;
      EXPECT_TRUE(Contains(run.err, o.option)) << what << "\n" << run.err;
      EXPECT_TRUE(Contains(run.err, "YYYY-MM-DD")) << what << "\n" << run.err;
      EXPECT_FALSE(fs::exists(db)) << what << ": ran before the arguments were checked";
    }
  }
}

TEST(DateArgsTest, GoodDateFormsPassTheParserForEveryCommand) {
  TempDir dir;
  const std::string db = (fs::path(dir.path()) / "empty.db").string();
  for (const DateOption& o : AllDateOptions(dir.path())) {
    // Each train option keeps its order with the other (good) train dates.
    const std::string base = o.option == "--train-end"    ? "2024-01-31"
                             : o.option == "--test-start" ? "2024-02-01"
                             : o.option == "--test-end"   ? "2024-02-29"
                                                          : "2024-01-05";
    for (const std::string& good : {base, " " + base, base + " ", "\t" + base + "  "}) {
      // Whether the command then succeeds depends on the database; the date is not the issue.
      const auto run = RunBackcourt(Args(o, good, db));
      const std::string what = o.command[0] + " " + o.option + " '" + good + "'";
      EXPECT_FALSE(Contains(run.err, "YYYY-MM-DD")) << what << "\n" << run.err;
      EXPECT_FALSE(Contains(run.err, "reversed")) << what << "\n" << run.err;
    }
  }
}

struct RangeCase {
  std::vector<std::string> args;
  std::string names;  // what the error must say
};

// Regression (issue 13): a reversed range validated as "pass" and planned nothing.
TEST(DateArgsTest, ReversedRangesAreUsageErrorsForEveryCommand) {
  TempDir dir;
  const std::string db = (fs::path(dir.path()) / "none.db").string();
  const std::vector<std::string> reversed = {"--start-date", "2024-01-06", "--end-date",
                                             "2024-01-05"};
  std::vector<RangeCase> cases;
  for (std::vector<std::string> command :
       std::vector<std::vector<std::string>>{{"backfill", "--dry-run"},
                                             {"validate"},
                                             {"coverage"},
                                             {"gaps"},
                                             {"report", "--html", (fs::path(dir.path()) / "r.html").string()}}) {
    command.insert(command.end(), reversed.begin(), reversed.end());
    cases.push_back({command, "--start-date 2024-01-06"});
  }
  cases.push_back({{"train", "--train-start", "2024-02-01", "--train-end", "2024-01-31",
                    "--test-start", "2024-03-01"},
                   "--train-start 2024-02-01"});
  cases.push_back({{"train", "--train-end", "2024-02-01", "--test-start", "2024-02-01"},
                   "--train-end 2024-02-01"});
  cases.push_back({{"train", "--train-end", "2024-02-01", "--test-start", "2024-01-15"},
                   "--test-start 2024-01-15"});
  cases.push_back({{"train", "--train-end", "2024-01-01", "--test-start", "2024-02-01",
                    "--test-end", "2024-01-31"},
                   "--test-start 2024-02-01"});
  for (RangeCase& c : cases) {
    c.args.insert(c.args.end(), {"--db", db});
    const auto run = RunBackcourt(c.args);
    EXPECT_EQ(run.code, 2) << c.args[0] << "\n" << run.err;
    EXPECT_TRUE(Contains(run.err, c.names)) << c.args[0] << "\n" << run.err;
    EXPECT_FALSE(fs::exists(db)) << c.args[0];
  }
}

// The plan's "run" count for one table in `backfill --dry-run` output.
int PlannedRuns(const std::string& out, const std::string& table) {
  const std::regex row(table + R"(\s+(\d+)\s+(\d+)\s+(\d+))");
  std::smatch m;
  if (!std::regex_search(out, m, row)) return -1;
  return std::stoi(m[1]) + std::stoi(m[3]);
}

class BackfillDatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The first 40 games of the real 2023-24 team log: 2023-10-24 .. early November.
    std::istringstream in(ReadBytes(TestData("team_game_logs_2023-24.csv")));
    std::string text, line;
    for (int i = 0; i <= 40 && std::getline(in, line); ++i) text += line + "\n";
    const std::string log = dir_.Write("log.csv", text);
    db_ = (fs::path(dir_.path()) / "t.db").string();
    ASSERT_EQ(RunBackcourt({"ingest", "--db", db_, log}).code, 0);
  }
  int Plan(std::vector<std::string> args) {
    args.insert(args.begin(), {"backfill", "--dry-run", "--tables", "team_offense_game_summary",
                               "--db", db_});
    const auto run = RunBackcourt(args);
    EXPECT_EQ(run.code, 0) << run.err;
    return PlannedRuns(run.out, "team_offense_game_summary");
  }
  TempDir dir_;
  std::string db_;
};

// Regression (issue 13): " 2024-01-05" compared as text rebuilt every date before it.
TEST_F(BackfillDatesTest, SpacesAroundADateAreTrimmedNotComparedAsText) {
  const int one_day = Plan({"--start-date", "2023-10-25", "--end-date", "2023-10-25"});
  ASSERT_EQ(one_day, 1);
  EXPECT_EQ(Plan({"--start-date", " 2023-10-25", "--end-date", "2023-10-25 "}), 1);
  EXPECT_EQ(Plan({"--end-date", " 2023-10-24"}), 1);
}

// Regression (issue 13): `--dates "2024-01-05, 2024-01-06"` dropped the second date.
TEST_F(BackfillDatesTest, DatesListWithSpacesPlansEveryDate) {
  EXPECT_EQ(Plan({"--dates", "2023-10-24, 2023-10-25"}), 2);
  EXPECT_EQ(Plan({"--dates", "2023-10-24,2023-10-25, 2023-10-26"}), 3);
  EXPECT_EQ(Plan({"--dates", "2023-10-24", "--dates", "2023-10-25"}), 2);
}

}  // namespace
}  // namespace backcourt
