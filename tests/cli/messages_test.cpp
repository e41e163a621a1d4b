// Errors name the file, table or option and say what to do; SQL text and library traces
// appear only under --verbose (issue 13).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/cli_run.h"
#include "store/schema.h"
#include "test_files.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;
using testing::Contains;
using testing::RunBackcourt;
using testing::TempDir;

// Regression (issue 13): train printed a 1,200-character SELECT before "no such table".
TEST(MessagesTest, MissingTableNamesTheTableAndWhatToDoWithoutSql) {
  TempDir dir;
  const std::string db = (fs::path(dir.path()) / "empty.db").string();
  const auto run = RunBackcourt({"--db", db, "train", "--train-end", "2024-01-01", "--test-start",
                                 "2024-01-02"});
  EXPECT_EQ(run.code, 1);
  EXPECT_TRUE(Contains(run.err, "database " + db)) << run.err;
  EXPECT_TRUE(Contains(run.err, "player_game_features")) << run.err;
  EXPECT_TRUE(Contains(run.err, "run ingest, then backfill")) << run.err;
  EXPECT_FALSE(Contains(run.err, "SELECT")) << run.err;
  const auto verbose = RunBackcourt({"--verbose", "--db", db, "train", "--train-end",
                                     "2024-01-01", "--test-start", "2024-01-02"});
  EXPECT_TRUE(Contains(verbose.err, "detail: SELECT")) << verbose.err;
}

TEST(MessagesTest, AFileThatIsNotADatabaseIsNamedWithoutPragmas) {
  TempDir dir;
  const std::string db = dir.Write("notes.db", std::string(4096, 'x'));
  for (const char* command : {"status", "ingest"}) {
    std::vector<std::string> args = {"--db", db, command};
    if (std::string(command) == "ingest") args.push_back(db);
    const auto run = RunBackcourt(args);
    EXPECT_NE(run.code, 0) << command;
    EXPECT_TRUE(Contains(run.err, db)) << run.err;
    EXPECT_TRUE(Contains(run.err, "not an SQLite database")) << run.err;
    EXPECT_FALSE(Contains(run.err, "PRAGMA")) << run.err;
  }
}

// Regression (issue 13): XGBoost's source locations and stack traces reached the user.
TEST(MessagesTest, BadModelFileIsNamedWithoutTheLibrarysTrace) {
  TempDir dir;
  const std::string model = dir.Write("model.json", "{\"learner\": 7}");
  const std::string db = (fs::path(dir.path()) / "t.db").string();
  ASSERT_TRUE(OpenStore(db));  // predict reads an existing database
  const auto run = RunBackcourt({"--db", db, "predict",
                                 "--date", "2024-01-05", "--model", model});
  EXPECT_EQ(run.code, 1);
  EXPECT_TRUE(Contains(run.err, model)) << run.err;
  EXPECT_TRUE(Contains(run.err, "--model")) << run.err;
  EXPECT_FALSE(Contains(run.err, "Stack trace")) << run.err;
  EXPECT_FALSE(Contains(run.err, ".cc:")) << run.err;
  EXPECT_FALSE(Contains(run.err, "[bt]")) << run.err;
}

}  // namespace
}  // namespace backcourt
