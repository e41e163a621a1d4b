#pragma once
// Raw tables: what ingest writes (one transaction per file) and what builds read.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/status.h"
#include "ingest/raw_rows.h"
#include "store/db.h"

namespace backcourt {

// Key prefix of betting-line rows in raw_date_hashes ("odds:2025-10-21"). DateCatalog's
// fingerprints leave them out, so lines never make box-score partitions stale.
inline constexpr std::string_view kOddsHashPrefix = "odds:";

// Key prefix of injury-report rows ("injury:2024-01-04", by the game date of each record):
// left out of DateCatalog's raw fingerprint too, read as DateInfo::injury_fingerprint.
inline constexpr std::string_view kInjuryHashPrefix = "injury:";

struct RawFileRecord {
  int64_t file_id = 0;
  std::string path;
  std::string sha256;
  std::string format;
  int64_t size_bytes = 0;
  int64_t rows_loaded = 0;
  int64_t rows_rejected = 0;
};

// What the resolved schedule and the raw rows say about one date (engine/resolved_schedule.h).
struct DateInfo {
  std::string season;       // of the date's first game
  bool has_games = false;   // a final game that derived tables cover, or dated raw rows
  std::string fingerprint;  // hash of the raw rows of every file that touch this date
  // Hash of the injury-report records of the date's games ("" when none): the raw input of
  // tables that read reports (Processor::reads_injury_reports).
  std::string injury_fingerprint;
  std::string odds_fingerprint;  // hash of the date's betting-line rows ("" when none)
};

// The hash of each date's (or undated game id's) raw rows of one file, by raw_date_hashes key.
using RawDateHashes = std::map<std::string, std::string>;

// What ReplaceFile stores in raw_date_hashes for `parsed`; needs no store, so a file can be
// hashed on another thread than the one that writes it.
RawDateHashes HashRawDates(const ParsedFile& parsed);

class RawStore {
 public:
  explicit RawStore(Db& db) : db_(db) {}

  Result<std::optional<RawFileRecord>> FindFileBySha(const std::string& sha256);
  Result<std::optional<RawFileRecord>> FindFileByPath(const std::string& path);

  // Writes one parsed file in one transaction: an earlier version of the same path loses
  // exactly its rows, then the new rows and the raw_files record are written.
  Result<RawFileRecord> ReplaceFile(const std::string& path, const std::string& sha256,
                                    int64_t size_bytes, const ParsedFile& parsed);
  // The same with `date_hashes` = HashRawDates(parsed), computed beforehand.
  Result<RawFileRecord> ReplaceFile(const std::string& path, const std::string& sha256,
                                    int64_t size_bytes, const ParsedFile& parsed,
                                    const RawDateHashes& date_hashes);
  // A bulk load drops the raw date indexes and makes them again at its end (schema.h).
  Status SuspendDateIndexes();
  Status RestoreDateIndexes();
  // Raw rows stored, by the files' records (cheap): to size a load against.
  Result<int64_t> StoredRows();
  // The path and sha256 of every ingested file.
  Result<std::vector<std::pair<std::string, std::string>>> FileShas();

  // Raw rows for builds: those dated within [first, last] (ISO, inclusive) and undated ones
  // whose game id the schedule places there.
  Result<std::vector<ScheduleRow>> LoadSchedule(const std::string& first, const std::string& last);
  Result<std::vector<TeamBoxRow>> LoadTeamBox(const std::string& first, const std::string& last);
  Result<std::vector<PlayerBoxRow>> LoadPlayerBox(const std::string& first,
                                                  const std::string& last);
  // Betting lines (and events) whose game date lies within [first, last]: every snapshot.
  Result<std::vector<OddsEventRow>> LoadOddsEvents(const std::string& first,
                                                   const std::string& last);
  Result<std::vector<PropLineRow>> LoadPropLines(const std::string& first, const std::string& last);
  Result<std::vector<GameLineRow>> LoadGameLines(const std::string& first, const std::string& last);
  // Fingerprint of the betting-line rows of each date within [first, last] that has any
  // (hashes under kOddsHashPrefix, ordered by file content, so independent of ingest order):
  // the raw input of tables built from lines.
  Result<std::map<std::string, std::string>> OddsFingerprints(const std::string& first,
                                                              const std::string& last);
  // Injury-report records (every report kept) whose game date lies within [first, last].
  Result<std::vector<InjuryReportRow>> LoadInjuryReports(const std::string& first,
                                                         const std::string& last);
  // Fingerprint of the injury-report records of each date that has any (kInjuryHashPrefix).
  Result<std::map<std::string, std::string>> InjuryFingerprints(const std::string& first,
                                                                const std::string& last);
  // Records of a file counted in raw_skips (markets not kept), in all.
  Result<int64_t> SkippedRows(int64_t file_id);

  // First and last date raw rows are dated on ("" when there are none).
  Result<std::pair<std::string, std::string>> RawDateRange();
  // Fingerprint of the raw rows of each date within [first, last] that has any: rows dated
  // there, and undated rows of the game ids `date_of_game` (game id -> date) places there.
  // Betting lines and injury reports are left out (OddsFingerprints, InjuryFingerprints).
  // Ordered by file content, so independent of ingest order.
  Result<std::map<std::string, std::string>> DateFingerprints(
      const std::string& first, const std::string& last,
      const std::unordered_map<std::string, std::string>& date_of_game);

 private:
  Status DeleteFileRows(int64_t file_id);
  Result<std::map<std::string, std::string>> PrefixedFingerprints(std::string_view key_prefix,
                                                                  const std::string& first,
                                                                  const std::string& last);
  Db& db_;
};

}  // namespace backcourt
