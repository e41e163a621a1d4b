// check_results retention: each check's last N runs in full, older runs' failures only.
#include "store/check_retention.h"

#include <gtest/gtest.h>

#include "store/partition_store.h"
#include "store/schema.h"
#include "store/store_backends.h"
#include "store/validation_store.h"

namespace backcourt {
namespace {

using CheckRetentionTest = testing::BackendTest;

int64_t Count(Db& db, const std::string& where) {
  return db.QueryInt("SELECT COUNT(*) FROM check_results WHERE " + where).value_or(-1);
}

// One validation's results: a passing check, and a failing one with three failing dates.
std::vector<CheckResultRecord> Results() {
  std::vector<CheckResultRecord> r;
  r.push_back({"team_offense_game_summary", std::nullopt, "pace_range", "blocking", true, "0", "0", ""});
  r.push_back({"player_game_summary", std::nullopt, "completeness", "blocking", false, "3", "0", ""});
  for (const char* date : {"2024-01-01", "2024-01-02", "2024-01-03"}) {
    r.push_back({"player_game_summary", std::string(date), "completeness", "blocking", false, "1",
                 "0", ""});
  }
  return r;
}

// Regression (issue 13): every backfill added ~25,000 check_results rows forever.
TEST_P(CheckRetentionTest, KeepsEachChecksLastRunsAndOlderFailuresOnly) {
  auto db = OpenStore(target());
  ASSERT_TRUE(db);
  ValidationStore store(*db);
  for (int i = 0; i < 30; ++i) {
    auto run = PartitionStore(*db).StartRun("validate", "backcourt validate", "test");
    ASSERT_TRUE(run);
    ASSERT_TRUE(store.WriteCheckResults(*run, Results(), /*keep_runs=*/5));
  }
  EXPECT_EQ(Count(*db, "\"check\" = 'pace_range'"), 5) << "passing results of old runs go";
  EXPECT_EQ(Count(*db, "\"check\" = 'completeness' AND game_date IS NULL"), 30)
      << "every failure stays on record";
  EXPECT_EQ(Count(*db, "\"check\" = 'completeness' AND game_date IS NOT NULL"), 5 * 3)
      << "per-date detail of the last 5 runs only";
  // The last 5 runs are whole.
  EXPECT_EQ(Count(*db, "run_id > 25"), 5 * 5);
}

TEST_P(CheckRetentionTest, DefaultKeepsTwentyRuns) {
  auto db = OpenStore(target());
  ASSERT_TRUE(db);
  ValidationStore store(*db);
  for (int i = 0; i < 25; ++i) {
    auto run = PartitionStore(*db).StartRun("validate", "v", "test");
    ASSERT_TRUE(run);
    ASSERT_TRUE(store.WriteCheckResults(*run, Results()));
  }
  EXPECT_EQ(Count(*db, "\"check\" = 'pace_range'"), kDefaultKeepCheckRuns);
}

BC_INSTANTIATE_BACKENDS(CheckRetentionTest);

}  // namespace
}  // namespace backcourt
