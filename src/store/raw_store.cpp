#include "store/raw_store.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "store/partition_store.h"
#include "store/schema.h"

namespace backcourt {
namespace {

constexpr const char* kFileColumns =
    "SELECT file_id, path, sha256, format, size_bytes, rows_loaded, rows_rejected FROM raw_files";

Result<std::optional<RawFileRecord>> FindOne(Statement& stmt) {
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return std::optional<RawFileRecord>();
  RawFileRecord record{stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3),
                       stmt.Int(4), stmt.Int(5),  stmt.Int(6)};
  return std::optional<RawFileRecord>(std::move(record));
}

template <class Row>
Status WriteRows(Db& db, const Table<Row>& table, int64_t file_id, const std::vector<Row>& rows) {
  if (rows.empty()) return {};
  BC_ASSIGN_OR_RETURN(auto writer, BulkWriter<Row>::Create(db, table, FileIdColumn()));
  return writer.Append(rows, [file_id](Statement& s, int index) { s.Bind(index, file_id); });
}

template <class Row>
Result<std::vector<Row>> LoadDated(Db& db, const Table<Row>& table, const std::string& first,
                                   const std::string& last) {
  // Undated rows (sources with only a game id) count when the schedule puts their game in
  // the window; ?1 and ?2 are the window's bounds.
  constexpr const char* kWhere =
      "game_date BETWEEN ?1 AND ?2 OR (game_date = '' AND game_id IN (SELECT game_id FROM "
      "schedule WHERE game_date BETWEEN ?1 AND ?2))";
  // Builds depend on the order rows come in. SQLite reads them through its date index, one
  // OR term after the other: dated rows by (game_date, game_id, rowid), then undated ones by
  // (game_id, rowid). PostgreSQL is told that order; SQLite gets it without a sort.
  const std::string where =
      db.dialect() == Dialect::kSqlite
          ? std::string(kWhere)
          : std::string("(") + kWhere +
                ") ORDER BY (game_date BETWEEN ?1 AND ?2) DESC, game_date, game_id, rowid";
  // An upper bound of the rows from the date index alone (every undated row counted): a
  // season's player rows are tens of megabytes, which a growing vector would move and touch
  // twice over.
  BC_ASSIGN_OR_RETURN(Statement count,
                      db.Prepare(fmt::format("SELECT (SELECT COUNT(*) FROM {0} WHERE game_date "
                                             "BETWEEN ?1 AND ?2) + (SELECT COUNT(*) FROM {0} "
                                             "WHERE game_date = '')",
                                             table.name)));
  count.Bind(1, first).Bind(2, last);
  BC_ASSIGN_OR_RETURN(bool counted, count.Step());
  const size_t capacity = counted ? static_cast<size_t>(count.Int(0)) : 0;
  return ReadRows(
      db, table, where, [&](Statement& s) { s.Bind(1, first).Bind(2, last); }, capacity);
}

// Hashers by raw_date_hashes key. A file's rows come in runs of one date, so the last
// bucket is tried before the map.
class DateBuckets {
 public:
  Hasher& operator[](const std::string& key) {
    if (last_ == nullptr || key != last_key_) {
      last_ = &buckets_[key];
      last_key_ = key;
    }
    return *last_;
  }
  RawDateHashes Digests() const {
    RawDateHashes hashes;
    for (const auto& [key, hasher] : buckets_) hashes.emplace_hint(hashes.end(), key, hasher.HexDigest());
    return hashes;
  }

 private:
  std::map<std::string, Hasher> buckets_;
  Hasher* last_ = nullptr;
  std::string last_key_;
};

// Adds each row's content hash to the bucket of its date (or "gid:<game id>" when undated).
template <class Row>
void HashByDate(const Table<Row>& table, const std::vector<Row>& rows, DateBuckets& buckets) {
  std::string key;
  for (const Row& row : rows) {
    if (!row.game_date.empty()) {
      key = row.game_date;
    } else {
      key = "gid:";
      key += row.game_id;
    }
    HashRow(table, row, buckets[key]);
  }
}

// Adds each row's content hash to the bucket "<prefix><game date>". Betting lines hash under
// "odds:<date>": a key DateCatalog does not read, so ingesting lines leaves the box-score
// tables' fingerprints as they were; tables fed by lines read these. Injury reports hash
// under "injury:<game date>" for the same reason: a new report makes the availability
// tables of its games stale, never the box-score tables.
template <class Row>
void HashPrefixedByDate(const Table<Row>& table, std::string_view prefix,
                        const std::vector<Row>& rows, DateBuckets& buckets) {
  std::string key;
  for (const Row& row : rows) {
    key = prefix;
    key += row.game_date;
    HashRow(table, row, buckets[key]);
  }
}

Status WriteDateHashes(Db& db, int64_t file_id, const RawDateHashes& hashes) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("INSERT INTO raw_date_hashes (file_id, key, hash) VALUES (?,?,?)"));
  for (const auto& [key, hash] : hashes) {
    stmt.Bind(1, file_id).BindUncopied(2, key).BindUncopied(3, hash);
    BC_RETURN_IF_ERROR(stmt.RunKeepingBindings());
  }
  return {};
}

