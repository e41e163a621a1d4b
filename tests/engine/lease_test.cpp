// One backfill per database: a live holder is named in the refusal, a dead one is replaced.
#include "engine/lease.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>

#include "cli/cli.h"
#include "engine/engine_fixture.h"
#include "store/lease_store.h"

namespace backcourt {
namespace {

std::string Hostname() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

TEST(LeaseTest, SecondBackfillIsRefusedNamingTheHolder) {
  const std::string path = testing::FreshSampleDb("lease_live");
  auto db = OpenStore(path);
  // Our parent process is alive: it plays the other backfill.
  ASSERT_TRUE(LeaseStore(*db).Take(LeaseHolder{getppid(), Hostname(), 0, "backcourt backfill"}));
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

}  // namespace
}  // namespace backcourt
