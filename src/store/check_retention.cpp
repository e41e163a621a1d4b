#include "store/check_retention.h"

#include <string>
#include <vector>

namespace backcourt {
namespace {

struct Cutoff {
  std::string table, check;
  int64_t first_kept_run = 0;
};

// Per check, the oldest run among its last `keep_runs`, for checks that have more runs.
// Summary rows (game_date NULL) are one per check and run, so they count the runs.
Result<std::vector<Cutoff>> Cutoffs(Db& db, int keep_runs) {
  BC_ASSIGN_OR_RETURN(
      Statement stmt,
      db.Prepare("SELECT table_name, \"check\", run_id FROM (SELECT table_name, \"check\", run_id, "
                 "ROW_NUMBER() OVER (PARTITION BY table_name, \"check\" ORDER BY run_id DESC) AS "
                 "recent FROM (SELECT DISTINCT table_name, \"check\", run_id FROM check_results "
                 "WHERE game_date IS NULL) AS runs) AS ranked WHERE recent = ?"));
  stmt.Bind(1, static_cast<int64_t>(keep_runs));
  std::vector<Cutoff> cutoffs;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    cutoffs.push_back({stmt.Text(0), stmt.Text(1), stmt.Int(2)});
  }
  return cutoffs;
}

}  // namespace

Result<int64_t> PruneCheckResults(Db& db, int keep_runs) {
  if (keep_runs <= 0) return int64_t{0};
  BC_ASSIGN_OR_RETURN(std::vector<Cutoff> cutoffs, Cutoffs(db, keep_runs));
  BC_ASSIGN_OR_RETURN(
      Statement prune,
      db.Prepare("DELETE FROM check_results WHERE run_id < ? AND table_name = ? AND \"check\" = ? "
                 "AND NOT (passed = 0 AND game_date IS NULL)"));
  int64_t deleted = 0;
  for (const Cutoff& c : cutoffs) {
    prune.Bind(1, c.first_kept_run).Bind(2, c.table).Bind(3, c.check);
    BC_RETURN_IF_ERROR(prune.Run());
    deleted += prune.Changes();
  }
  return deleted;
}

}  // namespace backcourt
