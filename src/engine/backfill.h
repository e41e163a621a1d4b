#pragma once
// backfill: plan every (table, date) as skip, run or no_games from the partitions table and
// the schedule, then run the partitions on a worker pool as soon as what they read is done
// (pipelined across tables), one writer thread committing them in batches, each partition's
// rows with its record.
#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/partition_status.h"
#include "tables/registry.h"

namespace backcourt {

struct BackfillOptions {
  std::string start_date;           // ISO; empty: the schedule's first date
  std::string end_date;             // ISO; empty: the schedule's last date
  std::vector<std::string> dates;   // exact dates; overrides the range when not empty
  std::vector<std::string> tables;  // empty: every table; upstreams of a subset are gated
  int workers = 0;                  // build threads; 0: the machine's cores
  bool no_resume = false;           // rebuild every partition in range
  bool retry_failed = false;        // run only partitions whose last status is failed
  bool dry_run = false;             // plan only, write nothing
  bool fail_fast = false;           // stop scheduling at the first failed partition
  bool queue = false;               // record the plan for `worker` processes; build nothing
  int max_attempts = 5;             // for transient errors (busy database, I/O)
  std::string command_line;         // recorded in runs
  const std::atomic<bool>* stop = nullptr;  // set by SIGINT/SIGTERM: finish in-flight, stop
  // Test seam: called before each build attempt; an error is treated like a build error.
  std::function<Status(const std::string& table, const std::string& date, int attempt)> fault;
};

enum class PlanAction { kSkip, kRun, kNoGames };

struct PlannedPartition {
  std::string table, date;
  PlanAction action = PlanAction::kRun;
  std::string why;  // missing, failed, blocked, stale (...), no-resume; "ok and fresh"
};

// (table, game_date) -> why the partition is stale.
using StaleSet = std::map<std::pair<std::string, std::string>, std::string>;

struct TableSummary {
  int64_t planned = 0;  // partitions to run or record as no_games
  int64_t ok = 0, no_games = 0, failed = 0, blocked = 0, skipped = 0, rows = 0;
  int64_t partial = 0;  // built, with some games listed as gaps
  int64_t gaps = 0;     // games (team-games) of the built partitions that could not be built
  int64_t retries = 0;
  int64_t kept = 0;     // built exactly as stored (same data version): only the record written
  double seconds = 0;   // build time plus write time (its share of each commit), summed
};

struct FailedPartition {
  std::string table, date;
  PartitionStatus status;  // failed or blocked
  std::string reason;
};

struct GapRecord {
  std::string table, date, game_id, team, reason;
};

struct BackfillResult {
  std::vector<std::string> table_order;
  std::map<std::string, TableSummary> tables;
  std::vector<FailedPartition> failures;  // failed and blocked
  std::vector<GapRecord> gaps;            // of the partitions built by this run, by table
  std::vector<PlannedPartition> plan;
  int64_t not_run = 0;        // planned but never started (interrupted or --fail-fast)
  bool interrupted = false;
  int workers = 1;
  int64_t run_id = 0;                     // the runs row (0 for dry runs)
  int64_t queued = 0;                     // --queue: partitions recorded for workers
  // Identity resolution of the raw rows read (when something was built).
  int64_t unplaced_rows = 0;              // rows that fit no game (reasons below)
  std::map<std::string, int64_t> unplaced_reasons;
  int64_t inferred_games = 0;             // games built from rows naming both teams, no schedule row
  int64_t unresolved_players = 0;         // player-games kept under a name key
  std::string first_date, last_date;      // the dates planned, for validating what was built
  std::vector<std::string> schema_changes;  // tables whose older schema was (dry run: will be)
                                            // migrated: dropped, recreated, rebuilt
  StaleSet stale;  // planned partitions that were stale (before the run), with why
  double load_seconds = 0, seconds = 0;
  bool passed() const { return failures.empty() && not_run == 0; }
};

struct BackfillObserver {
  virtual ~BackfillObserver() = default;
  virtual void OnPlan(const BackfillResult&) {}
  // After each partition is recorded (from the writer thread, serialised by the engine).
  virtual void OnPartition(const std::string& /*table*/, const std::string& /*date*/,
                           PartitionStatus /*status*/, int64_t /*rows*/,
                           const std::string& /*reason*/) {}
};

// Needs a database file (workers open their own connections); ":memory:" runs on one thread.
// A dry run only reads: it plans and returns, writing nothing (no table is created or
// migrated, no run is recorded). A writing run is refused while `worker` processes hold
// live claims on the database (they write the same partitions). With options.queue the
// plan's runnable partitions are recorded, with what each reads, for `worker` processes
// (replacing any earlier queue), and nothing is built.
Result<BackfillResult> RunBackfill(Db& db, const Registry& registry,
                                   const BackfillOptions& options,
                                   BackfillObserver* observer = nullptr);

// The engine's one definition of staleness (DESIGN.md §5), read-only: the built or no_games
// partitions of `tables` (empty: every table) dated in [first, last] (empty: unbounded) whose
// processor version or inputs changed, or whose upstream will be rebuilt. status, validate,
// report and backfill --dry-run all ask this, so they name the same stale set.
Result<StaleSet> FindStale(Db& db, const Registry& registry, const std::string& first,
                           const std::string& last, const std::vector<std::string>& tables = {});

}  // namespace backcourt
