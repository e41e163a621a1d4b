// The claim query on both backends: two connections never get the same partition,
// dependencies (ranges of queued dates) hold a partition back until they finish, a fresh
// claim is never taken and an expired one is, with its history.
#include "store/claim_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "engine/worker.h"
#include "store/schema.h"
#include "store/store_backends.h"

namespace backcourt {
namespace {

// A migrated database two connections can share: a file on SQLite, a new database on
// PostgreSQL.
class ClaimStoreTest : public testing::BackendTest {
 protected:
  std::string FreshDb(const std::string& name) {
    namespace fs = std::filesystem;
    std::string path = target();
    if (!postgres()) {
      const fs::path dir =
          fs::temp_directory_path() / fmt::format("backcourt_claims_{}", getpid());
      fs::create_directories(dir);
      path = (dir / (name + ".db")).string();
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
    }
    auto db = OpenStore(path);
    EXPECT_TRUE(db) << db.error().message();
    return path;
  }
};

WorkerIdentity Worker(int64_t id, int64_t expiry_ms = 1000) {
  return WorkerIdentity{id, fmt::format("host-{}", id), 1000 + id, expiry_ms};
}

void Queue(Db& db, const std::vector<QueuedPartition>& partitions,
           const std::vector<QueueDependency>& deps = {}) {
  auto txn = Transaction::Begin(db);
  ASSERT_TRUE(txn);
  ASSERT_TRUE(ClaimStore(db).ReplaceQueue(1, partitions, deps, {}));
  ASSERT_TRUE(txn->Commit());
}

// The first runnable partition, as a worker claiming one at a time would get it.
Result<std::optional<Claim>> ClaimOne(ClaimStore store, const WorkerIdentity& w, int64_t now) {
  BC_ASSIGN_OR_RETURN(std::vector<Claim> claims, store.ClaimBatch(w, now, 1));
  if (claims.empty()) return std::optional<Claim>();
  return std::optional<Claim>(std::move(claims.front()));
}

Status FinishClaim(Db& db, const WorkerIdentity& w, const Claim& claim, int64_t now) {
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  BC_RETURN_IF_ERROR(ClaimStore(db).Finish(w, {{&claim, PartitionStatus::kOk}}, now));
  return txn.Commit();
}

TEST_P(ClaimStoreTest, TwoConnectionsNeverClaimTheSamePartition) {
  const std::string path = FreshDb("race");
  auto setup = Db::Open(path);
  ASSERT_TRUE(setup);
  std::vector<QueuedPartition> partitions;
  for (int i = 0; i < 60; ++i) {
    partitions.push_back({fmt::format("t{}", i / 20), fmt::format("2024-01-{}", 10 + i % 20),
                          false, "missing"});
  }
  Queue(*setup, partitions);

  std::mutex mu;
  std::multiset<std::string> claimed;
  auto claimer = [&](int64_t id) {
    auto db = Db::Open(path);
    ASSERT_TRUE(db);
    ClaimStore store(*db);
    const WorkerIdentity me = Worker(id, 60000);
    for (;;) {
      auto claim = ClaimOne(store, me, UnixMillis());
      if (!claim) {
        ASSERT_TRUE(claim.error().retryable()) << claim.error().message();
        continue;
      }
      if (!*claim) return;
      {
        std::lock_guard lock(mu);
        claimed.insert((*claim)->partition.table + " " + (*claim)->partition.date);
      }
      Status finished;
      do {
        finished = FinishClaim(*db, me, **claim, UnixMillis());
      } while (!finished && finished.error().retryable());
      ASSERT_TRUE(finished) << finished.error().message();
      // Gives the other connection a turn even on a loaded machine (else one may take all).
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  };
  std::thread a(claimer, 1), b(claimer, 2);
  a.join();
  b.join();
  EXPECT_EQ(claimed.size(), partitions.size());
  EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), partitions.size())
      << "a partition was claimed twice";
  auto history = ClaimStore(*setup).History();
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), partitions.size());
  std::set<int64_t> workers;
  for (const ClaimHistoryRow& row : *history) {
    EXPECT_EQ(row.outcome, "ok");
    workers.insert(row.worker_id);
  }
  EXPECT_EQ(workers.size(), 2u) << "both connections claimed";
  auto counts = ClaimStore(*setup).Counts();
  EXPECT_EQ(counts->queued, 0);
  EXPECT_EQ(counts->claimed, 0);
}

