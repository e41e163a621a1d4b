#include "engine/worker.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "core/progress.h"
#include "engine/connection_pool.h"
#include "engine/lease.h"
#include "engine/lineage.h"
#include "engine/partition_writer.h"
#include "engine/planner.h"
#include "engine/resolved_schedule.h"
#include "engine/scheduler.h"
#include "engine/season_inputs.h"
#include "engine/task_build.h"
#include "store/claim_store.h"
#include "store/partition_store.h"

namespace backcourt {
namespace {

constexpr const char* kCodeVersion = "backcourt " BACKCOURT_VERSION;
constexpr auto kPoll = std::chrono::milliseconds(100);
// Resolved seasons a worker keeps: claims go in date order, so the season before is rarely
// needed again.
constexpr size_t kSeasonsKept = 2;

using Clock = std::chrono::steady_clock;

int64_t Millis(double seconds) { return static_cast<int64_t>(seconds * 1000.0); }

// Refreshes this worker's heartbeat (and its claims') on its own connection, so a long
// build never lets its claim expire; measures the database clock's offset again first.
class Heartbeat {
 public:
  Heartbeat(Db db, int64_t worker_id, double every_seconds, ClaimClock& clock)
      : db_(std::move(db)), worker_id_(worker_id), every_(Millis(every_seconds)), clock_(clock) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~Heartbeat() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Heartbeat(const Heartbeat&) = delete;
  Heartbeat& operator=(const Heartbeat&) = delete;

 private:
  void Loop() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, every_, [this] { return done_; })) {
      // A missed beat (database busy) is harmless: the expiry spans several beats.
      (void)clock_.Sync(db_);
      (void)ClaimStore(db_).Heartbeat(worker_id_, clock_.Now());
    }
  }

  Db db_;
  const int64_t worker_id_;
  const std::chrono::milliseconds every_;
  ClaimClock& clock_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

bool SameRecord(const PartitionRecord& a, const PartitionRecord& b) {
  return a.status == b.status && a.data_version == b.data_version &&
         a.input_fingerprint == b.input_fingerprint &&
         a.processor_version == b.processor_version && a.attempts == b.attempts &&
         a.rows == b.rows;
}

class Worker {
 public:
  Worker(Db& db, const Registry& registry, const WorkerOptions& options, std::ostream& log,
         WorkerResult& result)
      : db_(db), registry_(registry), options_(options), log_(log), result_(result), pool_(db) {
    build_options_.max_attempts = options.max_attempts;
    build_options_.fault = options.fault;
  }

  Status Run() {
    const auto start = Clock::now();
    PartitionStore partitions(db_);
    BC_ASSIGN_OR_RETURN(identity_.worker_id,
                        partitions.StartRun("worker", options_.command_line, kCodeVersion));
    result_.worker_id = identity_.worker_id;
    identity_.host = HostName();
    identity_.pid = getpid();
    identity_.expiry_ms = Millis(options_.claim_expiry_seconds);
    BC_RETURN_IF_ERROR(clock_.Sync(db_));
    if (std::abs(clock_.offset()) >= 1000) {
      Log("worker {}: this host's clock is {:.1f} s {} the database's; claims and heartbeats "
          "use the database's\n",
          identity_.worker_id, static_cast<double>(std::abs(clock_.offset())) / 1000.0,
          clock_.offset() > 0 ? "behind" : "ahead of");
    }
    BC_RETURN_IF_ERROR(ClaimStore(db_).RegisterWorker(identity_, clock_.Now()));
    BC_ASSIGN_OR_RETURN(Db beat_db, Db::Open(db_.path()));
    // Builds are written on a thread and connection of their own while the next claims are
    // built: whatever was built meanwhile goes into one transaction (group commit).
    BC_ASSIGN_OR_RETURN(Db write_db, Db::Open(db_.path()));
    Status status;
    {
      Heartbeat heartbeat(std::move(beat_db), identity_.worker_id, options_.heartbeat_seconds,
                          clock_);
      PartitionWriter writer(
          write_db, options_.max_attempts, /*threaded=*/true,
          [this](PartitionWrite& write, const Status& s, double) { Committed(write, s); },
          [this](Db& db, const std::vector<PartitionWrite>& writes) {
            std::vector<FinishedClaim> finished;
            for (const PartitionWrite& write : writes) {
              finished.push_back({&ClaimOf(write.task), write.record.status});
            }
            return ClaimStore(db).Finish(identity_, finished, clock_.Now());
          });
      status = Loop(writer);
      writer.Close();
      if (status) status = WriteError();
    }
    BC_ASSIGN_OR_RETURN(QueueCounts counts, ClaimStore(db_).Counts());
    result_.queue_left = counts.queued;
    result_.interrupted = Stopping();
    result_.seconds = SecondsSince(start);
    BC_RETURN_IF_ERROR(ClaimStore(db_).FinishWorker(identity_.worker_id, clock_.Now()));
    const std::string outcome = !status                ? "failed"
                                : result_.interrupted ? "interrupted"
                                : result_.passed()    ? "pass"
                                                      : "fail";
    BC_RETURN_IF_ERROR(partitions.FinishRun(identity_.worker_id, outcome));
    return status;
  }

