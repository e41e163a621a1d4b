#pragma once
// Read-only summaries of what the database holds, for `backcourt status`.
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

struct CountRow {
  std::vector<std::string> keys;
  int64_t count = 0;
};

struct StoreSummary {
  std::vector<CountRow> files_by_format;     // format -> files (count), rows in keys[1]
  std::vector<CountRow> rows_by_table_source;  // table, source -> rows
  // The resolved schedule's final games (filled by `status` from engine/resolved_schedule.h,
  // not by SummariseStore): their first and last date, and how many each season has.
  std::string first_game_date, last_game_date;
  std::vector<CountRow> final_games_by_season;  // season -> final games
  std::vector<CountRow> rejects_by_reason;      // reason -> rows (top 20)
  std::vector<CountRow> partitions_by_status;   // table, status -> partitions
  std::vector<CountRow> recent_runs;            // run_id, command, started, outcome
  // table, date, status, last_error, rows kept from the last good build -> attempts (first 20)
  std::vector<CountRow> unhealthy_partitions;
  std::vector<CountRow> gaps_by_table;  // table, dates with gaps -> gaps
  std::vector<CountRow> origin_gaps;    // date, game, team, table, reason (first 50)
};

Result<StoreSummary> SummariseStore(Db& db);

}  // namespace backcourt
