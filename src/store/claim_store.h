#pragma once
// The queue of a multi-process backfill (`backfill --queue`, `worker`): the planned
// partitions with what each waits for, the workers, their live claims (one per partition,
// refreshed by a heartbeat) and the append-only history of every claim. Times are unix
// milliseconds. Portable SQL only: the same statements run on SQLite and PostgreSQL.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/partition_status.h"

namespace backcourt {

struct QueuedPartition {
  std::string table, date;
  bool no_games = false;  // recorded as no_games, nothing built
  std::string why;        // the planner's reason (missing, stale (...), ...)
};

// Indices into the queued partitions: `partition` reads `dep` (a season-to-date build reads
// hundreds of dates, so a full range queues about a million of these).
struct QueueDependency {
  size_t partition = 0, dep = 0;
};

// A read outside the queue that is stale: the partitions reading it are blocked, with `why`.
struct OutsideRead {
  std::string table, date, why;
};

// Who claims: a worker is one `backcourt worker` process (its id is its runs row).
struct WorkerIdentity {
  int64_t worker_id = 0;
  std::string host;
  int64_t pid = 0;
  int64_t expiry_ms = 60000;  // its claims expire this long after its last heartbeat
};

struct ClaimHolder {
  int64_t worker_id = 0;
  std::string host;
  int64_t pid = 0;
  int64_t claimed_at = 0, heartbeat = 0, expiry = 0;
};

struct Claim {
  QueuedPartition partition;
  int64_t claimed_at = 0;
  std::optional<ClaimHolder> taken_from;  // an expired claim this one replaced
};

struct FinishedClaim {
  const Claim* claim = nullptr;
  PartitionStatus status = PartitionStatus::kOk;
};

struct LiveClaim {
  std::string table, date;
  ClaimHolder holder;
};

struct WorkerRow {
  WorkerIdentity identity;
  int64_t started_at = 0, heartbeat = 0;
};

struct ClaimHistoryRow {
  int64_t worker_id = 0;
  std::string host;
  int64_t pid = 0;
  std::string table, date;
  int64_t claimed_at = 0, finished_at = 0;
  std::string outcome;  // a partition status, "expired" (taken over) or "released"
};

struct QueueCounts {
  int64_t queued = 0;    // not finished (claimed or not)
  int64_t finished = 0;  // recorded by a worker
  int64_t claimed = 0;   // claims, live or expired
};

class ClaimStore {
 public:
  explicit ClaimStore(Db& db) : db_(db) {}

  // Replaces the queue (the caller owns the transaction and has checked no claim is live).
  Status ReplaceQueue(int64_t run_id, const std::vector<QueuedPartition>& partitions,
                      const std::vector<QueueDependency>& deps,
                      const std::vector<OutsideRead>& outside);
  // Every queued partition key (finished or not) and the stale reads outside the queue.
  Result<std::vector<QueuedPartition>> QueuedKeys();
  Result<std::vector<OutsideRead>> OutsideReads();
  Result<QueueCounts> Counts();
  // Claims whose heartbeat is within their expiry at `now`.
  Result<int64_t> LiveClaims(int64_t now);

  // Claims up to `max` queued partitions, the first in plan order that are not finished,
  // whose queued dependencies are all finished, and that no live claim holds (so none of
  // them waits for another: they build in any order); an expired claim is taken over (and
  // its history row written with outcome "expired"). Runs in its own transaction. On
  // PostgreSQL the candidates are locked FOR UPDATE SKIP LOCKED, so concurrent claimers pass
  // each other by; SQLite's BEGIN IMMEDIATE serializes claimers instead.
  Result<std::vector<Claim>> ClaimBatch(const WorkerIdentity& worker, int64_t now, int64_t max);
  // Inside the caller's transaction (with the partitions' rows and records): fails with
  // kNotFound when a claim is no longer this worker's (it expired and was taken over: the
  // caller must roll back), else marks each partition finished with its status, drops the
  // claims and appends their history. A few statements for the whole group, not per claim.
  Status Finish(const WorkerIdentity& worker, const std::vector<FinishedClaim>& finished,
                int64_t now);
  // Gives a claim back unfinished (the worker is stopping); appends "released".
  Status Release(const WorkerIdentity& worker, const Claim& claim, int64_t now);

  // The database's clock in Unix milliseconds: the server's on PostgreSQL (this machine's on
  // SQLite), the one clock the claims of every host are compared in.
  Result<int64_t> DatabaseMillis();

  Status RegisterWorker(const WorkerIdentity& worker, int64_t now);
  // Refreshes the worker's heartbeat and that of every claim it holds.
  Status Heartbeat(int64_t worker_id, int64_t now);
  Status FinishWorker(int64_t worker_id, int64_t now);
  // Workers not finished (live or presumed dead: compare heartbeat + expiry with now).
  Result<std::vector<WorkerRow>> Workers();
  Result<std::vector<LiveClaim>> Claims();
  Result<std::vector<ClaimHistoryRow>> History();

 private:
  struct ClaimAttempt {
    std::vector<Claim> claims;
    bool raced = false;  // a candidate turned out to hold a live claim
  };
  Result<ClaimAttempt> TryClaim(const WorkerIdentity& worker, int64_t now, int64_t max);
  // The claims of the given partitions, by (table, date); locked to the end of the
  // transaction on PostgreSQL.
  Result<std::map<std::pair<std::string, std::string>, ClaimHolder>> Holders(
      const std::vector<const QueuedPartition*>& partitions);
  Db& db_;
};

}  // namespace backcourt