 private:
  bool Stopping() const { return options_.stop != nullptr && options_.stop->load(); }

  // One line of the log, whole and flushed (the writer thread logs too).
  template <class... Args>
  void Log(fmt::format_string<Args...> format, Args&&... args) {
    std::lock_guard lock(log_mu_);
    fmt::print(log_, format, std::forward<Args>(args)...);
    log_.flush();
  }

  Status Loop(PartitionWriter& writer) {
    auto idle_since = Clock::now();
    bool waiting_logged = false;
    while (!Stopping() && WriteError()) {
      auto claimed = ClaimStore(db_).ClaimBatch(identity_, clock_.Now(), options_.claim_batch);
      if (!claimed && !claimed.error().retryable()) return tl::unexpected(claimed.error());
      if (claimed && !claimed->empty()) {
        idle_since = Clock::now();
        BC_ASSIGN_OR_RETURN(bool go, Waited(*claimed, waiting_logged));
        if (go) BC_RETURN_IF_ERROR(ProcessAll(std::move(*claimed), writer));
        continue;
      }
      BC_ASSIGN_OR_RETURN(QueueCounts counts, ClaimStore(db_).Counts());
      if (counts.queued > 0 || counts.claimed > 0) {
        idle_since = Clock::now();  // others build what the rest waits for
      } else if (SecondsSince(idle_since) >= options_.max_idle_seconds) {
        break;
      }
      std::this_thread::sleep_for(kPoll);
    }
    return {};
  }

  // A plain backfill holding the lease writes the same partitions: the claims are given
  // back and the worker waits. (The backfill checks for live claims after taking its lease,
  // and the worker for the lease after claiming, so one of the two always sees the other.)
  Result<bool> Waited(const std::vector<Claim>& claims, bool& logged) {
    BC_ASSIGN_OR_RETURN(auto lease, CurrentLease(db_));
    if (!lease || lease->expired) {
      logged = false;
      return true;
    }
    if (!logged) {
      Log("worker {}: waiting: a backfill (pid {} on {}) holds the lease of {}\n",
          identity_.worker_id, lease->pid, lease->host, db_.path());
      logged = true;
    }
    BC_RETURN_IF_ERROR(ReleaseAll(claims));
    std::this_thread::sleep_for(kPoll * 5);
    return false;
  }

  Status ReleaseAll(const std::vector<Claim>& claims) {
    ClaimStore store(db_);
    for (const Claim& claim : claims) {
      BC_RETURN_IF_ERROR(store.Release(identity_, claim, clock_.Now()));
    }
    return {};
  }

