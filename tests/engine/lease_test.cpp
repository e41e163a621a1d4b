// One backfill per database: a live holder is named in the refusal, a dead one is replaced.
#include "engine/lease.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>

#include "cli/cli.h"
#include "cli/cli_run.h"
#include "store/partition_store.h"
#include "engine/engine_fixture.h"
#include "store/lease_store.h"

namespace backcourt {
namespace {

using testing::CliOutput;
using testing::Contains;

std::string Hostname() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

int64_t Now() { return static_cast<int64_t>(time(nullptr)); }

CliOutput RunBackcourt(std::vector<std::string> args) { return testing::RunBackcourt(args); }

TEST(LeaseTest, SecondBackfillIsRefusedNamingTheHolder) {
  const std::string path = testing::FreshSampleDb("lease_live");
  auto db = OpenStore(path);
  // Our parent process is alive: it plays the other backfill.
  ASSERT_TRUE(LeaseStore(*db).Take(LeaseHolder{getppid(), Hostname(), Now(), "backcourt backfill"}));
  std::ostringstream out, err;
  const char* argv[] = {"backcourt", "--db", path.c_str(), "backfill", "--end-date", "2023-10-30"};
  EXPECT_EQ(RunCli(6, argv, out, err), 1);
  EXPECT_NE(err.str().find("being written by another backfill (pid " + std::to_string(getppid())),
            std::string::npos)
      << err.str();
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM partitions"), 0);
}

TEST(LeaseTest, DeadHoldersLeaseIsTakenOverAndReleased) {
  const std::string path = testing::FreshSampleDb("lease_dead");
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);  // a pid that no longer runs
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(LeaseStore(*db).Take(LeaseHolder{child, Hostname(), 0, "crashed backfill"}));
  }
  {
    auto lease = Lease::Acquire(path, "test");
    ASSERT_TRUE(lease) << lease.error().message();
    auto db = OpenStore(path);
    auto holder = LeaseStore(*db).Holder();
    ASSERT_TRUE(holder && *holder);
    EXPECT_EQ((*holder)->pid, getpid());
  }
  auto db = OpenStore(path);
  auto holder = LeaseStore(*db).Holder();
  EXPECT_FALSE(*holder) << "the lease is released when the backfill ends";
}

TEST(LeaseTest, RemoteHolderWithoutHeartbeatIsTakenOver) {
  const std::string path = testing::FreshSampleDb("lease_remote");
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(LeaseStore(*db).Take(LeaseHolder{1234, "another-host", 0, "old"}));
  }
  EXPECT_TRUE(Lease::Acquire(path, "test"));
}

// Regression (issue 13): a stale lease whose pid was reused on the same host blocked every
// backfill forever (heartbeat age ignored).
TEST(LeaseTest, StaleLeaseIsTakenOverEvenWhenItsPidRunsOnThisHost) {
  const std::string path = testing::FreshSampleDb("lease_reused_pid");
  {
    auto db = OpenStore(path);
    // Our parent runs (a reused pid), but its heartbeat is two expiries old.
    ASSERT_TRUE(LeaseStore(*db).Take(
        LeaseHolder{getppid(), Hostname(), Now() - 2 * kLeaseExpirySeconds, "crashed backfill"}));
  }
  std::ostringstream warnings;
  auto lease = Lease::Acquire(path, "test", LeaseOptions{false, &warnings});
  ASSERT_TRUE(lease) << lease.error().message();
  EXPECT_TRUE(Contains(warnings.str(), "taking over the lease of pid " + std::to_string(getppid())))
      << warnings.str();
}

