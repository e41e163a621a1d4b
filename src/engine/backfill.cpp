#include "engine/backfill.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/date.h"
#include "engine/connection_pool.h"
#include "engine/lineage.h"
#include "engine/scheduler.h"
#include "store/partition_store.h"
#include "store/raw_store.h"

namespace backcourt {
namespace {

constexpr const char* kCodeVersion = "backcourt " BACKCOURT_VERSION;

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Raw rows are loaded for whole seasons (August to July) around the requested dates, so
// identity resolution sees the same rows whatever the range.
std::pair<std::string, std::string> LoadWindow(const BackfillOptions& o) {
  std::string lo = o.start_date, hi = o.end_date;
  if (!o.dates.empty()) {
    lo = *std::min_element(o.dates.begin(), o.dates.end());
    hi = *std::max_element(o.dates.begin(), o.dates.end());
  }
  auto season_start_year = [](const std::string& iso) {
    const auto date = Date::ParseIso(iso);
    return date ? (date->month() >= 8 ? date->year() : date->year() - 1) : 0;
  };
  const std::string first = lo.empty() ? "" : fmt::format("{}-08-01", season_start_year(lo));
  const std::string last =
      hi.empty() ? "9999-12-31" : fmt::format("{}-07-31", season_start_year(hi) + 1);
  return {first, last};
}

Result<std::vector<PlayerBoxRow>> LoadPlayerBox(Db& db, const std::string& first,
                                                const std::string& last) {
  if (db.path() == ":memory:") return RawStore(db).LoadPlayerBox(first, last);
  BC_ASSIGN_OR_RETURN(Db own, Db::Open(db.path()));
  return RawStore(own).LoadPlayerBox(first, last);
}

Result<ResolvedInputs> LoadInputs(Db& db, const BackfillOptions& options) {
  const auto [first, last] = LoadWindow(options);
  // The player rows, the bulk of the raw data, load on their own connection and thread
  // while this one loads the schedule and the team rows (an in-memory database has one).
  auto player_box = std::async(db.path() == ":memory:" ? std::launch::deferred : std::launch::async,
                               LoadPlayerBox, std::ref(db), first, last);
  RawStore raw(db);
  BC_ASSIGN_OR_RETURN(auto schedule, raw.LoadSchedule(first, last));
  BC_ASSIGN_OR_RETURN(auto team_box, raw.LoadTeamBox(first, last));
  BC_ASSIGN_OR_RETURN(auto players, player_box.get());
  return ResolvedInputs::Build(std::move(schedule), std::move(team_box), std::move(players));
}

std::vector<std::string> SelectDates(const Lineage& lineage, const BackfillOptions& o) {
  std::vector<std::string> dates;
  const std::set<std::string> exact(o.dates.begin(), o.dates.end());
  for (const auto& [date, info] : lineage.dates()) {
    if (!exact.empty() ? exact.count(date) > 0
                       : (o.start_date.empty() || date >= o.start_date) &&
                             (o.end_date.empty() || date <= o.end_date)) {
      dates.push_back(date);
    }
  }
  return dates;
}

struct Task {
  const Processor* processor;
  std::string date;
  PlanAction action;
  std::string why;
};

class Backfill {
 public:
  Backfill(Db& db, const BackfillOptions& options, Lineage& lineage, BackfillObserver* observer,
           BackfillResult& result)
      : db_(db), options_(options), lineage_(lineage), observer_(observer), result_(result) {}

  // Whether a planned build reads raw rows (features read only derived tables).
  bool NeedsRawInputs() const {
    return std::any_of(tasks_.begin(), tasks_.end(), [](const Task& t) {
      return t.action == PlanAction::kRun && t.processor->reads_raw();
    });
  }