  // Builds a batch of claims on options_.threads threads (they are independent: each was
  // runnable when claimed). Stopping, the claims not yet started are given back, not left
  // to expire.
  Status ProcessAll(std::vector<Claim> claims, PartitionWriter& writer) {
    for (const Claim& claim : claims) {
      if (!lineage_ || !run_set_.count({claim.partition.table, claim.partition.date})) {
        BC_RETURN_IF_ERROR(LoadQueue());
      }
    }
    std::vector<Task> tasks;
    for (const Claim& claim : claims) {
      const QueuedPartition& p = claim.partition;
      const Processor* processor = registry_.Find(p.table);
      if (processor == nullptr) {
        return InvalidInput(fmt::format("the queue holds table '{}', which this backcourt does "
                                        "not build: queue again with backfill --queue",
                                        p.table));
      }
      tasks.push_back({processor, p.date, Season::OfIso(p.date).value_or(Season(0)),
                       p.no_games ? PlanAction::kNoGames : PlanAction::kRun, p.why});
    }
    BC_RETURN_IF_ERROR(Refresh(tasks));
    std::vector<char> started(claims.size(), 0);
    Status failed;
    std::mutex failed_mu;
    Dag batch(std::vector<std::vector<size_t>>(claims.size()));
    batch.Run(
        WorkerCount(db_, options_.threads),
        [&](size_t i) {
          bool go = WriteError().has_value();
          if (go) {
            started[i] = 1;
            Status done = Process(std::move(claims[i]), tasks[i], writer);
            if (!done) {
              std::lock_guard lock(failed_mu);
              failed = done;
              go = false;
            }
          }
          batch.Finish(i, go);
        },
        options_.stop);
    std::vector<Claim> unstarted;
    for (size_t i = 0; i < claims.size(); ++i) {
      if (!started[i]) unstarted.push_back(std::move(claims[i]));
    }
    BC_RETURN_IF_ERROR(ReleaseAll(unstarted));
    return failed;
  }

  // On a build thread.
  Status Process(Claim claim, const Task& task, PartitionWriter& writer) {
    const QueuedPartition& p = claim.partition;
    if (claim.taken_from) {
      {
        std::lock_guard lock(claims_mu_);
        ++result_.taken_over;
      }
      const ClaimHolder& h = *claim.taken_from;
      Log("worker {}: took over {} {} from worker {} (pid {} on {}): its last heartbeat "
          "was {:.1f} s ago, over its {:.1f} s expiry\n",
          identity_.worker_id, p.table, p.date, h.worker_id, h.pid, h.host,
          static_cast<double>(claim.claimed_at - h.heartbeat) / 1000.0,
          static_cast<double>(h.expiry) / 1000.0);
    }
    if (options_.pause_after_first_claim_seconds > 0 && !paused_.exchange(true)) {
      Log("worker {}: claimed {} {}; pausing {} s (test)\n", identity_.worker_id, p.table, p.date,
          options_.pause_after_first_claim_seconds);
      std::this_thread::sleep_for(
          std::chrono::milliseconds(Millis(options_.pause_after_first_claim_seconds)));
    }
    size_t id = 0;
    {
      std::lock_guard lock(claims_mu_);
      id = next_write_++;
      writing_.emplace(id, std::move(claim));
    }
    writer.Submit(builder_->Run(id, task, pool_, identity_.worker_id));
    return {};
  }

  // The claim a submitted write finishes (the writer thread asks).
  const Claim& ClaimOf(size_t id) {
    std::lock_guard lock(claims_mu_);
    return writing_.at(id);
  }
  Status WriteError() {
    std::lock_guard lock(claims_mu_);
    return write_error_;
  }