// Regression (issue 13): the refusal advised stopping pid 1.
TEST(LeaseTest, RefusalNeverAdvisesStoppingPidOneOrAProcessThatIsNotBackcourt) {
  const std::string path = testing::FreshSampleDb("lease_pid_one");
  for (const int64_t pid : {int64_t{1}, static_cast<int64_t>(getppid())}) {
    {
      auto db = OpenStore(path);
      ASSERT_TRUE(LeaseStore(*db).Take(LeaseHolder{pid, Hostname(), Now(), "backcourt backfill"}));
    }
    auto lease = Lease::Acquire(path, "test");
    ASSERT_FALSE(lease) << "pid " << pid;
    const std::string message = lease.error().message();
    EXPECT_TRUE(Contains(message, "pid " + std::to_string(pid))) << message;
    EXPECT_FALSE(Contains(message, "kill")) << message;
    EXPECT_FALSE(Contains(message, "stop")) << message;
    EXPECT_TRUE(Contains(message, "--break-lease")) << message;
  }
}

TEST(LeaseTest, BreakLeaseTakesALiveLeaseWithAWarning) {
  const std::string path = testing::FreshSampleDb("lease_break");
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(LeaseStore(*db).Take(LeaseHolder{getppid(), Hostname(), Now(), "other"}));
  }
  const auto run = RunBackcourt({"--db", path, "backfill", "--end-date", "2023-10-26",
                                 "--tables", "team_offense_game_summary", "--break-lease"});
  EXPECT_TRUE(Contains(run.err, "warning: --break-lease: breaking the lease of pid " +
                                    std::to_string(getppid())))
      << run.err;
  auto db = OpenStore(path);
  EXPECT_GT(*db->QueryInt("SELECT COUNT(*) FROM partitions"), 0);
  EXPECT_FALSE(*LeaseStore(*db).Holder()) << "released at the end";
}

// Regression (issue 13): runs killed or stopped by a full disk stayed "running" forever.
TEST(LeaseTest, RunsLeftRunningByADeadBackfillBecomeInterrupted) {
  const std::string path = testing::FreshSampleDb("lease_orphan_runs");
  int64_t orphan = 0;
  {
    auto db = OpenStore(path);
    auto id = PartitionStore(*db).StartRun("backfill", "backcourt backfill", "test");
    ASSERT_TRUE(id);
    orphan = *id;
  }
  {
    auto lease = Lease::Acquire(path, "test");
    ASSERT_TRUE(lease) << lease.error().message();
  }
  auto db = OpenStore(path);
  auto stmt = db->Prepare("SELECT outcome, finished_at FROM runs WHERE run_id = ?");
  ASSERT_TRUE(stmt);
  stmt->Bind(1, orphan);
  ASSERT_TRUE(*stmt->Step());
  EXPECT_EQ(stmt->Text(0), "interrupted");
  EXPECT_FALSE(stmt->Text(1).empty());
}

// Regression (issue 13): runs.arguments dropped --no-resume, --dates and --workers.
TEST(LeaseTest, RunsArgumentsStoreTheFullCommandLine) {
  const std::string path = testing::FreshSampleDb("lease_arguments");
  RunBackcourt({"--db", path, "backfill", "--no-resume", "--dates", "2023-10-24, 2023-10-25",
                "--workers", "1", "--tables", "team_offense_game_summary"});
  auto db = OpenStore(path);
  auto stmt = db->Prepare("SELECT arguments FROM runs WHERE command = 'backfill'");
  ASSERT_TRUE(stmt);
  ASSERT_TRUE(*stmt->Step());
  EXPECT_EQ(stmt->Text(0), "backcourt --db " + path + " backfill --no-resume --dates "
                           "'2023-10-24, 2023-10-25' --workers 1 --tables "
                           "team_offense_game_summary");
}

// Regression (issue 13): `status` did not show the lease.
TEST(LeaseTest, StatusShowsTheCurrentLease) {
  const std::string path = testing::FreshSampleDb("lease_status");
  EXPECT_TRUE(Contains(RunBackcourt({"--db", path, "status"}).out, "Lease: none"));
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(LeaseStore(*db).Take(LeaseHolder{4242, "host-a", Now() - 300, "backcourt backfill"}));
  }
  const auto run = RunBackcourt({"--db", path, "status"});
  EXPECT_TRUE(Contains(run.out, "Lease: held by pid 4242 on host-a")) << run.out;
  EXPECT_TRUE(Contains(run.out, "expired")) << run.out;
}

}  // namespace
}  // namespace backcourt
