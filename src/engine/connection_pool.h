#pragma once
// Connections for builds: each worker reads through its own (SQLite connections are not
// shared between threads); writes all go through the one writer connection.
#include <memory>
#include <mutex>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

class ConnectionPool {
 public:
  explicit ConnectionPool(Db& writer) : writer_(writer) {}
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

 private:
  Db& writer_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Db>> owned_;
  std::vector<Db*> free_;
};

}  // namespace backcourt