  // The queue's partitions and dates, the lineage over the whole seasons around them, and
  // the stale reads outside the queue: what the planner knew when it queued them.
  Status LoadQueue() {
    ClaimStore claims(db_);
    BC_ASSIGN_OR_RETURN(auto keys, claims.QueuedKeys());
    run_set_.clear();
    for (const QueuedPartition& k : keys) {
      run_set_.insert({k.table, k.date});
      if (result_.first_date.empty() || k.date < result_.first_date) result_.first_date = k.date;
      if (k.date > result_.last_date) result_.last_date = k.date;
    }
    BC_ASSIGN_OR_RETURN(auto reads, claims.OutsideReads());
    outside_.clear();
    for (const OutsideRead& r : reads) outside_[{r.table, r.date}] = r.why;
    const auto first = Season::OfIso(result_.first_date), last = Season::OfIso(result_.last_date);
    const std::string lo = first ? first->first().ToIso() : "";
    const std::string hi = last ? last->last().ToIso() : "9999-12-31";
    BC_ASSIGN_OR_RETURN(auto schedules, LoadSchedules(db_, lo, hi));
    BC_ASSIGN_OR_RETURN(auto dates, DateCatalog(db_, lo, hi, schedules));
    RecordMap records;
    for (const auto& processor : registry_.processors()) {
      const std::string name(processor->name());
      BC_ASSIGN_OR_RETURN(records[name], PartitionStore(db_).ForTable(name));
    }
    builder_.reset();
    {
      std::lock_guard lock(lineage_mu_);  // the writer thread updates it after each commit
      lineage_ = std::make_unique<Lineage>(registry_, std::move(dates), std::move(records));
    }
    builder_ = std::make_unique<TaskBuilder>(
        *lineage_, lineage_mu_, build_options_, run_set_, outside_,
        [this](const std::string& date) { return InputsFor(date); });
    return {};
  }

  // Other workers recorded partitions since: the records these tasks read (for their gates
  // and fingerprints) and their own (for their attempts) are read again, one query a table.
  Status Refresh(const std::vector<Task>& tasks) {
    std::map<std::string, std::pair<std::string, std::string>> ranges;
    auto add = [&](const std::string& table, const std::string& date) {
      auto [it, added] = ranges.try_emplace(table, date, date);
      if (!added) {
        it->second.first = std::min(it->second.first, date);
        it->second.second = std::max(it->second.second, date);
      }
    };
    {
      std::lock_guard lock(lineage_mu_);
      for (const Task& task : tasks) {
        add(std::string(task.processor->name()), task.date);
        for (const PartitionKey& read : lineage_->Reads(*task.processor, task.date)) {
          add(read.table, read.date);
        }
      }
    }
    std::vector<std::pair<std::string, std::map<std::string, PartitionRecord>>> read;
    {
      BC_ASSIGN_OR_RETURN(ConnectionPool::Lease db, pool_.Borrow());
      for (const auto& [table, range] : ranges) {
        BC_ASSIGN_OR_RETURN(auto records,
                            PartitionStore(*db).ForTableBetween(table, range.first, range.second));
        read.emplace_back(table, std::move(records));
      }
    }
    std::lock_guard lock(lineage_mu_);
    for (const auto& [table, records] : read) {
      for (const auto& [date, record] : records) {
        const PartitionRecord* known = lineage_->Find(table, date);
        if (known == nullptr || !SameRecord(*known, record)) lineage_->Update(record);
      }
    }
    return {};
  }

  Result<SeasonInputs::Inputs> InputsFor(const std::string& date) {
    const auto season = Season::OfIso(date);
    if (!season) return InvalidInput(fmt::format("{} is not a game date", date));
    // Held while resolving: a second build thread needing the season waits for this one.
    std::lock_guard lock(seasons_mu_);
    if (auto it = seasons_.find(*season); it != seasons_.end()) return it->second;
    BC_ASSIGN_OR_RETURN(ConnectionPool::Lease db, pool_.Borrow());
    BC_ASSIGN_OR_RETURN(ResolvedInputs resolved, SeasonInputs::Resolve(*db, *season));
    if (seasons_.size() >= kSeasonsKept) seasons_.erase(seasons_.begin());
    auto inputs = std::make_shared<const ResolvedInputs>(std::move(resolved));
    seasons_.emplace(*season, inputs);
    return SeasonInputs::Inputs(inputs);
  }

