#pragma once
// The store's tables, declared once, and the migrations that create them.
#include <string>
#include <vector>

#include "ingest/raw_rows.h"
#include "store/db.h"
#include "store/table.h"

namespace backcourt {

const Table<ScheduleRow>& ScheduleTable();
const Table<TeamBoxRow>& RawTeamBoxTable();
const Table<PlayerBoxRow>& RawPlayerBoxTable();
const Table<RejectRow>& RawRejectsTable();
// Betting lines (DESIGN.md §3): every snapshot, with captured_at (NULL when unknown).
const Table<OddsEventRow>& RawOddsEventsTable();
const Table<PropLineRow>& RawPropLinesTable();
const Table<GameLineRow>& RawGameLinesTable();
// Every injury report kept: one row per player (or not-submitted team) per report.
const Table<InjuryReportRow>& RawInjuryReportsTable();
// Raw tables carry the id of the file that brought each row, so a changed file replaces
// exactly its own rows.
const std::vector<ExtraColumn>& FileIdColumn();

// Brings the database to the current schema (Db::SchemaVersion), in one transaction.
Status Migrate(Db& db);
int CurrentSchemaVersion();

// The raw box-score tables' date indexes (raw_team_box_date, raw_player_box_date): a large
// ingest drops them while it loads and makes them again at the end, since building an index
// once from all its keys costs less than maintaining it row by row. Create makes those that
// are missing (and writes nothing when both exist); OpenStore calls it too, so an ingest
// killed in between leaves no database without them.
Status DropRawDateIndexes(Db& db);
Status CreateRawDateIndexes(Db& db);

// Opens the database at `path` and migrates it (writing commands). A SQLite file that is
// neither empty nor backcourt's is refused. Missing raw date indexes are made again.
Result<Db> OpenStore(const std::string& path);
// Opens an existing backcourt database read-only (read commands): a missing file, a file
// that is not backcourt's, or a schema that needs migrating is a clear error, never a write.
Result<Db> OpenStoreForReading(const std::string& path);

}  // namespace backcourt
