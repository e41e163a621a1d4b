// kill -9 while report and train write their files: the previous file stays byte-identical
// (the new bytes go to a temporary file renamed into place only when complete).
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "engine/engine_fixture.h"
#include "store/model_store.h"
#include "test_files.h"

extern char** environ;

namespace backcourt {
namespace {

namespace fs = std::filesystem;

pid_t SpawnBackcourt(std::vector<std::string> args) {
  args.insert(args.begin(), BACKCOURT_BINARY);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, BACKCOURT_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int WaitFor(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Waits (up to 120 s) until a temporary file for `target` holds bytes in its folder.
bool WaitForTemporary(const std::string& target) {
  const fs::path folder = fs::path(target).parent_path();
  std::string prefix = ".";
  prefix += fs::path(target).filename().string();
  prefix += ".tmp-";
  for (int i = 0; i < 120000; ++i) {
    for (const auto& entry : fs::directory_iterator(folder)) {
      std::error_code ec;
      if (entry.path().filename().string().rfind(prefix, 0) == 0 && entry.file_size(ec) > 0) {
        return true;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// Runs `args` with the write stalled half way, kills it there, and checks `path` kept
// `previous`.
void KillDuringWrite(const std::vector<std::string>& args, const std::string& path,
                     const std::string& previous) {
  setenv("BACKCOURT_INJECT_WRITE_FAULT", "stall", 1);
  const pid_t pid = SpawnBackcourt(args);
  unsetenv("BACKCOURT_INJECT_WRITE_FAULT");
  ASSERT_TRUE(WaitForTemporary(path)) << "the write never started";
  kill(pid, SIGKILL);
  EXPECT_EQ(WaitFor(pid), 128 + SIGKILL);
  EXPECT_EQ(testing::ReadBytes(path), previous) << path << " was damaged by the kill";
}

TEST(CrashOutputsTest, KillDuringReportWriteLeavesThePreviousReportIntact) {
  const std::string db = testing::FreshSampleDb("report_kill");
  const std::string html = (fs::path(db).parent_path() / "report_kill_out" / "r.html").string();
  fs::create_directories(fs::path(html).parent_path());
  ASSERT_EQ(WaitFor(SpawnBackcourt({"--db", db, "report", "--html", html})), 0);
  const std::string previous = testing::ReadBytes(html);
  ASSERT_GT(previous.size(), 1000u);
  KillDuringWrite({"--db", db, "report", "--html", html}, html, previous);
}

TEST(CrashOutputsTest, KillDuringModelWriteLeavesThePreviousModelIntact) {
  const std::string db = testing::FreshSampleDb("model_kill");
  ASSERT_LE(WaitFor(SpawnBackcourt({"--db", db, "backfill", "--start-date", "2023-10-24",
                                    "--end-date", "2024-01-31"})),
            1);
  const std::string model = (fs::path(db).parent_path() / "model_kill_out" / "m.json").string();
  fs::create_directories(fs::path(model).parent_path());
  // One model file per run (no twin without availability): the kill lands in its write.
  const std::vector<std::string> train = {"--db", db, "train", "--train-end", "2024-01-10",
                                          "--test-start", "2024-01-11", "--model", model,
                                          "--no-availability-twin"};
  ASSERT_EQ(WaitFor(SpawnBackcourt(train)), 0);
  const std::string previous = testing::ReadBytes(model);
  ASSERT_GT(previous.size(), 1000u);
  std::vector<std::string> forced = train;
  forced.push_back("--force");
  KillDuringWrite(forced, model, previous);
  // The first run's row points at a file holding its model (its own, or the kept copy).
  auto store = OpenStore(db);
  ASSERT_TRUE(store);
  auto first = ModelStore(*store).Find(1);
  ASSERT_TRUE(first && *first);
  EXPECT_EQ(testing::ReadBytes((*first)->model_path), previous);
  EXPECT_EQ(*store->QueryInt("SELECT COUNT(*) FROM model_runs"), 1) << "the killed run was recorded";
}

}  // namespace
}  // namespace backcourt
