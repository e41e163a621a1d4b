#pragma once
// check_results retention. Every validation (each backfill ends with one) writes a summary row
// per check plus a row per failing date, so without pruning the table grows forever. Kept:
// for each check (table, check), every row of its last `keep_runs` runs; of older runs only
// the summary row of each check that failed, so a past failure stays on record while its
// per-date detail and every passing result go.
#include "core/status.h"
#include "store/db.h"

namespace backcourt {

inline constexpr int kDefaultKeepCheckRuns = 20;

// Prunes inside the caller's transaction; returns the rows deleted.
Result<int64_t> PruneCheckResults(Db& db, int keep_runs);

}  // namespace backcourt
