#pragma once
// The single writer of a backfill. Workers hand it built partitions; one thread writes them
// with group commit: whatever was queued while a transaction committed goes into the next
// transaction, each partition's rows together with its record. The commit cost is shared
// by the batch, and a crash still never leaves half a partition. Rows the database already
// holds (same data version and row count) are not written again: only the record is. A
// transaction that fails is tried again one partition per transaction, so only the partition
// at fault fails.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/partition_store.h"
#include "tables/processor.h"

namespace backcourt {

struct PartitionWrite {
  size_t task = 0;                          // the caller's id for the partition
  PartitionRecord record;                   // written with the rows
  // The rows and gaps. Null for no_games (the date's rows go) and for failed or blocked (the
  // last good rows stay: only the record is written).
  std::unique_ptr<PartitionOutput> output;
  int64_t retries = 0;                      // build attempts retried, for the summary
  double build_seconds = 0;
  // Set by the writer: the database already held exactly the built rows and gaps (a rebuild
  // that changed nothing), so only the record was written.
  bool rows_kept = false;
};

class PartitionWriter {
 public:
  // Called after each transaction, in submission order, for each partition in it: the
  // transaction's outcome and the partition's share of the write time.
  using Done = std::function<void(PartitionWrite&, const Status&, double write_seconds)>;

  // Written first in each transaction, for the partitions it writes, before their rows and
  // records (a worker's claim checks and bookkeeping, which on PostgreSQL lock the claims so
  // no other worker writes the partitions meanwhile); an error rolls the transaction back.
  using AlsoWrite = std::function<Status(Db&, const std::vector<PartitionWrite>&)>;

  // threaded = false writes on the submitting thread (an in-memory database has one
  // connection). Busy-database errors are retried up to max_attempts times.
  PartitionWriter(Db& db, int max_attempts, bool threaded, Done done, AlsoWrite also = {});
  ~PartitionWriter() { Close(); }
  PartitionWriter(const PartitionWriter&) = delete;
  PartitionWriter& operator=(const PartitionWriter&) = delete;

  void Submit(PartitionWrite write);
  // Writes everything submitted, then stops the writer thread.
  void Close();

 private:
  void Loop();
  void WriteBatch(std::vector<PartitionWrite>& batch);
  Status WriteOnce(std::vector<PartitionWrite>& batch, std::vector<double>& seconds);

  Db& db_;
  const int max_attempts_;
  const Done done_;
  const AlsoWrite also_;
  std::mutex mu_;
  static constexpr size_t kMaxQueued = 256;  // partitions built and waiting for the writer
  std::condition_variable cv_, space_;
  std::vector<PartitionWrite> queue_;
  bool closing_ = false;
  std::thread thread_;
};

}  // namespace backcourt
