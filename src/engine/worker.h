#pragma once
// `backcourt worker`: one of several processes (on one host or many) that build the
// partitions `backfill --queue` recorded. Each claims a few runnable partitions at a time
// (their queued upstreams all finished, no live claim on them), builds them with the
// backfill's TaskBuilder, and writes each one's rows, record and claim bookkeeping in one
// transaction (group commit: the partitions built meanwhile share it). A
// heartbeat thread keeps the worker's claims alive; a claim whose heartbeat is older than
// its expiry is taken over by the next claimer. The one-writer lease of a plain backfill is
// replaced by these per-partition claims: a plain backfill refuses while claims are live,
// and a worker waits while a plain backfill holds the lease.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/backfill.h"
#include "store/db.h"
#include "tables/registry.h"

namespace backcourt {

struct WorkerOptions {
  double max_idle_seconds = 10;     // exit once nothing is runnable or claimed this long
  double heartbeat_seconds = 5;     // how often this worker's claims are refreshed
  double claim_expiry_seconds = 60;  // this worker's claims expire this long after a beat
  int max_attempts = 5;             // for transient errors, as in backfill
  int64_t claim_batch = 16;         // partitions claimed per claim transaction
  int threads = 0;                  // build threads (0: the machine's cores)
  bool verbose = false;             // one log line per partition
  std::string command_line;         // recorded in runs
  const std::atomic<bool>* stop = nullptr;  // SIGINT/SIGTERM: finish the partition, exit
  // Test seams: a fault as BackfillOptions::fault, and a pause after the first claim (so a
  // test can kill -9 a worker that holds a claim).
  std::function<Status(const std::string& table, const std::string& date, int attempt)> fault;
  double pause_after_first_claim_seconds = 0;
};

struct WorkerResult {
  int64_t worker_id = 0;                   // its runs row
  std::map<PartitionStatus, int64_t> recorded;  // partitions this worker recorded, by status
  int64_t rows = 0;
  int64_t kept = 0;                        // built exactly as stored: only the record written
  int64_t taken_over = 0;                  // expired claims of other workers it took
  int64_t lost = 0;                        // builds discarded: its claim had been taken over
  std::vector<FailedPartition> failures;   // failed and blocked, with why
  int64_t queue_left = 0;                  // queued partitions not finished when it exited
  std::string first_date, last_date;       // the queue's dates (for `validate`)
  bool interrupted = false;
  double seconds = 0;
  bool passed() const { return failures.empty() && lost == 0 && !interrupted; }
};

// Unix time in milliseconds by this machine's clock.
int64_t UnixMillis();

// The clock of claims and heartbeats: Unix milliseconds by the database's clock
// (ClaimStore::DatabaseMillis), so that workers on hosts whose clocks differ judge each
// other's heartbeats alike: a host whose clock runs ahead must not take over live claims,
// nor one behind keep expired ones. The offset to this machine's clock is measured by Sync.
class ClaimClock {
 public:
  Status Sync(Db& db);
  int64_t Now() const { return UnixMillis() + offset_.load(); }
  int64_t offset() const { return offset_.load(); }

 private:
  std::atomic<int64_t> offset_{0};
};

// Runs one worker on the database file `db` (not ":memory:"), logging to `log`.
Result<WorkerResult> RunWorker(Db& db, const Registry& registry, const WorkerOptions& options,
                               std::ostream& log);

// An error naming the live workers when any holds a claim on `db`: a plain backfill must
// not write partitions they are building.
Status RefuseWhileWorkersClaim(Db& db);

}  // namespace backcourt
