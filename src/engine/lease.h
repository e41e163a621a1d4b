#pragma once
// One backfill at a time may write a database. The holder is named by pid and host and keeps
// a heartbeat (every 5 s). A lease is taken over when its heartbeat is older than the expiry
// (60 s), on any host: after a crash the pid may have been reused by another process, so a
// live pid alone proves nothing. On this host a fresh lease whose pid is gone is taken over
// too. `--break-lease` takes it whatever its state, with a warning.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

inline constexpr int64_t kLeaseExpirySeconds = 60;

// The lease as `status` shows it.
struct LeaseInfo {
  int64_t pid = 0;
  std::string host, command;
  int64_t heartbeat_age_seconds = 0;
  bool expired = false;  // heartbeat older than kLeaseExpirySeconds: the next backfill takes it
};

// This host's name, as leases and worker claims record it.
std::string HostName();

// The current lease of `db`, if any. Reads only.
Result<std::optional<LeaseInfo>> CurrentLease(Db& db);
// One line for `status`: "Lease: none" or who holds it and since when.
std::string LeaseLine(const std::optional<LeaseInfo>& lease);

struct LeaseOptions {
  bool break_lease = false;      // take the lease even from a live holder
  std::ostream* warn = nullptr;  // where the take-over of a lease is reported
};

class Lease {
 public:
  // Takes the lease on the database at `path` or explains who holds it. Once taken, runs
  // left `running` by a dead backfill are marked `interrupted`.
  static Result<std::unique_ptr<Lease>> Acquire(const std::string& path,
                                                const std::string& command,
                                                const LeaseOptions& options = {});
  ~Lease();  // stops the heartbeat and releases the lease
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  // While holding the lease: marks this database's backfill runs still `running` (ours,
  // after a fatal error) with `outcome`.
  Status CloseRunningRuns(const std::string& outcome);

 private:
  Lease(Db db, int64_t pid, std::string host);
  void HeartbeatLoop();

  Db db_;
  int64_t pid_;
  std::string host_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread heartbeat_;
};

}  // namespace backcourt
