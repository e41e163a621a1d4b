#pragma once
// backfill: plan (skip / run / no_games per table and date), build in dependency order,
// write each partition with its record in one transaction, and summarise.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "tables/registry.h"

namespace backcourt {

struct BackfillOptions {
  std::string start_date;           // ISO; empty: the schedule's first date
  std::string end_date;             // ISO; empty: the schedule's last date
  std::vector<std::string> dates;   // exact dates; overrides the range when not empty
  std::vector<std::string> tables;  // empty: every table; upstreams of a subset are gated
  bool no_resume = false;           // rebuild every partition in range
  bool retry_failed = false;        // run only partitions whose last status is failed
  bool dry_run = false;             // print the plan, write nothing
  bool fail_fast = false;           // stop at the first failed partition
  bool allow_partial = false;       // write incomplete partitions and ignore the gates
  std::string command_line;         // recorded in runs
};

enum class PlanAction { kSkip, kRun, kNoGames };

struct PlannedPartition {
  std::string table, date;
  PlanAction action = PlanAction::kRun;
  std::string why;  // missing, failed, blocked, stale (version|inputs), no-resume, ok
};

struct TableSummary {
  int64_t ok = 0, no_games = 0, failed = 0, blocked = 0, skipped = 0, rows = 0;
  int64_t partial = 0;  // ok partitions written incomplete under --allow-partial
  double seconds = 0;
};

struct FailedPartition {
  std::string table, date, status, reason;
};

struct BackfillResult {
  std::vector<std::string> table_order;
  std::map<std::string, TableSummary> tables;
  std::vector<FailedPartition> failures;  // failed and blocked
  std::vector<FailedPartition> partials;  // written incomplete or ungated (--allow-partial)
  std::vector<PlannedPartition> plan;     // filled for dry runs
  double load_seconds = 0, seconds = 0;
  bool passed() const { return failures.empty(); }
};

// Progress callback: called after each partition with (table, date, status, rows).
using PartitionCallback =
    std::function<void(const std::string&, const std::string&, const std::string&, int64_t)>;

Result<BackfillResult> RunBackfill(Db& db, const Registry& registry,
                                   const BackfillOptions& options,
                                   const PartitionCallback& on_partition = {});

}  // namespace backcourt
