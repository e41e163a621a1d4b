#pragma once
// One backfill at a time may write a database. The holder is named by pid and host and keeps
// a heartbeat; a second backfill is refused with the holder's name, and a dead holder's lease
// (its pid gone on this host, or no heartbeat for a minute from another host) is taken over.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

class Lease {
 public:
  // Takes the lease on the database at `path` or explains who holds it.
  static Result<std::unique_ptr<Lease>> Acquire(const std::string& path,
                                                const std::string& command);
  ~Lease();  // stops the heartbeat and releases the lease
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

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