Status WriteSkips(Db& db, int64_t file_id, const std::map<std::string, int64_t>& skipped) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("INSERT INTO raw_skips (file_id, what, rows) VALUES (?,?,?)"));
  for (const auto& [what, rows] : skipped) {
    stmt.Bind(1, file_id).Bind(2, what).Bind(3, rows);
    BC_RETURN_IF_ERROR(stmt.Run());
  }
  return {};
}

// Rows of the window in the order of the table's date index (`index_order`), as SQLite reads
// them, and then by rowid: the order the builds saw.
template <class Row>
Result<std::vector<Row>> LoadOdds(Db& db, const Table<Row>& table, const std::string& first,
                                  const std::string& last, std::string_view index_order) {
  return ReadRows(db, table,
                  fmt::format("game_date BETWEEN ?1 AND ?2 ORDER BY {}, rowid", index_order),
                  [&](Statement& s) { s.Bind(1, first).Bind(2, last); });
}

}  // namespace

RawDateHashes HashRawDates(const ParsedFile& parsed) {
  DateBuckets buckets;
  HashByDate(ScheduleTable(), parsed.schedule, buckets);
  HashByDate(RawTeamBoxTable(), parsed.team_box, buckets);
  HashByDate(RawPlayerBoxTable(), parsed.player_box, buckets);
  HashPrefixedByDate(RawOddsEventsTable(), kOddsHashPrefix, parsed.odds_events, buckets);
  HashPrefixedByDate(RawPropLinesTable(), kOddsHashPrefix, parsed.prop_lines, buckets);
  HashPrefixedByDate(RawGameLinesTable(), kOddsHashPrefix, parsed.game_lines, buckets);
  HashPrefixedByDate(RawInjuryReportsTable(), kInjuryHashPrefix, parsed.injury_reports, buckets);
  return buckets.Digests();
}

Result<std::vector<std::pair<std::string, std::string>>> RawStore::FileShas() {
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare("SELECT path, sha256 FROM raw_files"));
  std::vector<std::pair<std::string, std::string>> files;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    files.emplace_back(stmt.Text(0), stmt.Text(1));
  }
  return files;
}

Status RawStore::SuspendDateIndexes() { return DropRawDateIndexes(db_); }

Status RawStore::RestoreDateIndexes() { return CreateRawDateIndexes(db_); }

Result<int64_t> RawStore::StoredRows() {
  return db_.QueryInt("SELECT COALESCE(SUM(rows_loaded), 0) FROM raw_files");
}

Result<std::optional<RawFileRecord>> RawStore::FindFileBySha(const std::string& sha256) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare(std::string(kFileColumns) + " WHERE sha256 = ? LIMIT 1"));
  stmt.Bind(1, sha256);
  return FindOne(stmt);
}

Result<std::optional<RawFileRecord>> RawStore::FindFileByPath(const std::string& path) {
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(std::string(kFileColumns) + " WHERE path = ?"));
  stmt.Bind(1, path);
  return FindOne(stmt);
}

Status RawStore::DeleteFileRows(int64_t file_id) {
  for (const char* table :
       {"schedule", "raw_team_box", "raw_player_box", "raw_odds_events", "raw_prop_lines",
        "raw_game_lines", "raw_skips", "raw_injury_reports", "raw_rejects", "raw_date_hashes"}) {
    BC_ASSIGN_OR_RETURN(Statement stmt,
                        db_.Prepare(fmt::format("DELETE FROM {} WHERE file_id = ?", table)));
    stmt.Bind(1, file_id);
    BC_RETURN_IF_ERROR(stmt.Run());
  }
  return {};
}