  void Plan(const std::vector<const Processor*>& processors,
            const std::vector<std::string>& dates) {
    for (const std::string& date : dates) {
      for (const Processor* p : processors) PlanOne(*p, date);
    }
    for (const Task& task : tasks_) run_set_.insert({std::string(task.processor->name()), task.date});
    deps_.resize(tasks_.size());
    std::map<PartitionKey, size_t> index;
    for (size_t i = 0; i < tasks_.size(); ++i) {
      index[{std::string(tasks_[i].processor->name()), tasks_[i].date}] = i;
    }
    for (size_t i = 0; i < tasks_.size(); ++i) {
      for (const PartitionKey& read : lineage_.Reads(*tasks_[i].processor, tasks_[i].date)) {
        if (auto it = index.find(read); it != index.end()) {
          deps_[i].push_back(it->second);
        } else if (lineage_.HasGames(read.date) && !outside_.count(read)) {
          const Processor* up = lineage_.registry().Find(read.table);
          outside_[read] = up ? lineage_.WhyStale(*up, read.date) : "unknown table";
        }
      }
    }
  }

  // Runs the planned tasks; `inputs` are the resolved raw rows (empty when none is needed).
  Status Execute(size_t workers, const ResolvedInputs& inputs) {
    inputs_ = &inputs;
    if (options_.dry_run) return {};
    BC_ASSIGN_OR_RETURN(run_id_, PartitionStore(db_).StartRun("backfill", options_.command_line,
                                                              kCodeVersion));
    result_.run_id = run_id_;
    ConnectionPool pool(db_, workers);
    Status failure;
    const SchedulerResult sched = RunDag(
        workers, deps_,
        [&](size_t i) {
          Status status = RunTask(tasks_[i], pool);
          if (!status) {
            std::lock_guard lock(state_mu_);
            if (failure) failure = status;
            return false;
          }
          std::lock_guard lock(state_mu_);
          return !(options_.fail_fast && !result_.failures.empty());
        },
        options_.stop);
    result_.not_run = static_cast<int64_t>(sched.not_started);
    result_.interrupted = options_.stop != nullptr && options_.stop->load();
    const std::string outcome = result_.interrupted ? "interrupted"
                                : result_.passed()  ? "pass"
                                                    : "fail";
    BC_RETURN_IF_ERROR(failure);
    return PartitionStore(db_).FinishRun(run_id_, outcome);
  }

 private:
  void PlanOne(const Processor& p, const std::string& date) {
    const std::string table(p.name());
    TableSummary& summary = result_.tables[table];
    const PartitionRecord* existing = lineage_.Find(table, date);
    auto plan = [&](PlanAction action, std::string why) {
      result_.plan.push_back({table, date, action, why});
      if (action == PlanAction::kSkip) {
        summary.skipped++;
        return;
      }
      summary.planned++;
      tasks_.push_back(Task{&p, date, action, std::move(why)});
    };
    if (!lineage_.HasGames(date)) {
      const bool recorded = existing && existing->status == "no_games" &&
                            existing->input_fingerprint == lineage_.Fingerprint(p, date);
      if (recorded) {
        summary.no_games++;
        result_.plan.push_back({table, date, PlanAction::kNoGames, "no final game (recorded)"});
        return;
      }
      return plan(PlanAction::kNoGames, "no final game");
    }
    std::string why = options_.no_resume ? "no-resume" : lineage_.WhyStale(p, date);
    if (options_.retry_failed && (!existing || existing->status != "failed")) why.clear();
    if (why.empty()) return plan(PlanAction::kSkip, "ok and fresh");
    plan(PlanAction::kRun, why);
  }

  // Why the task may not run: an upstream partition it reads is not ok (this run) or not
  // fresh (outside this run). Called with state_mu_ held.
  std::string Gate(const Task& task) {
    for (const PartitionKey& read : lineage_.Reads(*task.processor, task.date)) {
      if (!lineage_.HasGames(read.date)) continue;
      const PartitionRecord* record = lineage_.Find(read.table, read.date);
      if (record == nullptr || record->status != "ok") {
        return fmt::format("upstream {} {} is {}", read.table, read.date,
                           record ? record->status : "missing");
      }
      if (!run_set_.count(read)) {
        auto it = outside_.find(read);
        if (it != outside_.end() && !it->second.empty()) {
          return fmt::format("upstream {} {} is {}", read.table, read.date, it->second);
        }
      }
    }
    return "";
  }

