// kill -9 in the middle of a backfill, then run it again: the result equals one
// uninterrupted run, row for row, with no duplicate keys.
#include <gtest/gtest.h>
#include <signal.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "engine/engine_fixture.h"

extern char** environ;

namespace backcourt {
namespace {

using testing::TableHash;

const std::vector<std::string> kTables = {"team_offense_game_summary", "team_defense_game_summary",
                                          "player_game_summary", "player_game_features"};

pid_t Spawn(const std::string& db_path, const std::string& output = "/dev/null",
            const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {BACKCOURT_BINARY, "--db", db_path, "backfill",
                                   "--start-date", "2023-10-24", "--end-date", "2024-01-31",
                                   "--workers", "1"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, BACKCOURT_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Waits until the backfill at `db` has recorded at least `count` partitions.
int64_t WaitForPartitions(Db& db, int64_t count) {
  int64_t done = 0;
  for (int i = 0; i < 20000 && done < count; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    auto n = db.QueryInt("SELECT COUNT(*) FROM partitions");
    done = n ? *n : done;
  }
  return done;
}

// The sample range holds the 2023-12-09 Cup final, which no source has player rows for: its
// date is partial, the gap listed, and validation passes (the Cup final is outside the
// season's share).
constexpr int kBuiltAndValidated = 0;

TEST(CrashResumeTest, KillNineThenRerunEqualsOneUninterruptedRun) {
  const std::string reference = testing::FreshSampleDb("crash_reference");
  ASSERT_EQ(Wait(Spawn(reference)), kBuiltAndValidated);

  const std::string crashed = testing::FreshSampleDb("crash");
  auto watcher = OpenStore(crashed);
  const int64_t total = [&] {
    auto db = OpenStore(reference);
    return *db->QueryInt("SELECT COUNT(*) FROM partitions");
  }();
  const pid_t pid = Spawn(crashed);
  WaitForPartitions(*watcher, total / 3);
  kill(pid, SIGKILL);
  EXPECT_EQ(Wait(pid), 128 + SIGKILL);
  const int64_t done = *watcher->QueryInt("SELECT COUNT(*) FROM partitions");
  ASSERT_GT(done, 0);
  ASSERT_LT(done, total) << "the backfill finished before it could be killed";

  ASSERT_EQ(Wait(Spawn(crashed)), kBuiltAndValidated)
      << "the rerun takes over the dead process's lease";
  auto a = OpenStore(reference);
  auto b = OpenStore(crashed);
  for (const std::string& table : kTables) {
    EXPECT_EQ(TableHash(*a, table), TableHash(*b, table)) << table;
    EXPECT_EQ(*b->QueryInt("SELECT COUNT(*) FROM " + table),
              *b->QueryInt("SELECT COUNT(*) FROM (SELECT DISTINCT game_id, " +
                           std::string(table.find("player") == 0 ? "player_key" : "team") +
                           " FROM " + table + ")"))
        << "duplicate keys in " << table;
  }
  // The gaps were written with their partitions: the same gaps as one clean run.
  auto gaps = [](Db& db) {
    auto stmt = db.Prepare("SELECT table_name, game_date, game_id, team, reason FROM "
                           "partition_gaps ORDER BY 1, 2, 3, 4");
    std::string all;
    while (stmt && *stmt->Step()) {
      for (int c = 0; c < 5; ++c) all += stmt->Text(c) + "|";
      all += "\n";
    }
    return all;
  };
  EXPECT_FALSE(gaps(*a).empty());
  EXPECT_EQ(gaps(*a), gaps(*b));
  EXPECT_EQ(*b->QueryInt("SELECT COUNT(*) FROM partitions"), total);
  EXPECT_EQ(*b->QueryInt("SELECT COUNT(*) FROM partitions WHERE status NOT IN ('ok', 'partial', 'no_games')"),
            0);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Regression (issue 13): SIGTERM exited 130 (that is SIGINT's code; SIGTERM's is 143).
TEST(CrashResumeTest, SigtermCommitsInFlightPartitionsAndPrintsTheSummary) {
  const std::string path = testing::FreshSampleDb("sigterm");
  const std::string output = path + ".out";
  auto watcher = OpenStore(path);
  const pid_t pid = Spawn(path, output);
  ASSERT_GT(WaitForPartitions(*watcher, 40), 0);
  kill(pid, SIGTERM);
  EXPECT_EQ(Wait(pid), 143);
  const std::string printed = ReadAll(output);
  EXPECT_NE(printed.find("BACKFILL SUMMARY"), std::string::npos) << printed;
  EXPECT_NE(printed.find("Interrupted"), std::string::npos) << printed;
  EXPECT_NE(printed.find("To resume:\n  backcourt --db " + path + " backfill --start-date "
                         "2023-10-24 --end-date 2024-01-31 --workers 1\n"),
            std::string::npos)
      << printed;
  EXPECT_EQ(*watcher->QueryInt("SELECT COUNT(*) FROM runs WHERE outcome = 'interrupted'"), 1);
  // Every recorded partition is whole: its row count matches its table's rows of that date.
  EXPECT_EQ(*watcher->QueryInt("SELECT COUNT(*) FROM partitions p WHERE table_name = "
                               "'player_game_summary' AND rows != (SELECT COUNT(*) FROM "
                               "player_game_summary s WHERE s.game_date = p.game_date)"),
            0);
}

TEST(CrashResumeTest, SigintExits130) {
  const std::string path = testing::FreshSampleDb("sigint");
  auto watcher = OpenStore(path);
  const pid_t pid = Spawn(path);
  ASSERT_GT(WaitForPartitions(*watcher, 40), 0);
  kill(pid, SIGINT);
  EXPECT_EQ(Wait(pid), 130);
}

// Regression (issue 13): "run the same command again to resume" was wrong after --no-resume
// (a plain rerun skips the partitions not yet rebuilt; the same command rebuilds all again).
TEST(CrashResumeTest, ResumeHintAfterNoResumeRebuildsOnlyWhatWasNotStarted) {
  const std::string path = testing::FreshSampleDb("sigterm_no_resume");
  ASSERT_EQ(Wait(Spawn(path)), kBuiltAndValidated);  // everything built once
  const std::string output = path + ".out";
  auto watcher = OpenStore(path);
  const int64_t before = *watcher->QueryInt("SELECT MAX(run_id) FROM runs");
  const pid_t pid = Spawn(path, output, {"--no-resume"});
  for (int i = 0; i < 20000; ++i) {
    auto n = watcher->QueryInt("SELECT COUNT(*) FROM partitions WHERE run_id > " +
                               std::to_string(before));
    if (n && *n >= 60) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGTERM);
  EXPECT_EQ(Wait(pid), 143);
  const std::string printed = ReadAll(output);
  const size_t hint = printed.find("To resume:\n  ");
  ASSERT_NE(hint, std::string::npos) << printed;
  const std::string command = printed.substr(hint + 14, printed.find('\n', hint + 14) - hint - 14);
  EXPECT_NE(command.find(" --no-resume"), std::string::npos) << command;
  // The range spans exactly the partitions this run did not rebuild.
  auto text = [&](const std::string& sql) {
    auto stmt = watcher->Prepare(sql);
    EXPECT_TRUE(stmt && *stmt->Step()) << sql;
    return stmt ? stmt->Text(0) : std::string();
  };
  const std::string not_rebuilt = "FROM partitions WHERE status != 'no_games' AND run_id <= " +
                                  std::to_string(before);
  const std::string first = text("SELECT MIN(game_date) " + not_rebuilt);
  const std::string last = text("SELECT MAX(game_date) " + not_rebuilt);
  ASSERT_FALSE(first.empty()) << "the run finished before it could be stopped";
  EXPECT_NE(command.find("--start-date " + first + " --end-date " + last), std::string::npos)
      << command;
  EXPECT_EQ(printed.find("same command again"), std::string::npos) << printed;
}

}  // namespace
}  // namespace backcourt
