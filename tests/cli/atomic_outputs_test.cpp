// report --html and gaps --csv replace their file atomically: a failed write (a full disk,
// injected) leaves the previous file byte-identical (issue 13).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <sstream>
#include <string>

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

size_t EntriesIn(const std::string& folder) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++n;
  return n;
}

class AtomicOutputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::istringstream in(ReadBytes(TestData("team_game_logs_2023-24.csv")));
    std::string text, line;
    for (int i = 0; i <= 20 && std::getline(in, line); ++i) text += line + "\n";
    const std::string log = dir_.Write("in/log.csv", text);
    db_ = (fs::path(dir_.path()) / "t.db").string();
    ASSERT_EQ(RunBackcourt({"ingest", "--db", db_, log}).code, 0);
    RunBackcourt({"backfill", "--db", db_, "--tables", "team_offense_game_summary"});
    fs::create_directories(fs::path(dir_.path()) / "out");
  }
  std::string Out(const std::string& name) const {
    return (fs::path(dir_.path()) / "out" / name).string();
  }
  // Runs `args` once cleanly, then with the write failing half way: the file keeps the
  // first run's bytes and no temporary file is left.
  void ExpectFailedWriteKeepsPreviousFile(std::vector<std::string> args, const std::string& path) {
    args.insert(args.end(), {"--db", db_});
    const auto first = RunBackcourt(args);
    ASSERT_EQ(first.code, 0) << first.err;
    const std::string previous = ReadBytes(path);
    ASSERT_FALSE(previous.empty());
    setenv("BACKCOURT_INJECT_WRITE_FAULT", "fail", 1);
    const auto failed = RunBackcourt(args);
    unsetenv("BACKCOURT_INJECT_WRITE_FAULT");
    EXPECT_EQ(failed.code, 1);
    EXPECT_TRUE(Contains(failed.err, path)) << failed.err;
    EXPECT_TRUE(Contains(failed.err, "No space left on device")) << failed.err;
    EXPECT_TRUE(Contains(failed.err, "intact")) << failed.err;
    EXPECT_EQ(ReadBytes(path), previous) << "the previous file was damaged";
    EXPECT_EQ(EntriesIn(fs::path(path).parent_path().string()), 1u) << "temporary file left";
  }
  TempDir dir_;
  std::string db_;
};

// Regression (issue 13): `report --html same.html` on a full disk left the previous good
// report truncated mid-tag.
TEST_F(AtomicOutputsTest, FailedReportWriteLeavesThePreviousReportIntact) {
  ExpectFailedWriteKeepsPreviousFile({"report", "--html", Out("r.html")}, Out("r.html"));
}

// Regression (issue 13): `gaps --csv` was written in place the same way.
TEST_F(AtomicOutputsTest, FailedGapsCsvWriteLeavesThePreviousCsvIntact) {
  ExpectFailedWriteKeepsPreviousFile({"gaps", "--csv", Out("gaps.csv")}, Out("gaps.csv"));
}

}  // namespace
}  // namespace backcourt
