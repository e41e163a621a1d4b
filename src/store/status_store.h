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
  std::string first_game_date, last_game_date;
  std::vector<CountRow> final_games_by_season;  // season -> distinct final games
  std::vector<CountRow> rejects_by_reason;      // reason -> rows (top 20)
  std::vector<CountRow> partitions_by_status;   // table, status -> partitions
  std::vector<CountRow> recent_runs;            // run_id, command, started, outcome
  std::vector<CountRow> unhealthy_partitions;   // table, date, status, last_error (first 20)
  std::vector<CountRow> partial_partitions;     // table, date, note: ok under --allow-partial
};

Result<StoreSummary> SummariseStore(Db& db);

}  // namespace backcourt
