// `backfill --queue`, then three `worker` processes on one SQLite file over the sample; one
// is killed (kill -9) while it holds a claim. The others finish, take the dead claim over
// after its expiry, and the tables equal one single-process backfill: same rows, same
// records, no duplicate keys, and no partition ever held by two live claims at once.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "engine/engine_fixture.h"
#include "store/claim_store.h"
#include "tables/registry.h"

extern char** environ;

namespace backcourt {
namespace {

pid_t Spawn(const std::vector<std::string>& words, const std::string& output,
            const std::vector<std::string>& env_extra = {}) {
  std::vector<std::string> args = {BACKCOURT_BINARY};
  args.insert(args.end(), words.begin(), words.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env(env_extra);
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, BACKCOURT_BINARY, &actions, nullptr, argv.data(), envp.data()), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Every row of a table, in the order of all its columns.
std::string AllRowsHash(Db& db, const std::string& table) {
  auto probe = db.Prepare("SELECT * FROM " + table + " LIMIT 0");
  EXPECT_TRUE(probe);
  std::string order;
  for (int c = 1; c <= probe->ColumnCount(); ++c) order += fmt::format("{}{}", c > 1 ? ", " : "", c);
  auto stmt = db.Prepare("SELECT * FROM " + table + " ORDER BY " + order);
  Hasher hasher;
  int64_t rows = 0;
  while (stmt && *stmt->Step()) {
    ++rows;
    for (int c = 0; c < stmt->ColumnCount(); ++c) {
      hasher.Add(stmt->IsNull(c) ? "\x01NULL" : stmt->Text(c));
    }
  }
  return fmt::format("{}:{}", rows, hasher.HexDigest());
}

// What a build decides, without the run, times and attempts that differ between runs.
std::string Records(Db& db) {
  auto stmt = db.Prepare("SELECT table_name, game_date, status, processor_version, "
                         "input_fingerprint, data_version, rows, last_error FROM partitions "
                         "ORDER BY 1, 2");
  std::string all;
  while (stmt && *stmt->Step()) {
    for (int c = 0; c < 8; ++c) all += stmt->Text(c) + "|";
    all += "\n";
  }
  return all;
}

// The doomed worker's claim expires soon after it dies; the live workers' claims are given a
// long expiry, so a heartbeat delayed on a loaded machine never hands their work to another.
const std::vector<std::string> kWorkerFlags = {"worker", "--heartbeat", "0.2", "--max-idle", "2"};
const std::vector<std::string> kShortExpiry = {"--claim-expiry", "1.5"};
const std::vector<std::string> kLongExpiry = {"--claim-expiry", "60"};

TEST(WorkerTest, ThreeWorkersWithOneKilledEqualOneBackfill) {
  const std::string dir = std::filesystem::path(testing::SampleTemplateDb()).parent_path();
  const std::string reference = testing::FreshSampleDb("workers_reference");
  ASSERT_EQ(Wait(Spawn({"--db", reference, "backfill", "--workers", "1"}, dir + "/ref.out")), 0)
      << ReadAll(dir + "/ref.out");

  const std::string queued = testing::FreshSampleDb("workers");
  ASSERT_EQ(Wait(Spawn({"--db", queued, "backfill", "--queue"}, dir + "/queue.out")), 0);
  EXPECT_NE(ReadAll(dir + "/queue.out").find("Queued "), std::string::npos);
  auto watcher = OpenStore(queued);
  ASSERT_TRUE(watcher);
  const int64_t total = *watcher->QueryInt("SELECT COUNT(*) FROM partition_queue");
  ASSERT_GT(total, 100);
  EXPECT_EQ(*watcher->QueryInt("SELECT COUNT(*) FROM partitions"), 0) << "--queue builds nothing";

  std::vector<std::string> with_db = {"--db", queued};
  auto args = [&](std::vector<std::string> extra) {
    std::vector<std::string> all = with_db;
    all.insert(all.end(), kWorkerFlags.begin(), kWorkerFlags.end());
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  };
  const pid_t doomed =
      Spawn(args(kShortExpiry), dir + "/doomed.out", {"BACKCOURT_TEST_PAUSE_AFTER_CLAIM=60"});
  // The doomed worker holds its first claim (and keeps beating) when it is killed.
  int64_t held = 0;
  for (int i = 0; i < 2000 && held == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto n = watcher->QueryInt(fmt::format("SELECT COUNT(*) FROM claims WHERE pid = {}", doomed));
    held = n ? *n : 0;
  }
  ASSERT_EQ(held, 1) << ReadAll(dir + "/doomed.out");
  const pid_t a = Spawn(args(kLongExpiry), dir + "/a.out");
  const pid_t b = Spawn(args(kLongExpiry), dir + "/b.out");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(doomed, SIGKILL);
  EXPECT_EQ(Wait(doomed), 128 + SIGKILL);
  EXPECT_EQ(Wait(a), 0) << ReadAll(dir + "/a.out");
  EXPECT_EQ(Wait(b), 0) << ReadAll(dir + "/b.out");
  const std::string logs = ReadAll(dir + "/a.out") + ReadAll(dir + "/b.out");
  EXPECT_NE(logs.find("took over"), std::string::npos) << logs;

  auto ref = OpenStore(reference);
  auto got = OpenStore(queued);
  for (const std::string& table : Registry::Default().Names()) {
    EXPECT_EQ(AllRowsHash(*ref, table), AllRowsHash(*got, table)) << table;
  }
  EXPECT_EQ(Records(*ref), Records(*got));
  EXPECT_EQ(AllRowsHash(*ref, "partition_gaps"), AllRowsHash(*got, "partition_gaps"));
  for (const std::string table : {"team_offense_game_summary", "player_game_summary",
                                  "player_game_features"}) {
    const std::string key = table.find("player") == 0 ? "player_key" : "team";
    EXPECT_EQ(*got->QueryInt("SELECT COUNT(*) FROM " + table),
              *got->QueryInt("SELECT COUNT(*) FROM (SELECT DISTINCT game_id, " + key + " FROM " +
                             table + ")"))
        << "duplicate keys in " << table;
  }
  EXPECT_EQ(*got->QueryInt("SELECT COUNT(*) FROM partition_queue WHERE outcome IS NULL"), 0);
  EXPECT_EQ(*got->QueryInt("SELECT COUNT(*) FROM claims"), 0);

  // From the history: the killed worker's claim expired and was finished by another, every
  // partition was finished exactly once, and no two claims of a partition overlap.
  auto history = ClaimStore(*got).History();
  ASSERT_TRUE(history);
  int64_t expired = 0;
  std::map<std::pair<std::string, std::string>, std::vector<ClaimHistoryRow>> by_partition;
  for (const ClaimHistoryRow& row : *history) {
    by_partition[{row.table, row.date}].push_back(row);
    if (row.outcome == "expired") {
      ++expired;
      EXPECT_EQ(row.pid, doomed);
    }
  }
  EXPECT_EQ(expired, 1);
  EXPECT_EQ(static_cast<int64_t>(by_partition.size()), total);
  for (const auto& [key, rows] : by_partition) {
    int finished = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
      finished += rows[i].outcome != "expired" && rows[i].outcome != "released";
      if (i > 0) {
        EXPECT_LE(rows[i - 1].finished_at, rows[i].claimed_at)
            << key.first << " " << key.second << " held by two claims at once";
      }
    }
    EXPECT_EQ(finished, 1) << key.first << " " << key.second;
  }
}

TEST(WorkerTest, ABackfillRefusesWhileWorkersHoldClaims) {
  const std::string dir = std::filesystem::path(testing::SampleTemplateDb()).parent_path();
  const std::string db_path = testing::FreshSampleDb("workers_refuse");
  ASSERT_EQ(Wait(Spawn({"--db", db_path, "backfill", "--queue", "--start-date", "2023-10-24",
                        "--end-date", "2023-10-31"},
                       "/dev/null")),
            0);
  const pid_t paused = Spawn({"--db", db_path, "worker", "--heartbeat", "0.2", "--claim-expiry",
                              "30", "--max-idle", "1"},
                             dir + "/paused.out", {"BACKCOURT_TEST_PAUSE_AFTER_CLAIM=3"});
  auto watcher = OpenStore(db_path);
  int64_t held = 0;
  for (int i = 0; i < 2000 && held == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    held = *watcher->QueryInt("SELECT COUNT(*) FROM claims");
  }
  ASSERT_EQ(held, 1);
  const std::string err = dir + "/refused.err";
  const int code = Wait(Spawn({"--db", db_path, "backfill", "--start-date", "2023-10-24",
                               "--end-date", "2023-10-31"},
                              err));
  EXPECT_EQ(code, 1);
  EXPECT_NE(ReadAll(err).find("claimed by live workers"), std::string::npos) << ReadAll(err);
  EXPECT_EQ(Wait(paused), 0) << ReadAll(dir + "/paused.out");
  // The paused worker then finished the queue alone: nothing the refused backfill touched.
  EXPECT_EQ(*watcher->QueryInt("SELECT COUNT(*) FROM partition_queue WHERE outcome IS NULL"), 0);
  EXPECT_EQ(*watcher->QueryInt("SELECT COUNT(*) FROM runs WHERE command = 'backfill'"), 0)
      << "the refused backfill started no run";
}

}  // namespace
}  // namespace backcourt
