// A backfill with nothing to do reuses the validation of the run before, and only then: a
// changed partition record, an ingested file, other thresholds or other validation code
// validate again.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_run.h"
#include "store/schema.h"
#include "test_files.h"
#include "validate/validate.h"

namespace backcourt {
namespace {

using testing::Contains;
using testing::RunBackcourt;
using testing::TestData;

const std::string kTeamTables = "team_offense_game_summary,team_defense_game_summary";

class ValidationReuseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (std::filesystem::path(dir_.path()) / "reuse.db").string();
    ASSERT_EQ(RunBackcourt({"--db", db_, "ingest", TeamLogSlice(60), "--quiet"}).code, 0);
  }

  // The first `rows` rows of the real 2023-24 team log.
  std::string TeamLogSlice(size_t rows) const {
    std::istringstream in(testing::ReadBytes(TestData("team_game_logs_2023-24.csv")));
    std::string text, line;
    for (size_t i = 0; i <= rows && std::getline(in, line); ++i) text += line + "\n";
    return dir_.Write("team_logs.csv", text);
  }

  testing::CliOutput Backfill(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args = {"--db", db_, "backfill", "--tables", kTeamTables};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunBackcourt(args);
  }

  nlohmann::json BackfillJson() const {
    const testing::CliOutput run = Backfill({"--format", "json"});
    EXPECT_NE(run.out, "") << run.err;
    return nlohmann::json::parse(run.out, nullptr, false);
  }

  int64_t Query(const std::string& sql) const {
    auto db = OpenStore(db_);
    EXPECT_TRUE(db) << db.error().message();
    auto value = db->QueryInt(sql);
    EXPECT_TRUE(value) << sql;
    return value.value_or(-1);
  }

  void Exec(const std::string& sql) const {
    auto db = OpenStore(db_);
    ASSERT_TRUE(db) << db.error().message();
    ASSERT_TRUE(db->Exec(sql)) << sql;
  }

  int64_t LastBackfillRun() const {
    return Query("SELECT MAX(run_id) FROM runs WHERE command = 'backfill'");
  }

  testing::TempDir dir_;
  std::string db_;
};

// The validation part of a backfill's text output, without the line naming its time.
std::string ValidationText(const std::string& out) {
  std::string text = out.substr(out.find("\nVALIDATION "));
  text.erase(0, text.find('\n', 1));
  if (const size_t reused = text.find("Reused from run "); reused != std::string::npos) {
    text.erase(reused, text.find('\n', reused) + 1 - reused);
  }
  return text;
}

TEST_F(ValidationReuseTest, NoOpBackfillReusesTheValidationOfTheRunBeforeAndPrintsTheSame) {
  const testing::CliOutput first = Backfill();
  const int64_t first_run = LastBackfillRun();
  ASSERT_TRUE(Contains(first.out, "VERDICT:")) << first.out << first.err;
  EXPECT_FALSE(Contains(first.out, "Reused from run")) << first.out;

  const testing::CliOutput again = Backfill();
  EXPECT_TRUE(Contains(again.out, "Reused from run " + std::to_string(first_run) + ":"))
      << again.out;
  EXPECT_EQ(again.code, first.code);
  EXPECT_EQ(ValidationText(again.out), ValidationText(first.out));
  // The reused result is recorded under the new run too, row for row.
  const int64_t again_run = LastBackfillRun();
  EXPECT_GT(again_run, first_run);
  const std::string count = "SELECT COUNT(*) FROM check_results WHERE run_id = ";
  EXPECT_GT(Query(count + std::to_string(first_run)), 0);
  EXPECT_EQ(Query(count + std::to_string(again_run)), Query(count + std::to_string(first_run)));
}

TEST_F(ValidationReuseTest, AChangedPartitionRecordIsValidatedAgain) {
  Backfill();
  const int64_t first_run = LastBackfillRun();
  ASSERT_EQ(BackfillJson()["validation"].value("reused_from_run", 0), first_run);
  // Nothing to rebuild (a leaf table's data version is no one's input), but one partition of
  // the range changed: validation must read again.
  Exec("UPDATE partitions SET data_version = 'changed' WHERE table_name = "
       "'team_defense_game_summary' AND game_date = (SELECT MIN(game_date) FROM partitions)");
  nlohmann::json changed = BackfillJson();
  EXPECT_EQ(changed["tables"]["team_defense_game_summary"]["ok"], 0) << "a no-op run";
  EXPECT_FALSE(changed["validation"].contains("reused_from_run")) << changed["validation"];
  const int64_t validated = LastBackfillRun();
  EXPECT_EQ(BackfillJson()["validation"].value("reused_from_run", 0), validated);
}

TEST_F(ValidationReuseTest, IngestingAFileIsValidatedAgainEvenWhenNothingIsRebuilt) {
  Backfill();
  ASSERT_TRUE(BackfillJson()["validation"].contains("reused_from_run"));
  ASSERT_EQ(RunBackcourt({"--db", db_, "ingest", TestData("Injury-Report_2024-01-04_12PM.pdf"),
                          "--quiet"})
                .code,
            0);
  nlohmann::json after = BackfillJson();
  EXPECT_EQ(after["tables"]["team_offense_game_summary"]["ok"], 0) << "a no-op run";
  EXPECT_FALSE(after["validation"].contains("reused_from_run")) << after["validation"];
}

TEST_F(ValidationReuseTest, OtherThresholdsOrOtherValidationCodeValidateAgain) {
  Backfill();
  auto db = OpenStore(db_);
  ASSERT_TRUE(db) << db.error().message();
  ValidateOptions options;
  options.start_date = "2023-10-24";
  options.end_date = "2023-10-31";
  options.reuse = true;
  options.code_hash = "build a";
  auto run = [&]() -> int64_t {
    auto result = Validate(*db, options);
    EXPECT_TRUE(result) << result.error().message();
    return result ? result->reused_from_run : -1;
  };
  EXPECT_EQ(run(), 0) << "the first validation of the range under build a";
  const int64_t stored = Query("SELECT MAX(run_id) FROM runs");  // the validate run recorded
  EXPECT_EQ(run(), stored);
  options.code_hash = "build b";
  EXPECT_EQ(run(), 0);
  options.code_hash = "build a";
  options.thresholds.max_examples = 3;
  EXPECT_EQ(run(), 0);
  options.thresholds.max_examples = 10;
  EXPECT_EQ(run(), stored) << "build a's result with the default thresholds is still kept";
}

}  // namespace
}  // namespace backcourt
