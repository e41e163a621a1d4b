#include "store/resolved_store.h"

#include "core/hash.h"
#include "store/partition_store.h"

namespace backcourt {

const Table<ResolvedGameRecord>& ResolvedGamesTable() {
  using R = ResolvedGameRecord;
  static const Table<R> table{"resolved_games",
                              {Col("game_id", &R::game_id),
                               Col("game_date", &R::game_date),
                               Col("season", &R::season),
                               Col("game_type", &R::game_type),
                               Col("home_team", &R::home_team),
                               Col("away_team", &R::away_team),
                               Col("status", &R::status),
                               Col("neutral_site", &R::neutral_site),
                               Col("inferred", &R::inferred),
                               Col("conflict", &R::conflict)},
                              {"resolved_season", "game_id"},
                              {"CREATE INDEX IF NOT EXISTS resolved_games_date ON resolved_games "
                               "(game_date)"}};
  return table;
}

const std::vector<ExtraColumn>& ResolvedSeasonColumn() {
  static const std::vector<ExtraColumn> columns{{"resolved_season", ColumnType::kInteger}};
  return columns;
}

std::string ResolvedTablesSql() {
  return CreateTableSql(ResolvedGamesTable(), ResolvedSeasonColumn()) + R"sql(
CREATE TABLE resolved_seasons (
  resolved_season INTEGER PRIMARY KEY,
  raw_fingerprint TEXT NOT NULL,
  games INTEGER NOT NULL,
  resolved_at TEXT NOT NULL);
)sql";
}

Result<std::string> ResolvedStore::RawFingerprint(const std::string& first,
                                                  const std::string& last,
                                                  const std::string& resolver_version) {
  // The rows LoadDated reads for the window (store/raw_store.cpp): dated within it, or undated
  // with a game id the schedule places within it (hashed under "gid:<game id>").
  BC_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("SELECT h.key, f.sha256, h.hash FROM raw_date_hashes h JOIN raw_files f USING "
                  "(file_id) WHERE h.key BETWEEN ?1 AND ?2 OR h.key IN (SELECT 'gid:' || "
                  "game_id FROM schedule WHERE game_date BETWEEN ?1 AND ?2) ORDER BY 1, 2, 3"));
  stmt.Bind(1, first).Bind(2, last);
  Hasher hasher;
  hasher.Add(resolver_version);
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    hasher.Add(stmt.Text(0));
    hasher.Add(stmt.Text(1));
    hasher.Add(stmt.Text(2));
  }
  return hasher.HexDigest();
}

Result<std::optional<std::vector<ResolvedGameRecord>>> ResolvedStore::LoadSeason(
    int season, const std::string& fingerprint) {
  using Games = std::optional<std::vector<ResolvedGameRecord>>;
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare("SELECT raw_fingerprint FROM resolved_seasons "
                                                  "WHERE resolved_season = ?"));
  stmt.Bind(1, static_cast<int64_t>(season));
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row || stmt.Text(0) != fingerprint) return Games();
  BC_ASSIGN_OR_RETURN(auto games,
                      ReadRows(db_, ResolvedGamesTable(), "resolved_season = ?1 ORDER BY "
                               "game_date, game_id",
                               [&](Statement& s) { s.Bind(1, static_cast<int64_t>(season)); }));
  return Games(std::move(games));
}

Result<std::vector<ResolvedGameRecord>> ResolvedStore::GamesOn(const std::string& game_date) {
  return ReadRows(db_, ResolvedGamesTable(), "game_date = ?1 ORDER BY game_id",
                  [&](Statement& s) { s.Bind(1, game_date); });
}

Status ResolvedStore::ReplaceSeason(int season, const std::string& fingerprint,
                                    const std::vector<ResolvedGameRecord>& games) {
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  const int64_t key = season;
  for (const char* sql : {"DELETE FROM resolved_games WHERE resolved_season = ?",
                          "DELETE FROM resolved_seasons WHERE resolved_season = ?"}) {
    BC_ASSIGN_OR_RETURN(Statement del, db_.Prepare(sql));
    del.Bind(1, key);
    BC_RETURN_IF_ERROR(del.Run());
  }
  BC_ASSIGN_OR_RETURN(auto writer,
                      BulkWriter<ResolvedGameRecord>::Create(db_, ResolvedGamesTable(),
                                                             ResolvedSeasonColumn()));
  BC_RETURN_IF_ERROR(writer.Append(games, [key](Statement& s, int index) { s.Bind(index, key); }));
  BC_ASSIGN_OR_RETURN(Statement record,
                      db_.Prepare("INSERT INTO resolved_seasons (resolved_season, raw_fingerprint, "
                                  "games, resolved_at) VALUES (?, ?, ?, ?)"));
  record.Bind(1, key).Bind(2, fingerprint).Bind(3, static_cast<int64_t>(games.size()));
  record.Bind(4, UtcNow());
  BC_RETURN_IF_ERROR(record.Run());
  return txn.Commit();
}

}  // namespace backcourt
