#pragma once
// The planner of a backfill (DESIGN.md §5): every (table, date) in range is skipped, run or
// recorded as no_games, from the partitions table and the schedule; then what each task
// waits for, so the scheduler can run it as soon as that is done.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/season.h"
#include "engine/backfill.h"
#include "engine/lineage.h"

namespace backcourt {

struct Task {
  const Processor* processor;
  std::string date;
  Season season;  // the window holding date: the raw rows a raw-fed build reads
  PlanAction action;
  std::string why;
};

// Whether the task builds from raw rows (and so waits for its season's to load).
inline bool ReadsRawRows(const Task& task) {
  return task.action == PlanAction::kRun && task.processor->reads_raw();
}

struct TaskGraph {
  static constexpr size_t kNoEvent = SIZE_MAX;

  std::vector<Task> tasks;  // date by date, tables in dependency order
  // What each task waits for: the tasks of this run that build what it reads, its season's
  // raw rows, and (season-to-date tables) the build of the date before. Indices from
  // tasks.size() on are events, which the engine finishes itself.
  std::vector<std::vector<size_t>> deps;
  std::vector<Season> raw_seasons;     // seasons whose raw rows builds read, in load order
  std::vector<size_t> season_events;   // by raw season: finished once its rows are loaded
  std::vector<size_t> built_events;    // by task: finished once it is built, or kNoEvent
  std::set<PartitionKey> run_set;      // the partitions this run builds
  std::map<PartitionKey, std::string> outside;  // reads outside the run -> why stale, or ""

  size_t events() const { return deps.size() - tasks.size(); }
};

// Plans `processors` over `dates`; records the plan and the planned counts in `result`.
TaskGraph PlanTasks(Lineage& lineage, const BackfillOptions& options,
                    const std::vector<const Processor*>& processors,
                    const std::vector<std::string>& dates, BackfillResult& result);

}  // namespace backcourt
