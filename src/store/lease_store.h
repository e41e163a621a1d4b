#pragma once
// The backfill lease: one row naming the process that may write derived tables.
#include <optional>
#include <string>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

struct LeaseHolder {
  int64_t pid = 0;
  std::string host;
  int64_t heartbeat = 0;  // unix seconds
  std::string command;
};

class LeaseStore {
 public:
  explicit LeaseStore(Db& db) : db_(db) {}
  Result<std::optional<LeaseHolder>> Holder();
  // Replaces the lease row (the caller decided the previous holder is gone).
  Status Take(const LeaseHolder& holder);
  Status Heartbeat(int64_t pid, const std::string& host, int64_t now);
  Status Release(int64_t pid, const std::string& host);
  // Backfill runs still `running` get `outcome` and a finish time; returns how many.
  Result<int64_t> CloseRunningRuns(const std::string& outcome);

 private:
  Db& db_;
};

}  // namespace backcourt
