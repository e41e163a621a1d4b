// `backfill --queue`, then three `worker` processes on one store (a SQLite file, or a
// PostgreSQL database) over the sample; one is killed (kill -9) while it holds a claim. The
// others finish, take the dead claim over after its expiry, and the tables equal one
// single-process SQLite backfill: same rows, same records, no duplicate keys, and no
// partition ever held by two live claims at once. A reader meanwhile never sees a
// partition's rows without its record or a record without its rows.
//
// BACKCOURT_WORKERS_DATA=../shared/data/nba runs the same on all of it, 2021-10-19..2026-01-02
// (`make check-workers`); the default is the bundled sample.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <charconv>
#include <chrono>
#include <fstream>
#include <iterator>
#include <atomic>
#include <cstdlib>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "engine/engine_fixture.h"
#include "store/claim_store.h"
#include "store/store_backends.h"
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

// A value as both backends agree on it: a number read as a double, in its shortest
// round-trip form (SQLite's text of a REAL keeps 15 digits, PostgreSQL's all), anything
// else as text.
std::string Canonical(Statement& stmt, int c) {
  if (stmt.IsNull(c)) return "\x01NULL";
  const std::string text = stmt.Text(c);
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end ? fmt::format("{}", stmt.Real(c)) : text;
}

// Every row of a table, in the order of all its columns (TableColumns leaves out
// PostgreSQL's rowid).
std::string AllRowsHash(Db& db, const std::string& table) {
  auto names = db.TableColumns(table);
  EXPECT_TRUE(names) << names.error().message();
  std::string columns;
  for (const std::string& name : names.value_or(std::vector<std::string>{})) {
    columns += fmt::format("{}{}", columns.empty() ? "" : ", ", name);
  }
  auto stmt = db.Prepare(fmt::format("SELECT {0} FROM {1} ORDER BY {0}", columns, table));
  Hasher hasher;
  int64_t rows = 0;
  EXPECT_TRUE(stmt) << stmt.error().message();
  for (;;) {
    auto has_row = stmt ? stmt->Step() : Result<bool>(false);
    EXPECT_TRUE(has_row) << table << ": " << has_row.error().message();
    if (!has_row || !*has_row) break;
    ++rows;
    for (int c = 0; c < stmt->ColumnCount(); ++c) {
      hasher.Add(Canonical(*stmt, c));
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

// Partitions whose committed rows and record disagree, as one statement (one snapshot):
// a record without its rows, or rows without their record.
int64_t TornPartitions(Db& db) {
  int64_t torn = 0;
  for (const std::string& table : Registry::Default().Names()) {
    auto n = db.QueryInt(fmt::format(
        "SELECT (SELECT COUNT(*) FROM partitions p WHERE p.table_name = '{0}' AND p.rows <> "
        "(SELECT COUNT(*) FROM {0} r WHERE r.game_date = p.game_date)) + (SELECT COUNT(*) "
        "FROM (SELECT DISTINCT game_date FROM {0}) r WHERE NOT EXISTS (SELECT 1 FROM "
        "partitions p WHERE p.table_name = '{0}' AND p.game_date = r.game_date))",
        table));
    if (n) torn += *n;  // a table not created yet has nothing to disagree with
  }
  return torn;
}

class WorkerTest : public testing::BackendTest {};

TEST_P(WorkerTest, ThreeWorkersWithOneKilledEqualOneBackfill) {
  const std::string dir = std::filesystem::path(testing::SampleTemplateDb()).parent_path();
  const char* data_env = std::getenv("BACKCOURT_WORKERS_DATA");
  const std::string data = data_env != nullptr ? data_env : "";
  std::vector<std::string> range;
  if (!data.empty()) range = {"--start-date", "2021-10-19", "--end-date", "2026-01-02"};
  auto ingested = [&](const std::string& target, const std::string& name) {
    if (data.empty() && !postgres()) return testing::FreshSampleDb(name);
    const std::string from = data.empty() ? std::string(BACKCOURT_SOURCE_DIR) + "/data/sample" : data;
    const std::string db = target.empty() ? dir + "/" + name + ".db" : target;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    EXPECT_EQ(Wait(Spawn({"--db", db, "ingest", from, "--quiet"}, dir + "/" + name + ".ingest")), 0)
        << ReadAll(dir + "/" + name + ".ingest");
    return db;
  };
  auto with_range = [&](std::vector<std::string> words) {
    words.insert(words.end(), range.begin(), range.end());
    return words;
  };
  const std::string reference = ingested("", "workers_reference");
  ASSERT_EQ(Wait(Spawn(with_range({"--db", reference, "backfill", "--workers", "1"}),
                       dir + "/ref.out")),
            0)
      << ReadAll(dir + "/ref.out");

  const std::string queued = ingested(postgres() ? target() : "", "workers");
  ASSERT_EQ(Wait(Spawn(with_range({"--db", queued, "backfill", "--queue"}), dir + "/queue.out")), 0)
      << ReadAll(dir + "/queue.out");
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
  // One build thread, paused on the first of a batch of four claims: it holds all four (and
  // keeps beating) when it is killed.
  std::vector<std::string> doomed_args = kShortExpiry;
  doomed_args.insert(doomed_args.end(), {"--threads", "1", "--claim-batch", "4"});
  const pid_t doomed =
      Spawn(args(doomed_args), dir + "/doomed.out", {"BACKCOURT_TEST_PAUSE_AFTER_CLAIM=60"});
  int64_t held = 0;
  for (int i = 0; i < 2000 && held == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto n = watcher->QueryInt(fmt::format("SELECT COUNT(*) FROM claims WHERE pid = {}", doomed));
    held = n ? *n : 0;
  }
  ASSERT_EQ(held, 4) << ReadAll(dir + "/doomed.out");
  std::atomic<bool> building = true;
  int64_t reads = 0, torn = 0;
  std::thread reader([&] {
    auto db = Db::OpenReadOnly(queued);
    ASSERT_TRUE(db) << db.error().message();
    while (building) {
      torn += TornPartitions(*db);
      ++reads;
    }
  });
  const pid_t a = Spawn(args(kLongExpiry), dir + "/a.out");
  const pid_t b = Spawn(args(kLongExpiry), dir + "/b.out");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(doomed, SIGKILL);
  EXPECT_EQ(Wait(doomed), 128 + SIGKILL);
  EXPECT_EQ(Wait(a), 0) << ReadAll(dir + "/a.out");
  EXPECT_EQ(Wait(b), 0) << ReadAll(dir + "/b.out");
  building = false;
  reader.join();
  EXPECT_GE(reads, 3) << "the reader read while the workers wrote";
  EXPECT_EQ(torn, 0) << "a reader saw rows without their record, or a record without its rows";
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
                             table + ") AS k"))
        << "duplicate keys in " << table;
  }
  EXPECT_EQ(*got->QueryInt("SELECT COUNT(*) FROM partition_queue WHERE outcome IS NULL"), 0);
  EXPECT_EQ(*got->QueryInt("SELECT COUNT(*) FROM claims"), 0);

  // From the history: the killed worker's claims expired and were finished by another, every
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
  EXPECT_EQ(expired, held) << "each claim of the killed worker expired and was taken over";
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

TEST(WorkerLeaseTest, ABackfillRefusesWhileWorkersHoldClaims) {
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
  ASSERT_GE(held, 1);
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

BC_INSTANTIATE_BACKENDS(WorkerTest);

}  // namespace
}  // namespace backcourt