  // On the writer thread, after each transaction.
  void Committed(const PartitionWrite& write, const Status& status) {
    const PartitionRecord& record = write.record;
    {
      std::lock_guard lock(claims_mu_);
      writing_.erase(write.task);
      if (!status && status.error().kind() != ErrorKind::kNotFound) write_error_ = status;
    }
    if (!status) {
      if (status.error().kind() == ErrorKind::kNotFound) {
        ++result_.lost;
        Log("worker {}: {}\n", identity_.worker_id, status.error().message());
      }
      return;
    }
    {
      std::lock_guard lock(lineage_mu_);
      lineage_->Update(record);
    }
    result_.recorded[record.status]++;
    result_.rows += record.rows;
    result_.kept += write.rows_kept ? 1 : 0;
    if (record.status == PartitionStatus::kFailed || record.status == PartitionStatus::kBlocked) {
      result_.failures.push_back(
          {record.table_name, record.game_date, record.status, record.last_error});
      Log("worker {}: ✗ {} {} {}: {}\n", identity_.worker_id, record.table_name, record.game_date,
          ToString(record.status), record.last_error);
    } else if (options_.verbose) {
      Log("worker {}: ✓ {} {} {} ({} rows)\n", identity_.worker_id, record.table_name,
          record.game_date, ToString(record.status), record.rows);
    }
  }

  Db& db_;
  const Registry& registry_;
  const WorkerOptions& options_;
  std::ostream& log_;
  std::mutex log_mu_;
  WorkerResult& result_;
  ConnectionPool pool_;
  BackfillOptions build_options_;
  WorkerIdentity identity_;
  ClaimClock clock_;  // shared with the heartbeat thread, which syncs it
  std::set<PartitionKey> run_set_;
  std::map<PartitionKey, std::string> outside_;
  std::mutex lineage_mu_;
  std::unique_ptr<Lineage> lineage_;
  std::unique_ptr<TaskBuilder> builder_;
  std::mutex seasons_mu_;
  std::map<Season, SeasonInputs::Inputs> seasons_;
  std::mutex claims_mu_;  // guards the three below (the writer thread reads and writes them)
  std::map<size_t, Claim> writing_;  // claims built and submitted, by write id, until written
  size_t next_write_ = 0;
  Status write_error_;  // a write that failed for good (not a lost claim)
  std::atomic<bool> paused_{false};
};

}  // namespace

int64_t UnixMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status ClaimClock::Sync(Db& db) {
  const int64_t before = UnixMillis();
  BC_ASSIGN_OR_RETURN(const int64_t database, ClaimStore(db).DatabaseMillis());
  const int64_t after = UnixMillis();
  offset_ = database - (before + after) / 2;  // the query's midpoint on this machine
  return {};
}

Result<WorkerResult> RunWorker(Db& db, const Registry& registry, const WorkerOptions& options,
                               std::ostream& log) {
  if (db.path() == ":memory:") {
    return InvalidInput("a worker needs a database file that other processes can open");
  }
  WorkerResult result;
  Worker worker(db, registry, options, log, result);
  BC_RETURN_IF_ERROR(worker.Run());
  return result;
}

Status RefuseWhileWorkersClaim(Db& db) {
  ClaimStore claims(db);
  BC_ASSIGN_OR_RETURN(const int64_t now, claims.DatabaseMillis());
  BC_ASSIGN_OR_RETURN(int64_t live, claims.LiveClaims(now));
  if (live == 0) return {};
  BC_ASSIGN_OR_RETURN(auto held, claims.Claims());
  std::set<std::string> holders;
  for (const LiveClaim& c : held) {
    if (c.holder.heartbeat + c.holder.expiry >= now) {
      holders.insert(fmt::format("worker {} (pid {} on {})", c.holder.worker_id, c.holder.pid,
                                 c.holder.host));
    }
  }
  return InvalidInput(fmt::format(
      "{}: {} partition(s) are claimed by live workers ({}), which write the same partitions; "
      "wait for the workers to finish (they exit once the queue is drained) or stop them. "
      "A claim without heartbeat for its expiry is not live",
      db.path(), live, fmt::join(holders, ", ")));
}

}  // namespace backcourt
