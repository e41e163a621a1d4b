#pragma once
// The partitions table (the backfill checkpoint) and the runs table.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/partition_status.h"

namespace backcourt {

// A game (team empty: both teams) or team-game that a partition could not build.
struct PartitionGap {
  std::string game_id, team, reason;
  friend auto operator<=>(const PartitionGap&, const PartitionGap&) = default;
};

// A failed or blocked record keeps the rows (and data_version) of the last good build, if
// there was one.
struct PartitionRecord {
  std::string table_name, game_date;
  PartitionStatus status = PartitionStatus::kPending;
  std::string processor_version, input_fingerprint, data_version;
  int64_t rows = 0;
  int64_t attempts = 0;
  std::string last_error;
  std::string started_at, finished_at;
  int64_t run_id = 0;
};

class PartitionStore {
 public:
  explicit PartitionStore(Db& db) : db_(db) {}
  // Insert or replace the record of (table_name, game_date); the caller owns the transaction.
  Status Upsert(const PartitionRecord& record);
  Result<std::optional<PartitionRecord>> Find(const std::string& table, const std::string& date);
  // Every record of a table, by date.
  Result<std::map<std::string, PartitionRecord>> ForTable(const std::string& table);
  // The records of a table dated within [first, last], by date.
  Result<std::map<std::string, PartitionRecord>> ForTableBetween(const std::string& table,
                                                                 const std::string& first,
                                                                 const std::string& last);
  // Replaces the gaps of (table, date); the caller owns the transaction.
  Status ReplaceGaps(std::string_view table, const std::string& date,
                     const std::vector<PartitionGap>& gaps);
  // The gaps of (table, date), sorted.
  Result<std::vector<PartitionGap>> Gaps(std::string_view table, const std::string& date);
  // For each record, whether the database already holds the rows it describes: the stored
  // record of its partition has the same data version (a hash of the rows and gaps) and row
  // count, and the table holds that many rows of the date. A rebuild that made exactly those
  // rows need not write them again. One statement for the records and one per table.
  Result<std::vector<bool>> HoldsRows(const std::vector<const PartitionRecord*>& records);
  // Deletes a partition's rows and its record (used by tests and `backfill --no-resume`).
  Status DeletePartition(const std::string& table, const std::string& date);

  Result<int64_t> StartRun(const std::string& command, const std::string& arguments,
                           const std::string& code_version);
  Status FinishRun(int64_t run_id, const std::string& outcome);

 private:
  Db& db_;
};

std::string UtcNow();

}  // namespace backcourt