Result<RawFileRecord> RawStore::ReplaceFile(const std::string& path, const std::string& sha256,
                                            int64_t size_bytes, const ParsedFile& parsed) {
  return ReplaceFile(path, sha256, size_bytes, parsed, HashRawDates(parsed));
}

Result<RawFileRecord> RawStore::ReplaceFile(const std::string& path, const std::string& sha256,
                                            int64_t size_bytes, const ParsedFile& parsed,
                                            const RawDateHashes& date_hashes) {
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  BC_ASSIGN_OR_RETURN(std::optional<RawFileRecord> previous, FindFileByPath(path));
  if (previous) {
    BC_RETURN_IF_ERROR(DeleteFileRows(previous->file_id));
    BC_ASSIGN_OR_RETURN(Statement del, db_.Prepare("DELETE FROM raw_files WHERE file_id = ?"));
    del.Bind(1, previous->file_id);
    BC_RETURN_IF_ERROR(del.Run());
  }
  RawFileRecord record{0,
                       path,
                       sha256,
                       parsed.format,
                       size_bytes,
                       static_cast<int64_t>(parsed.rows_loaded()),
                       static_cast<int64_t>(parsed.rejects.size())};
  BC_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO raw_files (path, sha256, format, size_bytes, rows_loaded, "
                  "rows_rejected, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING file_id"));
  insert.Bind(1, path).Bind(2, sha256).Bind(3, parsed.format).Bind(4, size_bytes);
  insert.Bind(5, record.rows_loaded).Bind(6, record.rows_rejected).Bind(7, UtcNow());
  BC_ASSIGN_OR_RETURN(record.file_id, InsertReturningId(insert));

  BC_RETURN_IF_ERROR(WriteRows(db_, ScheduleTable(), record.file_id, parsed.schedule));
  BC_RETURN_IF_ERROR(WriteRows(db_, RawTeamBoxTable(), record.file_id, parsed.team_box));
  BC_RETURN_IF_ERROR(WriteRows(db_, RawPlayerBoxTable(), record.file_id, parsed.player_box));
  BC_RETURN_IF_ERROR(WriteRows(db_, RawOddsEventsTable(), record.file_id, parsed.odds_events));
  BC_RETURN_IF_ERROR(WriteRows(db_, RawPropLinesTable(), record.file_id, parsed.prop_lines));
  BC_RETURN_IF_ERROR(WriteRows(db_, RawGameLinesTable(), record.file_id, parsed.game_lines));
  BC_RETURN_IF_ERROR(
      WriteRows(db_, RawInjuryReportsTable(), record.file_id, parsed.injury_reports));
  BC_RETURN_IF_ERROR(WriteRows(db_, RawRejectsTable(), record.file_id, parsed.rejects));
  BC_RETURN_IF_ERROR(WriteSkips(db_, record.file_id, parsed.skipped));
  BC_RETURN_IF_ERROR(WriteDateHashes(db_, record.file_id, date_hashes));
  BC_RETURN_IF_ERROR(txn.Commit());
  return record;
}

Result<std::vector<ScheduleRow>> RawStore::LoadSchedule(const std::string& first,
                                                        const std::string& last) {
  return LoadDated(db_, ScheduleTable(), first, last);
}
Result<std::vector<TeamBoxRow>> RawStore::LoadTeamBox(const std::string& first,
                                                     const std::string& last) {
  return LoadDated(db_, RawTeamBoxTable(), first, last);
}
Result<std::vector<PlayerBoxRow>> RawStore::LoadPlayerBox(const std::string& first,
                                                         const std::string& last) {
  return LoadDated(db_, RawPlayerBoxTable(), first, last);
}
Result<std::vector<OddsEventRow>> RawStore::LoadOddsEvents(const std::string& first,
                                                           const std::string& last) {
  return LoadOdds(db_, RawOddsEventsTable(), first, last, "game_date");
}
Result<std::vector<PropLineRow>> RawStore::LoadPropLines(const std::string& first,
                                                         const std::string& last) {
  return LoadOdds(db_, RawPropLinesTable(), first, last, "game_date, name_key");
}
Result<std::vector<GameLineRow>> RawStore::LoadGameLines(const std::string& first,
                                                         const std::string& last) {
  return LoadOdds(db_, RawGameLinesTable(), first, last, "game_date");
}

