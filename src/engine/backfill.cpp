#include "engine/backfill.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "core/progress.h"

#include "engine/connection_pool.h"
#include "engine/lineage.h"
#include "engine/partition_writer.h"
#include "engine/planner.h"
#include "engine/resolved_schedule.h"
#include "engine/season_inputs.h"
#include "engine/scheduler.h"
#include "engine/task_build.h"
#include "engine/worker.h"
#include "store/claim_store.h"
#include "store/partition_store.h"
#include "store/raw_store.h"

namespace backcourt {
namespace {

constexpr const char* kCodeVersion = "backcourt " BACKCOURT_VERSION;

using Clock = std::chrono::steady_clock;

// The whole seasons around the requested dates: season-to-date reads and staleness need
// every date of a season, whatever the range.
std::pair<std::string, std::string> LoadWindow(const BackfillOptions& o) {
  std::string lo = o.start_date, hi = o.end_date;
  if (!o.dates.empty()) {
    lo = *std::min_element(o.dates.begin(), o.dates.end());
    hi = *std::max_element(o.dates.begin(), o.dates.end());
  }
  const auto first = Season::OfIso(lo), last = Season::OfIso(hi);
  return {first ? first->first().ToIso() : "", last ? last->last().ToIso() : "9999-12-31"};
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

class Backfill {
 public:
  Backfill(Db& db, const BackfillOptions& options, Lineage& lineage, BackfillObserver* observer,
           BackfillResult& result, std::map<Season, SeasonInputs::Inputs> resolved)
      : db_(db),
        options_(options),
        lineage_(lineage),
        observer_(observer),
        result_(result),
        resolved_(std::move(resolved)) {}

  void Plan(const std::vector<const Processor*>& processors,
            const std::vector<std::string>& dates) {
    graph_ = PlanTasks(lineage_, options_, processors, dates, result_);
  }

  // Runs the planned tasks while the raw rows they need load, season by season.
  Status Execute(size_t workers) {
    BC_ASSIGN_OR_RETURN(run_id_, PartitionStore(db_).StartRun("backfill", options_.command_line,
                                                              kCodeVersion));
    result_.run_id = run_id_;
    ConnectionPool pool(db_);
    Dag dag(graph_.deps, graph_.events());
    for (const Task& task : graph_.tasks) {
      if (ReadsRawRows(task)) raw_builds_left_[task.season]++;
    }
    SeasonInputs inputs(
        db_, graph_.raw_seasons,
        [&](size_t season) { dag.Finish(graph_.season_events[season], true); },
        std::move(resolved_));
    inputs_ = &inputs;
    TaskBuilder builder(lineage_, state_mu_, options_, graph_.run_set, graph_.outside,
                        [this](const std::string& date) { return inputs_->ForDate(date); });
    builder_ = &builder;
    // A task is done when the writer has committed it: only then may its dependents read it.
    PartitionWriter writer(db_, options_.max_attempts, db_.path() != ":memory:",
                           [&](PartitionWrite& write, const Status& status, double seconds) {
                             dag.Finish(write.task, Committed(write, status, seconds));
                           });
    const SchedulerResult sched = dag.Run(
        workers,
        [&](size_t i) {
          RunTask(i, pool, writer);
          ReleaseRawRows(i);
          const size_t built = graph_.built_events[i];
          if (built != TaskGraph::kNoEvent) dag.Finish(built, true);
        },
        options_.stop);
    writer.Close();  // in-flight partitions commit, also when interrupted
    Summarize(inputs.Summarize());
    result_.not_run = static_cast<int64_t>(sched.not_started);
    result_.interrupted = options_.stop != nullptr && options_.stop->load();
    const std::string outcome = result_.interrupted ? "interrupted"
                                : result_.passed()  ? "pass"
                                                    : "fail";
    BC_RETURN_IF_ERROR(failure_);
    return PartitionStore(db_).FinishRun(run_id_, outcome);
  }

  // Records the planned tasks, what each waits for among them, and the stale reads outside
  // them, for `worker` processes to claim; the run is recorded as "queued".
  Status Queue() {
    PartitionStore store(db_);
    BC_ASSIGN_OR_RETURN(run_id_, store.StartRun("backfill-queue", options_.command_line,
                                                kCodeVersion));
    result_.run_id = run_id_;
    std::vector<QueuedPartition> partitions;
    std::vector<QueueDependency> deps;
    for (size_t i = 0; i < graph_.tasks.size(); ++i) {
      const Task& task = graph_.tasks[i];
      const std::string table(task.processor->name());
      partitions.push_back({table, task.date, task.action == PlanAction::kNoGames, task.why});
      for (size_t d : graph_.deps[i]) {
        if (d >= graph_.tasks.size()) continue;  // an event of this process (raw rows loaded)
        deps.push_back({i, d});  // partitions[i] is tasks[i]
      }
    }
    std::vector<OutsideRead> outside;
    for (const auto& [key, why] : graph_.outside) {
      if (!why.empty()) outside.push_back({key.table, key.date, why});
    }
    {
      BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
      BC_RETURN_IF_ERROR(ClaimStore(db_).ReplaceQueue(run_id_, partitions, deps, outside));
      BC_RETURN_IF_ERROR(txn.Commit());
    }
    result_.queued = static_cast<int64_t>(partitions.size());
    return store.FinishRun(run_id_, "queued");
  }

 private:
  void Summarize(const SeasonInputs::Totals& identity) {
    result_.unplaced_rows = identity.unplaced_rows;
    result_.unplaced_reasons = identity.unplaced_reasons;
    result_.inferred_games = identity.inferred_games;
    result_.unresolved_players = identity.unresolved_players;
    result_.load_seconds += identity.seconds;
  }

  // A season's raw rows are freed once its last raw-fed build is done, so memory stays
  // bounded by the seasons in flight, not the range.
  void ReleaseRawRows(size_t index) {
    const Task& task = graph_.tasks[index];
    if (!ReadsRawRows(task)) return;
    std::lock_guard lock(state_mu_);
    if (--raw_builds_left_[task.season] == 0) inputs_->Release(task.date);
  }

  void RunTask(size_t index, ConnectionPool& pool, PartitionWriter& writer) {
    writer.Submit(builder_->Run(index, graph_.tasks[index], pool, run_id_));
  }

  // After the writer's transaction: updates lineage and the summary. Returns whether to go
  // on scheduling.
  bool Committed(const PartitionWrite& write, const Status& status, double write_seconds) {
    std::lock_guard lock(state_mu_);
    if (!status) {
      if (failure_) failure_ = status;  // the first failure
      return false;
    }
    const PartitionRecord& record = write.record;
    lineage_.Update(record);
    TableSummary& summary = result_.tables[record.table_name];
    summary.seconds += write.build_seconds + write_seconds;
    summary.retries += write.retries;
    summary.kept += write.rows_kept ? 1 : 0;
    summary.rows += record.rows;
    const std::string& note = record.last_error;
    if (record.status == PartitionStatus::kOk) summary.ok++;
    if (record.status == PartitionStatus::kPartial) summary.partial++;
    if (record.status == PartitionStatus::kNoGames) summary.no_games++;
    if (record.status == PartitionStatus::kFailed) summary.failed++;
    if (record.status == PartitionStatus::kBlocked) summary.blocked++;
    if (record.status == PartitionStatus::kFailed || record.status == PartitionStatus::kBlocked) {
      result_.failures.push_back({record.table_name, record.game_date, record.status, note});
    }
    if (write.output != nullptr) {
      summary.gaps += static_cast<int64_t>(write.output->gaps.size());
      for (const PartitionGap& gap : write.output->gaps) {
        result_.gaps.push_back(
            {record.table_name, record.game_date, gap.game_id, gap.team, gap.reason});
      }
    }
    if (observer_ != nullptr) {
      observer_->OnPartition(record.table_name, record.game_date, record.status, record.rows,
                             note);
    }
    return !(options_.fail_fast && !result_.failures.empty());
  }

  Db& db_;
  const BackfillOptions& options_;
  Lineage& lineage_;
  BackfillObserver* observer_;
  BackfillResult& result_;
  TaskGraph graph_;
  std::mutex state_mu_;
  Status failure_;                           // a write that failed for good
  int64_t run_id_ = 0;
  SeasonInputs* inputs_ = nullptr;
  TaskBuilder* builder_ = nullptr;  // one for the run: it remembers what its gates checked
  std::map<Season, SeasonInputs::Inputs> resolved_;  // seasons planning resolved, for the builds
  std::map<Season, size_t> raw_builds_left_;  // by season
};

// Writing runs create missing tables and migrate backcourt's older schemas; a dry run only
// checks them, and plans an older schema's table as rebuilt whole. A table with columns
// backcourt does not declare is refused either way. Returns the tables a dry run treats as
// migrated (their records do not count).
Result<std::set<std::string>> PrepareTables(Db& db, const Registry& registry, bool dry_run,
                                            BackfillResult& result) {
  std::set<std::string> outdated;
  for (const auto& p : registry.processors()) {
    BC_ASSIGN_OR_RETURN(TableSchemaState state, p->CheckTable(db));
    if (state.schema == TableSchema::kForeign) {
      return tl::unexpected(ForeignTableError(p->name(), state.undeclared));
    }
    if (state.schema != TableSchema::kOlder) {
      if (!dry_run && state.schema == TableSchema::kMissing) BC_RETURN_IF_ERROR(p->EnsureTable(db));
      continue;
    }
    result.schema_changes.emplace_back(p->name());
    if (dry_run) {
      outdated.emplace(p->name());
    } else {
      BC_RETURN_IF_ERROR(p->EnsureTable(db));
    }
  }
  return outdated;
}

}  // namespace

Result<BackfillResult> RunBackfill(Db& db, const Registry& registry,
                                   const BackfillOptions& options, BackfillObserver* observer) {
  const auto start = Clock::now();
  BackfillResult result;
  BC_ASSIGN_OR_RETURN(auto processors,
                      registry.Select(options.tables.empty() ? registry.Names() : options.tables));
  if (!options.dry_run) BC_RETURN_IF_ERROR(RefuseWhileWorkersClaim(db));
  BC_ASSIGN_OR_RETURN(auto outdated, PrepareTables(db, registry, options.dry_run, result));
  for (const Processor* p : processors) {
    result.table_order.emplace_back(p->name());
    result.tables[std::string(p->name())];
  }
  const auto [first, last] = LoadWindow(options);
  // The schedule of every season in the window, as persisted when its raw rows did not change;
  // else resolved now (and persisted, unless this is a dry run), the resolutions kept for the
  // builds to reuse within SeasonInputs' memory bound.
  const auto resolve_start = Clock::now();
  BC_ASSIGN_OR_RETURN(auto schedules,
                      LoadSchedules(db, first, last,
                                    {.persist = !options.dry_run,
                                     .keep_rows = options.dry_run ? 0 : SeasonInputs::kMaxKeptRows}));
  result.load_seconds = SecondsSince(resolve_start);
  BC_ASSIGN_OR_RETURN(auto dates, DateCatalog(db, first, last, schedules));
  std::map<Season, SeasonInputs::Inputs> resolved;
  for (SeasonSchedule& s : schedules) {
    if (s.resolved) resolved.emplace(s.season, std::move(s.resolved));
  }
  schedules.clear();
  RecordMap records;
  PartitionStore partitions(db);
  for (const auto& p : registry.processors()) {
    const std::string name(p->name());
    BC_ASSIGN_OR_RETURN(records[name], partitions.ForTable(name));
    if (outdated.count(name)) records[name].clear();
  }
  Lineage lineage(registry, std::move(dates), std::move(records));
  result.workers = static_cast<int>(WorkerCount(db, options.workers));
  Backfill backfill(db, options, lineage, observer, result, std::move(resolved));
  const std::vector<std::string> selected = SelectDates(lineage, options);
  if (!selected.empty()) result.first_date = selected.front(), result.last_date = selected.back();
  backfill.Plan(processors, selected);
  for (const PlannedPartition& p : result.plan) {
    if (p.action == PlanAction::kRun && p.why.rfind("stale", 0) == 0) {
      result.stale[{p.table, p.date}] = p.why;
    }
  }
  if (observer != nullptr) observer->OnPlan(result);
  if (options.dry_run) {
    result.seconds = SecondsSince(start);
    return result;
  }
  if (options.queue) {
    BC_RETURN_IF_ERROR(backfill.Queue());
  } else {
    BC_RETURN_IF_ERROR(backfill.Execute(static_cast<size_t>(result.workers)));
  }
  result.seconds = SecondsSince(start);
  return result;
}

Result<StaleSet> FindStale(Db& db, const Registry& registry, const std::string& first,
                           const std::string& last, const std::vector<std::string>& tables) {
  BackfillOptions plan;
  plan.dry_run = true;
  plan.start_date = first;
  plan.end_date = last;
  plan.tables = tables;
  BC_ASSIGN_OR_RETURN(BackfillResult result, RunBackfill(db, registry, plan));
  return std::move(result.stale);
}

}  // namespace backcourt
