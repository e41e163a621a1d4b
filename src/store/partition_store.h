#pragma once
// The partitions table (the backfill checkpoint) and the runs table.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

struct PartitionRecord {
  std::string table_name, game_date, status;  // pending running ok no_games failed blocked
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
