#include "engine/task_build.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "core/progress.h"

namespace backcourt {

using Clock = std::chrono::steady_clock;

// Why the task may not run: an upstream partition it reads is not built (this run) or not
// fresh (outside this run). A partial upstream is built: its gaps propagate game by game.
// Called with mu_ held.
std::string TaskBuilder::Gate(const Task& task) {
  // A season-to-date task checks only the dates after those an earlier one of its table and
  // season passed (they stay done for the run).
  std::string* passed = task.processor->window() == ReadWindow::kSeasonToDate
                            ? &season_gate_[{task.processor->name(), task.season}]
                            : nullptr;
  for (const PartitionKey& read :
       lineage_.Reads(*task.processor, task.date, passed ? *passed : "")) {
    if (std::string why = GateRead(read); !why.empty()) return why;
  }
  if (passed != nullptr) *passed = std::max(*passed, task.date);
  return "";
}

std::string TaskBuilder::GateRead(const PartitionKey& read) const {
  if (!lineage_.HasGames(read.date)) return "";
  const PartitionRecord* record = lineage_.Find(read.table, read.date);
  if (record == nullptr || !IsBuilt(record->status)) {
    return fmt::format("upstream {} {} is {}", read.table, read.date,
                       record ? ToString(record->status) : "missing");
  }
  if (!run_set_.count(read)) {
    auto it = outside_.find(read);
    if (it != outside_.end() && !it->second.empty()) {
      return fmt::format("upstream {} {} is {}", read.table, read.date, it->second);
    }
  }
  return "";
}

// Builds with retries of transient errors (exponential backoff with jitter).
Result<std::unique_ptr<PartitionOutput>> TaskBuilder::BuildWithRetries(const Task& task, Db& db,
                                                                       int64_t& retries) {
  std::mt19937 jitter(std::hash<std::string>{}(task.date));
  for (int attempt = 1;; ++attempt) {
    Result<std::unique_ptr<PartitionOutput>> output =
        tl::unexpected(Error(ErrorKind::kInternal, ""));
    Status injected =
        options_.fault ? options_.fault(std::string(task.processor->name()), task.date, attempt)
                       : Status{};
    if (!injected) {
      output = tl::unexpected(injected.error());
    } else {
      output = BuildOnce(task, db);
    }
    if (output || !output.error().retryable() || attempt >= options_.max_attempts) {
      if (!output && output.error().retryable()) {
        return Fail(output.error().kind(), fmt::format("after {} attempts: {}", attempt,
                                                       output.error().message()));
      }
      return output;
    }
    ++retries;
    const int base_ms = 20 << std::min(attempt, 8);
    std::this_thread::sleep_for(std::chrono::milliseconds(
        base_ms + std::uniform_int_distribution<int>(0, base_ms)(jitter)));
  }
}

Result<std::unique_ptr<PartitionOutput>> TaskBuilder::BuildOnce(const Task& task, Db& db) {
  static const ResolvedInputs kNone;
  if (!task.processor->reads_raw()) {
    return task.processor->Build(BuildContext{db, kNone}, task.date);
  }
  BC_ASSIGN_OR_RETURN(SeasonInputs::Inputs inputs, inputs_(task.date));
  return task.processor->Build(BuildContext{db, *inputs}, task.date);
}

PartitionWrite TaskBuilder::Run(size_t index, const Task& task, ConnectionPool& pool,
                                int64_t run_id) {
  const auto start = Clock::now();
  auto record = [&](PartitionStatus status, std::unique_ptr<PartitionOutput> output,
                    const std::string& note, int64_t retries) {
    return Record(index, task, status, std::move(output), note, retries, SecondsSince(start), run_id);
  };
  if (task.action == PlanAction::kNoGames) {
    return record(PartitionStatus::kNoGames, nullptr, "", 0);
  }
  std::string gate;
  {
    std::lock_guard lock(mu_);
    gate = Gate(task);
  }
  if (!gate.empty()) return record(PartitionStatus::kBlocked, nullptr, gate, 0);
  Result<ConnectionPool::Lease> db = pool.Borrow();
  if (!db) return record(PartitionStatus::kFailed, nullptr, db.error().message(), 0);
  int64_t retries = 0;
  auto output = BuildWithRetries(task, **db, retries);
  if (!output) {
    return record(PartitionStatus::kFailed, nullptr, output.error().message(), retries);
  }
  const size_t gaps = (*output)->gaps.size();
  if (gaps == 0) return record(PartitionStatus::kOk, std::move(*output), "", retries);
  const PartitionGap& first = (*output)->gaps.front();
  return record(PartitionStatus::kPartial, std::move(*output),
                fmt::format("{} team-game(s) not built, e.g. {} {}: {}", gaps, first.game_id,
                            first.team, first.reason),
                retries);
}

// The partition's record, to be written with its rows and gaps (built) or alone (failed
// or blocked: it then keeps the data version and row count of the last good build, whose
// rows stay).
PartitionWrite TaskBuilder::Record(size_t index, const Task& task, PartitionStatus status,
                                   std::unique_ptr<PartitionOutput> output,
                                   const std::string& note, int64_t retries,
                                   double build_seconds, int64_t run_id) {
  PartitionWrite write{index, {}, std::move(output), retries, build_seconds};
  PartitionRecord& record = write.record;
  record.table_name = std::string(task.processor->name());
  record.game_date = task.date;
  record.status = status;
  record.processor_version = std::string(task.processor->version());
  record.rows = write.output ? static_cast<int64_t>(write.output->rows()) : 0;
  record.data_version = write.output ? write.output->DataVersion() : "";
  record.last_error = note;
  record.run_id = run_id;
  {
    std::lock_guard lock(mu_);
    record.input_fingerprint = lineage_.Fingerprint(*task.processor, task.date);
    const PartitionRecord* existing = lineage_.Find(record.table_name, task.date);
    record.attempts = (existing ? existing->attempts : 0) + 1 + retries;
    if (!write.output && status != PartitionStatus::kNoGames && existing != nullptr) {
      record.rows = existing->rows;
      record.data_version = existing->data_version;
    }
  }
  record.finished_at = UtcNow();
  record.started_at = record.finished_at;
  return write;
}

}  // namespace backcourt
