#pragma once
// Connections for builds: each worker reads through its own (SQLite connections are not
// shared between threads); writes all go through the one writer connection.
#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

// Build threads for `db`: `requested` when above 0, else the machine's cores; one for an
// in-memory database (it has one connection).
inline size_t WorkerCount(const Db& db, int requested) {
  if (db.path() == ":memory:") return 1;
  if (requested > 0) return static_cast<size_t>(requested);
  return std::max(1u, std::thread::hardware_concurrency());
}

class ConnectionPool {
 public:
  // A connection for one scope, given back to the pool when the lease ends.
  class Lease {
   public:
    Lease(ConnectionPool& pool, Db* db) : pool_(&pool), db_(db) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), db_(std::exchange(other.db_, nullptr)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (db_ != nullptr) pool_->Release(db_);
    }
    Db& operator*() const { return *db_; }

   private:
    ConnectionPool* pool_;
    Db* db_;
  };

  explicit ConnectionPool(Db& writer) : writer_(writer) {}
  Result<Lease> Borrow() {
    BC_ASSIGN_OR_RETURN(Db * db, Acquire());
    return Lease(*this, db);
  }

 private:
  Result<Db*> Acquire() {
    if (writer_.path() == ":memory:") return &writer_;
    std::lock_guard lock(mu_);
    if (!free_.empty()) {
      Db* db = free_.back();
      free_.pop_back();
      return db;
    }
    BC_ASSIGN_OR_RETURN(Db db, Db::Open(writer_.path()));
    owned_.push_back(std::make_unique<Db>(std::move(db)));
    return owned_.back().get();
  }
  void Release(Db* db) {
    if (db == &writer_) return;
    std::lock_guard lock(mu_);
    free_.push_back(db);
  }

  Db& writer_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Db>> owned_;
  std::vector<Db*> free_;
};

}  // namespace backcourt