TEST_P(ClaimStoreTest, APartitionWaitsForItsQueuedUpstreams) {
  auto db = Db::Open(FreshDb("deps"));
  ASSERT_TRUE(db);
  Queue(*db, {{"up", "2024-01-10", false, "missing"}, {"down", "2024-01-10", false, "missing"},
              {"other", "2024-01-11", false, "missing"}},
        {{1, 0}});  // down 01-10 reads up 01-10
  ClaimStore store(*db);
  const WorkerIdentity a = Worker(1), b = Worker(2);
  auto first = ClaimOne(store, a, 1000);
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->partition.table, "up");
  auto second = ClaimOne(store, b, 1000);
  ASSERT_TRUE(second && *second);
  EXPECT_EQ((*second)->partition.table, "other") << "down waits for up, which is claimed";
  auto none = ClaimOne(store, b, 1001);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  ASSERT_TRUE(FinishClaim(*db, a, **first, 1002));
  auto third = ClaimOne(store, b, 1003);
  ASSERT_TRUE(third && *third);
  EXPECT_EQ((*third)->partition.table, "down");
}

TEST_P(ClaimStoreTest, AFreshClaimIsKeptAndAnExpiredOneTakenOver) {
  auto db = Db::Open(FreshDb("expiry"));
  ASSERT_TRUE(db);
  Queue(*db, {{"t", "2024-01-10", false, "missing"}});
  ClaimStore store(*db);
  const WorkerIdentity dead = Worker(1, 1000), alive = Worker(2, 1000);
  auto first = ClaimOne(store, dead, 10'000);
  ASSERT_TRUE(first && *first);
  EXPECT_FALSE((*first)->taken_from);

  auto early = ClaimOne(store, alive, 10'900);
  ASSERT_TRUE(early);
  EXPECT_FALSE(*early) << "a claim within its expiry is not taken";
  ASSERT_TRUE(store.Heartbeat(dead.worker_id, 10'900));
  auto after_beat = ClaimOne(store, alive, 11'500);
  ASSERT_TRUE(after_beat);
  EXPECT_FALSE(*after_beat) << "the heartbeat renewed the claim";
  EXPECT_EQ(*store.LiveClaims(11'500), 1);

  auto taken = ClaimOne(store, alive, 12'000);
  ASSERT_TRUE(taken && *taken) << "no heartbeat for over its expiry: taken over";
  ASSERT_TRUE((*taken)->taken_from);
  EXPECT_EQ((*taken)->taken_from->worker_id, dead.worker_id);
  EXPECT_EQ((*taken)->taken_from->heartbeat, 10'900);

  // The presumed-dead worker wakes up: its build is refused, never written twice.
  Status late = FinishClaim(*db, dead, **first, 12'100);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().kind(), ErrorKind::kNotFound);
  EXPECT_NE(late.error().message().find("lost the claim"), std::string::npos);
  ASSERT_TRUE(FinishClaim(*db, alive, **taken, 12'200));

  auto history = store.History();
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].worker_id, dead.worker_id);
  EXPECT_EQ((*history)[0].outcome, "expired");
  EXPECT_EQ((*history)[0].finished_at, 12'000);
  EXPECT_EQ((*history)[1].worker_id, alive.worker_id);
  EXPECT_EQ((*history)[1].outcome, "ok");
  EXPECT_LE((*history)[0].finished_at, (*history)[1].claimed_at) << "claims never overlap";
  EXPECT_EQ(*store.LiveClaims(12'300), 0);
}

// A worker finishes a group in one transaction: one claim lost among them fails the whole
// statement group (the writer then writes each alone), naming the lost one; the others,
// finished alone, each get their own status.
TEST_P(ClaimStoreTest, AGroupFinishRefusesALostClaimAndRecordsEachStatus) {
  auto db = Db::Open(FreshDb("group"));
  ASSERT_TRUE(db);
  Queue(*db, {{"t", "2024-01-10", false, "missing"},
              {"t", "2024-01-11", false, "missing"},
              {"t", "2024-01-12", false, "missing"}});
  ClaimStore store(*db);
  const WorkerIdentity slow = Worker(1, 1000), other = Worker(2, 1000);
  auto held = store.ClaimBatch(slow, 10'000, 3);
  ASSERT_TRUE(held);
  ASSERT_EQ(held->size(), 3u);
  // The middle claim expires and is taken over; the other two stay the slow worker's.
  ASSERT_TRUE(db->Exec("UPDATE claims SET heartbeat = 1 WHERE game_date = '2024-01-11'"));
  auto taken = ClaimOne(store, other, 10'500);
  ASSERT_TRUE(taken && *taken);
  ASSERT_EQ((*taken)->partition.date, "2024-01-11");

  auto finish = [&](std::vector<FinishedClaim> finished) -> Status {
    BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(*db));
    BC_RETURN_IF_ERROR(store.Finish(slow, finished, 10'600));
    return txn.Commit();
  };
  const Claim &a = (*held)[0], &lost = (*held)[1], &c = (*held)[2];
  Status group = finish({{&a, PartitionStatus::kOk}, {&lost, PartitionStatus::kOk},
                         {&c, PartitionStatus::kPartial}});
  ASSERT_FALSE(group);
  EXPECT_EQ(group.error().kind(), ErrorKind::kNotFound);
  EXPECT_NE(group.error().message().find("t 2024-01-11"), std::string::npos)
      << group.error().message();
  EXPECT_EQ(store.Counts()->finished, 0) << "the failed group wrote nothing";

  ASSERT_TRUE(finish({{&a, PartitionStatus::kOk}}));
  ASSERT_TRUE(finish({{&c, PartitionStatus::kPartial}}));
  auto outcomes = db->Prepare("SELECT game_date, COALESCE(outcome, '-') FROM partition_queue "
                              "ORDER BY game_date");
  ASSERT_TRUE(outcomes);
  std::vector<std::string> seen;
  while (*outcomes->Step()) seen.push_back(outcomes->Text(0) + " " + outcomes->Text(1));
  EXPECT_EQ(seen, (std::vector<std::string>{"2024-01-10 ok", "2024-01-11 -",
                                            "2024-01-12 partial"}));
  auto claims = store.Claims();
  ASSERT_TRUE(claims);
  ASSERT_EQ(claims->size(), 1u) << "only the taken-over claim is left";
  EXPECT_EQ(claims->front().holder.worker_id, other.worker_id);
}

TEST_P(ClaimStoreTest, AReleasedClaimIsClaimableAgainAtOnce) {
  auto db = Db::Open(FreshDb("release"));
  ASSERT_TRUE(db);
  Queue(*db, {{"t", "2024-01-10", false, "missing"}});
  ClaimStore store(*db);
  auto first = ClaimOne(store, Worker(1), 1000);
  ASSERT_TRUE(first && *first);
  ASSERT_TRUE(store.Release(Worker(1), **first, 1001));
  auto again = ClaimOne(store, Worker(2), 1002);
  ASSERT_TRUE(again && *again);
  EXPECT_FALSE((*again)->taken_from);
  EXPECT_EQ(store.History()->front().outcome, "released");
}

// A batch holds only partitions runnable together, in plan order: never one whose queued
// upstream is unfinished (even when that upstream is in the same batch), never one claimed
// live by another worker; an expired claim in it is taken over.
TEST_P(ClaimStoreTest, ABatchHoldsOnlyPartitionsRunnableTogether) {
  auto db = Db::Open(FreshDb("batch"));
  ASSERT_TRUE(db);
  Queue(*db,
        {{"up", "2024-01-10", false, "missing"},
         {"down", "2024-01-10", false, "missing"},
         {"up", "2024-01-11", false, "missing"},
         {"other", "2024-01-11", false, "missing"},
         {"other", "2024-01-12", false, "missing"}},
        {{1, 0}});  // down 01-10 reads up 01-10
  ClaimStore store(*db);
  const WorkerIdentity a = Worker(1, 100), b = Worker(2), c = Worker(3);
  auto mine = ClaimOne(store, a, 1000);  // up 2024-01-10, to expire at 1100
  ASSERT_TRUE(mine && *mine);
  auto other = store.ClaimBatch(b, 1000, 1);  // up 2024-01-11
  ASSERT_TRUE(other);
  ASSERT_EQ(other->size(), 1u);
  auto batch = store.ClaimBatch(c, 1050, 10);
  ASSERT_TRUE(batch) << batch.error().message();
  std::vector<std::string> got;
  for (const Claim& claim : *batch)
    got.push_back(claim.partition.table + " " + claim.partition.date);
  EXPECT_EQ(got, (std::vector<std::string>{"other 2024-01-11", "other 2024-01-12"}))
      << "down waits for up; both ups are claimed live";
  auto later = store.ClaimBatch(c, 1200, 10);  // a's claim expired at 1100
  ASSERT_TRUE(later);
  ASSERT_EQ(later->size(), 1u);
  EXPECT_EQ(later->front().partition.table, "up");
  ASSERT_TRUE(later->front().taken_from);
  EXPECT_EQ(later->front().taken_from->worker_id, 1);
  auto none = store.ClaimBatch(c, 1201, 10);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty()) << "down still waits for up";
}

TEST_P(ClaimStoreTest, APartitionWaitsForEveryQueuedDateOfItsRanges) {
  auto db = Db::Open(FreshDb("ranges"));
  ASSERT_TRUE(db);
  // "down" 01-13 reads "up" on 01-10, 01-11 and 01-13 (01-12 is queued but not read; 01-09,
  // not queued, is fresh): it waits for exactly the three. Listed out of order, and twice.
  Queue(*db,
        {{"up", "2024-01-10", false, "missing"}, {"up", "2024-01-11", false, "missing"},
         {"up", "2024-01-12", false, "missing"}, {"up", "2024-01-13", false, "missing"},
         {"down", "2024-01-13", false, "missing"}},
        {{4, 3}, {4, 0}, {4, 1}, {4, 0}});
  ClaimStore store(*db);
  const WorkerIdentity w = Worker(1);
  std::map<std::string, Claim> held;
  for (int i = 0; i < 4; ++i) {
    auto claim = ClaimOne(store, w, 1000);
    ASSERT_TRUE(claim && *claim);
    EXPECT_EQ((*claim)->partition.table, "up");
    held.emplace((*claim)->partition.date, **claim);
  }
  auto waiting = ClaimOne(store, w, 1000);
  ASSERT_TRUE(waiting);
  EXPECT_FALSE(*waiting) << "down waits for its upstreams";
  for (const char* date : {"2024-01-10", "2024-01-13", "2024-01-12"}) {
    ASSERT_TRUE(FinishClaim(*db, w, held.at(date), 1001));
  }
  waiting = ClaimOne(store, w, 1002);
  ASSERT_TRUE(waiting);
  EXPECT_FALSE(*waiting) << "01-11 is in the range and unfinished";
  ASSERT_TRUE(FinishClaim(*db, w, held.at("2024-01-11"), 1003));
  auto down = ClaimOne(store, w, 1004);
  ASSERT_TRUE(down && *down);
  EXPECT_EQ((*down)->partition.table, "down");
}

TEST_P(ClaimStoreTest, ARunnablePartitionFarBehindABlockedHeadIsFound) {
  auto db = Db::Open(FreshDb("far"));
  ASSERT_TRUE(db);
  // 600 partitions that all wait for the first, then one that waits for nothing: with the
  // first claimed, only the last is runnable, far beyond the head of the queue.
  std::vector<QueuedPartition> partitions = {{"up", "2024-01-01", false, "missing"}};
  std::vector<QueueDependency> deps;
  for (int i = 0; i < 600; ++i) {
    const std::string table = fmt::format("down{}", i);
    partitions.push_back({table, "2024-01-01", false, "missing"});
    deps.push_back({partitions.size() - 1, 0});  // reads "up"
  }
  partitions.push_back({"last", "2024-01-01", false, "missing"});
  Queue(*db, partitions, deps);
  ClaimStore store(*db);
  auto up = ClaimOne(store, Worker(1), 1000);
  ASSERT_TRUE(up && *up);
  EXPECT_EQ((*up)->partition.table, "up");
  auto last = ClaimOne(store, Worker(2), 1000);
  ASSERT_TRUE(last && *last);
  EXPECT_EQ((*last)->partition.table, "last");
}


// Claims are compared in the database's clock, in Unix milliseconds: on this one machine
// it agrees with the local clock to well under a second (a unit slip, seconds or
// microseconds, would be off by years).
TEST_P(ClaimStoreTest, TheClaimClockIsTheDatabasesInMilliseconds) {
  auto db = Db::Open(FreshDb("clock"));
  ASSERT_TRUE(db) << db.error().message();
  const int64_t before = UnixMillis();
  auto database = ClaimStore(*db).DatabaseMillis();
  ASSERT_TRUE(database) << database.error().message();
  EXPECT_GE(*database, before - 1000);
  EXPECT_LE(*database, UnixMillis() + 1000);
  ClaimClock clock;
  ASSERT_TRUE(clock.Sync(*db));
  EXPECT_LT(std::abs(clock.offset()), 1000);
  EXPECT_LT(std::abs(clock.Now() - UnixMillis()), 1000);
}

BC_INSTANTIATE_BACKENDS(ClaimStoreTest);

}  // namespace
}  // namespace backcourt