Result<std::vector<InjuryReportRow>> RawStore::LoadInjuryReports(const std::string& first,
                                                                 const std::string& last) {
  return LoadOdds(db_, RawInjuryReportsTable(), first, last,
                  "game_date, team, report_time_utc");
}

Result<int64_t> RawStore::SkippedRows(int64_t file_id) {
  BC_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("SELECT COALESCE(SUM(rows), 0) FROM raw_skips WHERE file_id = ?"));
  stmt.Bind(1, file_id);
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  return has_row ? stmt.Int(0) : 0;
}

}  // namespace backcourt

namespace backcourt {

Result<std::pair<std::string, std::string>> RawStore::RawDateRange() {
  // Dated keys only: "gid:", "injury:" and "odds:" keys sort after every ISO date.
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT COALESCE(MIN(key), ''), COALESCE(MAX(key), '') FROM "
                                  "raw_date_hashes WHERE key BETWEEN '0000-01-01' AND "
                                  "'9999-12-31'"));
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return std::pair<std::string, std::string>();
  return std::pair(stmt.Text(0), stmt.Text(1));
}

Result<std::map<std::string, std::string>> RawStore::DateFingerprints(
    const std::string& first, const std::string& last,
    const std::unordered_map<std::string, std::string>& date_of_game) {
  // (date, file sha256, hash) sorted, so the fingerprint does not depend on ingest order.
  std::vector<std::array<std::string, 3>> parts;
  BC_ASSIGN_OR_RETURN(Statement hashes,
                      db_.Prepare("SELECT h.key, f.sha256, h.hash FROM raw_date_hashes h "
                                  "JOIN raw_files f USING (file_id) WHERE h.key BETWEEN ?1 AND "
                                  "?2 OR (h.key >= 'gid:' AND h.key < 'gid;')"));
  hashes.Bind(1, first).Bind(2, last);
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, hashes.Step());
    if (!has_row) break;
    std::string key = hashes.Text(0);
    if (key.rfind("gid:", 0) == 0) {
      auto game = date_of_game.find(key.substr(4));
      if (game == date_of_game.end() || game->second < first || game->second > last) continue;
      key = game->second;
    }
    parts.push_back({std::move(key), hashes.Text(1), hashes.Text(2)});
  }
  std::sort(parts.begin(), parts.end());
  std::map<std::string, Hasher> by_date;
  for (const auto& [date, sha, hash] : parts) {
    by_date[date].Add(sha);
    by_date[date].Add(hash);
  }
  std::map<std::string, std::string> fingerprints;
  for (auto& [date, hasher] : by_date) fingerprints[date] = hasher.HexDigest();
  return fingerprints;
}

}  // namespace backcourt

namespace backcourt {

Result<std::map<std::string, std::string>> RawStore::OddsFingerprints(const std::string& first,
                                                                      const std::string& last) {
  return PrefixedFingerprints(kOddsHashPrefix, first, last);
}

Result<std::map<std::string, std::string>> RawStore::InjuryFingerprints(const std::string& first,
                                                                        const std::string& last) {
  return PrefixedFingerprints(kInjuryHashPrefix, first, last);
}

Result<std::map<std::string, std::string>> RawStore::PrefixedFingerprints(
    std::string_view key_prefix, const std::string& first, const std::string& last) {
  const std::string prefix(key_prefix);
  BC_ASSIGN_OR_RETURN(Statement hashes,
                      db_.Prepare("SELECT substr(h.key, ?1), f.sha256, h.hash FROM "
                                  "raw_date_hashes h JOIN raw_files f USING (file_id) WHERE "
                                  "h.key BETWEEN ?2 AND ?3 ORDER BY 1, 2, 3"));
  hashes.Bind(1, static_cast<int64_t>(prefix.size() + 1))
      .Bind(2, prefix + first)
      .Bind(3, prefix + last);
  std::map<std::string, Hasher> by_date;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, hashes.Step());
    if (!has_row) break;
    Hasher& hasher = by_date[hashes.Text(0)];
    hasher.Add(hashes.Text(1));
    hasher.Add(hashes.Text(2));
  }
  std::map<std::string, std::string> fingerprints;
  for (auto& [date, hasher] : by_date) fingerprints[date] = hasher.HexDigest();
  return fingerprints;
}

}  // namespace backcourt
