#pragma once
// A database built from the real data of ../shared/data/nba (BACKCOURT_SHARED_DATA): ingest,
// then one backfill over a date range, in a temp file (workers need a file, not :memory:).
// Plus the small SQL helpers the real-data tests read it with.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "engine/backfill.h"
#include "ingest/ingest.h"
#include "store/db.h"
#include "store/schema.h"
#include "store/table.h"
#include "tables/registry.h"

namespace backcourt::real_data {

inline std::filesystem::path SharedDataDir() { return BACKCOURT_SHARED_DATA; }
inline bool HaveSharedData() { return std::filesystem::is_directory(SharedDataDir()); }

// A unique temp path per process and tag; RemoveDatabase deletes it with its WAL files.
inline std::filesystem::path TempDatabasePath(std::string_view tag) {
  return std::filesystem::temp_directory_path() /
         fmt::format("backcourt_{}_{}.db", tag, static_cast<long>(::getpid()));
}

inline void RemoveDatabase(const std::filesystem::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path.string() + suffix, ignored);
  }
}

struct BuiltDatabase {
  std::filesystem::path path;
  std::optional<Db> db;
  std::vector<FileOutcome> files;  // every ingested file, in ingest order
  BackfillResult backfill;
  double ingest_seconds = 0;
};

// Ingests `paths` one Ingest() call at a time, in the order given, then backfills the three
// analytics tables (closed under upstreams) over [start, end]. Dates with missing games are built partial.
// An error names the step that failed.
inline Result<BuiltDatabase> BuildDatabase(const std::filesystem::path& path,
                                           const std::vector<std::string>& paths,
                                           const std::string& start, const std::string& end) {
  RemoveDatabase(path);
  BuiltDatabase built;
  built.path = path;
  BC_ASSIGN_OR_RETURN(Db db, OpenStore(path.string()));
  for (const std::string& input : paths) {
    BC_ASSIGN_OR_RETURN(IngestReport report, Ingest(db, {input}, IngestOptions{}));
    built.ingest_seconds += report.seconds;
    for (FileOutcome& file : report.files) {
      if (file.action == IngestAction::kRefused) {
        return InvalidInput(fmt::format("ingest refused {}: {}", file.path, file.error));
      }
      built.files.push_back(std::move(file));
    }
  }
  BackfillOptions options;
  options.start_date = start;
  options.end_date = end;
  options.tables = {"team_offense_game_summary", "team_defense_game_summary",
                    "player_game_summary"};
  BC_ASSIGN_OR_RETURN(built.backfill, RunBackfill(db, Registry::Default(), options));
  built.db = std::move(db);
  return built;
}

// Runs `sql` and calls `on_row` for each result row.
inline Status ForEachRow(Db& db, std::string_view sql,
                         const std::function<void(const Statement&)>& on_row) {
  BC_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return {};
    on_row(stmt);
  }
}

// Hash of a whole derived table, rows in primary-key order, every declared column.
template <class Row>
Result<std::string> TableHash(Db& db, const Table<Row>& table, int64_t* rows = nullptr) {
  std::string order;
  for (std::string_view column : table.primary_key) {
    order += (order.empty() ? "" : ", ") + std::string(column);
  }
  BC_ASSIGN_OR_RETURN(auto all, ReadRows(db, table, "1 = 1 ORDER BY " + order, [](Statement&) {}));
  Hasher hasher;
  hasher.AddU64(all.size());
  for (const Row& row : all) HashRow(table, row, hasher);
  if (rows != nullptr) *rows = static_cast<int64_t>(all.size());
  return hasher.HexDigest();
}

}  // namespace backcourt::real_data