  // Builds with retries of transient errors (exponential backoff with jitter).
  Result<std::unique_ptr<PartitionOutput>> BuildWithRetries(const Task& task, Db& db,
                                                            int64_t& retries) {
    std::mt19937 jitter(std::hash<std::string>{}(task.date));
    for (int attempt = 1;; ++attempt) {
      Result<std::unique_ptr<PartitionOutput>> output = tl::unexpected(Error(ErrorKind::kInternal, ""));
      Status injected = options_.fault ? options_.fault(std::string(task.processor->name()),
                                                        task.date, attempt)
                                       : Status{};
      if (!injected) {
        output = tl::unexpected(injected.error());
      } else {
        output = task.processor->Build(BuildContext{db, *inputs_}, task.date);
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

  Status RunTask(const Task& task, ConnectionPool& pool) {
    const auto start = Clock::now();
    const std::string table(task.processor->name());
    if (task.action == PlanAction::kNoGames) {
      return Commit(task, "no_games", nullptr, "", start, 0);
    }
    std::string gate;
    {
      std::lock_guard lock(state_mu_);
      gate = Gate(task);
    }
    if (!gate.empty() && !options_.allow_partial) {
      return Commit(task, "blocked", nullptr, gate, start, 0);
    }
    BC_ASSIGN_OR_RETURN(Db * db, pool.Acquire());
    int64_t retries = 0;
    auto output = BuildWithRetries(task, *db, retries);
    pool.Release(db);
    if (!output) return Commit(task, "failed", nullptr, output.error().message(), start, retries);
    const std::string& incomplete = (*output)->incomplete_reason;
    if (!incomplete.empty() && !options_.allow_partial) {
      return Commit(task, "failed", nullptr, "incomplete: " + incomplete, start, retries);
    }
    std::string note;
    if (!gate.empty()) note = "ungated (--allow-partial): " + gate;
    if (!incomplete.empty()) note = "partial (--allow-partial): " + incomplete;
    return Commit(task, "ok", output->get(), note, start, retries);
  }

  // Writes the partition (rows for ok; none otherwise) and its record in one transaction
  // through the single writer, then updates lineage and the summary.
  Status Commit(const Task& task, const std::string& status, const PartitionOutput* output,
                const std::string& note, Clock::time_point start, int64_t retries) {
    const std::string table(task.processor->name());
    PartitionRecord record;
    record.table_name = table;
    record.game_date = task.date;
    record.status = status;
    record.processor_version = std::string(task.processor->version());
    record.rows = output ? static_cast<int64_t>(output->rows()) : 0;
    record.data_version = output ? output->DataVersion() : "";
    record.last_error = note;
    record.run_id = run_id_;
    {
      std::lock_guard lock(state_mu_);
      record.input_fingerprint = lineage_.Fingerprint(*task.processor, task.date);
      const PartitionRecord* existing = lineage_.Find(table, task.date);
      record.attempts = (existing ? existing->attempts : 0) + 1 + retries;
    }
    record.finished_at = UtcNow();
    record.started_at = record.finished_at;
    {
      std::lock_guard write_lock(write_mu_);
      BC_RETURN_IF_ERROR(WriteWithRetries(task, record, output));
    }
    std::lock_guard lock(state_mu_);
    lineage_.Update(record);
    TableSummary& summary = result_.tables[table];
    summary.seconds += Since(start);
    summary.retries += retries;
    summary.rows += record.rows;
    if (status == "ok") summary.ok++;
    if (status == "no_games") summary.no_games++;
    if (status == "failed") summary.failed++;
    if (status == "blocked") summary.blocked++;
    if (status == "failed" || status == "blocked") {
      result_.failures.push_back({table, task.date, status, note});
    } else if (!note.empty()) {
      summary.partial++;
      result_.partials.push_back({table, task.date, status, note});
    }
    if (observer_ != nullptr) observer_->OnPartition(table, task.date, status, record.rows, note);
    return {};
  }

  Status WriteWithRetries(const Task& task, const PartitionRecord& record,
                          const PartitionOutput* output) {
    for (int attempt = 1;; ++attempt) {
      Status status = WriteOnce(task, record, output);
      if (status || !status.error().retryable() || attempt >= options_.max_attempts) return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(50 << std::min(attempt, 8)));
    }
  }

  Status WriteOnce(const Task& task, const PartitionRecord& record, const PartitionOutput* output) {
    PartitionStore partitions(db_);
    BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
    if (output != nullptr) {
      BC_RETURN_IF_ERROR(output->Write(db_, task.date));
    } else {
      BC_RETURN_IF_ERROR(partitions.DeletePartition(record.table_name, task.date));
    }
    BC_RETURN_IF_ERROR(partitions.Upsert(record));
    return txn.Commit();
  }

  Db& db_;
  const BackfillOptions& options_;
  Lineage& lineage_;
  BackfillObserver* observer_;
  BackfillResult& result_;
  std::vector<Task> tasks_;
  std::vector<std::vector<size_t>> deps_;
  std::set<PartitionKey> run_set_;
  std::map<PartitionKey, std::string> outside_;  // reads outside this run -> why stale, or ""
  std::mutex state_mu_, write_mu_;
  int64_t run_id_ = 0;
  const ResolvedInputs* inputs_ = nullptr;
};

size_t WorkerCount(const Db& db, int requested) {
  if (db.path() == ":memory:") return 1;
  if (requested > 0) return static_cast<size_t>(requested);
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

Result<BackfillResult> RunBackfill(Db& db, const Registry& registry,
                                   const BackfillOptions& options, BackfillObserver* observer) {
  const auto start = Clock::now();
  BackfillResult result;
  BC_ASSIGN_OR_RETURN(auto processors,
                      registry.Select(options.tables.empty() ? registry.Names() : options.tables));
  for (const auto& p : registry.processors()) BC_RETURN_IF_ERROR(p->EnsureTable(db));
  for (const Processor* p : processors) {
    result.table_order.emplace_back(p->name());
    result.tables[std::string(p->name())];
  }
  const auto [first, last] = LoadWindow(options);
  BC_ASSIGN_OR_RETURN(auto dates, RawStore(db).DateCatalog(first, last));
  RecordMap records;
  PartitionStore partitions(db);
  for (const auto& p : registry.processors()) {
    BC_ASSIGN_OR_RETURN(records[std::string(p->name())],
                        partitions.ForTable(std::string(p->name())));
  }
  Lineage lineage(registry, std::move(dates), std::move(records));
  result.workers = static_cast<int>(WorkerCount(db, options.workers));
  Backfill backfill(db, options, lineage, observer, result);
  const std::vector<std::string> selected = SelectDates(lineage, options);
  if (!selected.empty()) result.first_date = selected.front(), result.last_date = selected.back();
  backfill.Plan(processors, selected);
  // Raw rows are read and resolved only when a raw-fed table has to be built: a no-op rerun
  // and a features-only run skip it.
  ResolvedInputs inputs;  // empty unless needed
  if (backfill.NeedsRawInputs() && !options.dry_run) {
    BC_ASSIGN_OR_RETURN(inputs, LoadInputs(db, options));
    result.unplaced_rows = static_cast<int64_t>(inputs.unplaced().size());
    for (const UnplacedRow& row : inputs.unplaced()) result.unplaced_reasons[row.reason]++;
    result.inferred_games = inputs.inferred_games();
    result.unresolved_players = inputs.unresolved_players();
  }
  result.load_seconds = Since(start);
  if (observer != nullptr) observer->OnPlan(result);
  BC_RETURN_IF_ERROR(
      backfill.Execute(static_cast<size_t>(result.workers), inputs));
  result.seconds = Since(start);
  return result;
}

}  // namespace backcourt
