#include "engine/partition_writer.h"

#include <pthread.h>

#include <chrono>

#include "core/progress.h"

namespace backcourt {

using Clock = std::chrono::steady_clock;

PartitionWriter::PartitionWriter(Db& db, int max_attempts, bool threaded, Done done,
                                 AlsoWrite also)
    : db_(db), max_attempts_(max_attempts), done_(std::move(done)), also_(std::move(also)) {
  if (threaded) {
    thread_ = std::thread([this] {
      pthread_setname_np(pthread_self(), "backcourt-write");
      Loop();
    });
  }
}

void PartitionWriter::Submit(PartitionWrite write) {
  if (!thread_.joinable()) {
    std::vector<PartitionWrite> batch;
    batch.push_back(std::move(write));
    return WriteBatch(batch);
  }
  std::unique_lock lock(mu_);
  // Builds that run ahead of the writer wait: memory stays bounded and the CPU goes to it.
  space_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
  queue_.push_back(std::move(write));
  cv_.notify_one();
}

void PartitionWriter::Close() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    closing_ = true;
    cv_.notify_one();
  }
  thread_.join();
}

void PartitionWriter::Loop() {
  std::vector<PartitionWrite> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;
      batch.swap(queue_);
    }
    space_.notify_all();
    WriteBatch(batch);
    batch.clear();
  }
}

void PartitionWriter::WriteBatch(std::vector<PartitionWrite>& batch) {
  std::vector<double> seconds(batch.size(), 0.0);
  Status status;
  for (int attempt = 1;; ++attempt) {
    status = WriteOnce(batch, seconds);
    if (status || !status.error().retryable() || attempt >= max_attempts_) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50 << std::min(attempt, 8)));
  }
  // One partition that cannot be written (a worker's lost claim, a row the database
  // refuses) must not take the others of its transaction with it: each is written alone.
  if (!status && !status.error().retryable() && batch.size() > 1) {
    for (PartitionWrite& write : batch) {
      std::vector<PartitionWrite> alone;
      alone.push_back(std::move(write));
      WriteBatch(alone);
    }
    return;
  }
  for (size_t i = 0; i < batch.size(); ++i) done_(batch[i], status, seconds[i]);
}

Status PartitionWriter::WriteOnce(std::vector<PartitionWrite>& batch,
                                  std::vector<double>& seconds) {
  PartitionStore partitions(db_);
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  if (also_) BC_RETURN_IF_ERROR(also_(db_, batch));
  // Asked within the transaction, so no other writer can change the answer before it commits.
  std::vector<const PartitionRecord*> built;
  for (const PartitionWrite& write : batch) {
    if (write.output != nullptr) built.push_back(&write.record);
  }
  BC_ASSIGN_OR_RETURN(std::vector<bool> held, partitions.HoldsRows(built));
  size_t next_held = 0;
  for (PartitionWrite& write : batch) {
    write.rows_kept = write.output != nullptr ? held[next_held++] : false;
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    const auto start = Clock::now();
    const PartitionRecord& record = batch[i].record;
    if (batch[i].output != nullptr) {
      if (!batch[i].rows_kept) {  // kept: the stored rows and gaps are the ones built
        BC_RETURN_IF_ERROR(batch[i].output->Write(db_, record.game_date));
        BC_RETURN_IF_ERROR(
            partitions.ReplaceGaps(record.table_name, record.game_date, batch[i].output->gaps));
      }
    } else if (record.status == PartitionStatus::kNoGames) {
      BC_RETURN_IF_ERROR(partitions.DeletePartition(record.table_name, record.game_date));
    }
    // A failed or blocked rebuild writes only its record: the last good rows stay.
    BC_RETURN_IF_ERROR(partitions.Upsert(record));
    seconds[i] = SecondsSince(start);
  }
  const auto start = Clock::now();
  BC_RETURN_IF_ERROR(txn.Commit());
  const double share = SecondsSince(start) / static_cast<double>(batch.size());
  for (double& s : seconds) s += share;
  return {};
}

}  // namespace backcourt
