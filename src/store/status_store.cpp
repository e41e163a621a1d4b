#include "store/status_store.h"

#include <fmt/format.h>

#include "store/partition_status.h"

namespace backcourt {
namespace {

// Runs a query whose last column is a count and the others are keys.
Result<std::vector<CountRow>> CountQuery(Db& db, std::string_view sql) {
  BC_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  std::vector<CountRow> rows;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    CountRow row;
    const int keys = stmt.ColumnCount() - 1;
    for (int i = 0; i < keys; ++i) row.keys.push_back(stmt.Text(i));
    row.count = stmt.Int(keys);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

Result<StoreSummary> SummariseStore(Db& db) {
  StoreSummary s;
  BC_ASSIGN_OR_RETURN(s.files_by_format,
                      CountQuery(db,
                                 "SELECT format, SUM(rows_loaded), SUM(rows_rejected), COUNT(*) "
                                 "FROM raw_files GROUP BY format ORDER BY format"));
  BC_ASSIGN_OR_RETURN(
      s.rows_by_table_source,
      CountQuery(db,
                 "SELECT 'schedule', source, COUNT(*) FROM schedule GROUP BY source "
                 "UNION ALL SELECT 'raw_team_box', source, COUNT(*) FROM raw_team_box GROUP BY "
                 "source UNION ALL SELECT 'raw_player_box', source || CASE has_shooting WHEN 1 "
                 "THEN '' ELSE ' (reduced)' END, COUNT(*) FROM raw_player_box GROUP BY 2 "
                 // Injury reports by status: teams not yet submitted are seen at a glance.
                 "UNION ALL SELECT 'raw_injury_reports', 'status ' || status, COUNT(*) "
                 "FROM raw_injury_reports GROUP BY 2"));
  BC_ASSIGN_OR_RETURN(s.rejects_by_reason,
                      CountQuery(db,
                                 "SELECT reason, COUNT(*) FROM raw_rejects GROUP BY reason "
                                 "ORDER BY 2 DESC, 1 LIMIT 20"));
  BC_ASSIGN_OR_RETURN(s.partitions_by_status,
                      CountQuery(db,
                                 "SELECT table_name, status, COUNT(*) FROM partitions "
                                 "GROUP BY 1, 2 ORDER BY 1, 2"));
  BC_ASSIGN_OR_RETURN(s.recent_runs,
                      CountQuery(db,
                                 "SELECT command, arguments, started_at, COALESCE(outcome, "
                                 "'running'), run_id FROM runs ORDER BY run_id DESC LIMIT 5"));
  BC_ASSIGN_OR_RETURN(
      s.unhealthy_partitions,
      CountQuery(db, fmt::format("SELECT table_name, game_date, status, last_error, rows, "
                                 "attempts FROM partitions WHERE status IN ('{}', '{}', '{}') "
                                 "ORDER BY game_date, table_name LIMIT 20",
                                 ToString(PartitionStatus::kFailed),
                                 ToString(PartitionStatus::kBlocked),
                                 ToString(PartitionStatus::kRunning))));
  BC_ASSIGN_OR_RETURN(s.gaps_by_table,
                      CountQuery(db,
                                 "SELECT table_name, COUNT(DISTINCT game_date), COUNT(*) FROM "
                                 "partition_gaps GROUP BY 1 ORDER BY 1"));
  BC_ASSIGN_OR_RETURN(s.origin_gaps,
                      CountQuery(db,
                                 "SELECT game_date, game_id, team, table_name, reason, 1 FROM "
                                 "partition_gaps WHERE reason NOT LIKE 'upstream %' ORDER BY "
                                 "game_date, game_id, team, table_name LIMIT 50"));
  return s;
}

}  // namespace backcourt
