#include "store/partition_store.h"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace backcourt {
namespace {

constexpr const char* kColumns =
    "table_name, game_date, status, processor_version, input_fingerprint, data_version, rows, "
    "attempts, last_error, started_at, finished_at, run_id";
// An upsert replaces every column but the key.
constexpr const char* kUpdateColumns =
    "status = excluded.status, processor_version = excluded.processor_version, "
    "input_fingerprint = excluded.input_fingerprint, data_version = excluded.data_version, "
    "rows = excluded.rows, attempts = excluded.attempts, last_error = excluded.last_error, "
    "started_at = excluded.started_at, finished_at = excluded.finished_at, "
    "run_id = excluded.run_id";

Result<PartitionRecord> ReadRecord(const Statement& s) {
  const std::string status = s.Text(2);
  const auto parsed = ParsePartitionStatus(status);
  if (!parsed) {
    return InvalidInput(fmt::format("partition {} {} has an unknown status '{}'", s.Text(0),
                                    s.Text(1), status));
  }
  return PartitionRecord{s.Text(0), s.Text(1), *parsed,   s.Text(3), s.Text(4),  s.Text(5),
                         s.Int(6),  s.Int(7),  s.Text(8), s.Text(9), s.Text(10), s.Int(11)};
}

}  // namespace

std::string UtcNow() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now()));
}

Status PartitionStore::Upsert(const PartitionRecord& r) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare(fmt::format("INSERT INTO partitions ({}) VALUES "
                                              "(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (table_name, "
                                              "game_date) DO UPDATE SET {}",
                                              kColumns, kUpdateColumns)));
  stmt.Bind(1, r.table_name).Bind(2, r.game_date).Bind(3, ToString(r.status));
  stmt.Bind(4, r.processor_version);
  stmt.Bind(5, r.input_fingerprint).Bind(6, r.data_version).Bind(7, r.rows).Bind(8, r.attempts);
  stmt.Bind(9, r.last_error).Bind(10, r.started_at).Bind(11, r.finished_at).Bind(12, r.run_id);
  return stmt.Run();
}

Result<std::optional<PartitionRecord>> PartitionStore::Find(const std::string& table,
                                                           const std::string& date) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare(fmt::format("SELECT {} FROM partitions WHERE table_name = ? "
                                              "AND game_date = ?",
                                              kColumns)));
  stmt.Bind(1, table).Bind(2, date);
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return std::optional<PartitionRecord>();
  BC_ASSIGN_OR_RETURN(PartitionRecord record, ReadRecord(stmt));
  return std::optional<PartitionRecord>(std::move(record));
}

namespace {

// Every record the statement returns, by game date.
Result<std::map<std::string, PartitionRecord>> ReadRecordsByDate(Statement& stmt) {
  std::map<std::string, PartitionRecord> records;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return records;
    BC_ASSIGN_OR_RETURN(PartitionRecord record, ReadRecord(stmt));
    records.emplace(record.game_date, std::move(record));
  }
}

}  // namespace

Result<std::map<std::string, PartitionRecord>> PartitionStore::ForTable(const std::string& table) {
  BC_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare(fmt::format("SELECT {} FROM partitions WHERE table_name = ?", kColumns)));
  stmt.Bind(1, table);
  return ReadRecordsByDate(stmt);
}

Result<std::map<std::string, PartitionRecord>> PartitionStore::ForTableBetween(
    const std::string& table, const std::string& first, const std::string& last) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare(fmt::format("SELECT {} FROM partitions WHERE table_name = ? "
                                              "AND game_date >= ? AND game_date <= ?",
                                              kColumns)));
  stmt.Bind(1, table).Bind(2, first).Bind(3, last);
  return ReadRecordsByDate(stmt);
}

Status PartitionStore::ReplaceGaps(std::string_view table, const std::string& date,
                                   const std::vector<PartitionGap>& gaps) {
  BC_ASSIGN_OR_RETURN(Statement del, db_.Prepare("DELETE FROM partition_gaps WHERE table_name = ? "
                                                 "AND game_date = ?"));
  del.Bind(1, table).Bind(2, date);
  BC_RETURN_IF_ERROR(del.Run());
  if (gaps.empty()) return {};
  BC_ASSIGN_OR_RETURN(Statement insert,
                      db_.Prepare("INSERT INTO partition_gaps (table_name, game_date, game_id, team, "
                                  "reason) VALUES (?, ?, ?, ?, ?) ON CONFLICT (table_name, "
                                  "game_date, game_id, team) DO UPDATE SET reason = "
                                  "excluded.reason"));
  for (const PartitionGap& gap : gaps) {
    insert.Bind(1, table).Bind(2, date).Bind(3, gap.game_id).Bind(4, gap.team).Bind(5, gap.reason);
    BC_RETURN_IF_ERROR(insert.Run());
  }
  return {};
}

Result<std::vector<PartitionGap>> PartitionStore::Gaps(std::string_view table,
                                                       const std::string& date) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT game_id, team, reason FROM partition_gaps WHERE "
                                  "table_name = ? AND game_date = ? ORDER BY game_id, team"));
  stmt.Bind(1, table).Bind(2, date);
  std::vector<PartitionGap> gaps;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    gaps.push_back({stmt.Text(0), stmt.Text(1), stmt.Text(2)});
  }
  return gaps;
}

Status PartitionStore::DeletePartition(const std::string& table, const std::string& date) {
  BC_ASSIGN_OR_RETURN(Statement rows,
                      db_.Prepare(fmt::format("DELETE FROM {} WHERE game_date = ?", table)));
  rows.Bind(1, date);
  BC_RETURN_IF_ERROR(rows.Run());
  BC_RETURN_IF_ERROR(ReplaceGaps(table, date, {}));
  BC_ASSIGN_OR_RETURN(Statement record,
                      db_.Prepare("DELETE FROM partitions WHERE table_name = ? AND game_date = ?"));
  record.Bind(1, table).Bind(2, date);
  return record.Run();
}

Result<int64_t> PartitionStore::StartRun(const std::string& command, const std::string& arguments,
                                         const std::string& code_version) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("INSERT INTO runs (command, arguments, started_at, code_version) "
                                  "VALUES (?, ?, ?, ?) RETURNING run_id"));
  stmt.Bind(1, command).Bind(2, arguments).Bind(3, UtcNow()).Bind(4, code_version);
  return InsertReturningId(stmt);
}

Status PartitionStore::FinishRun(int64_t run_id, const std::string& outcome) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("UPDATE runs SET finished_at = ?, outcome = ? WHERE run_id = ?"));
  stmt.Bind(1, UtcNow()).Bind(2, outcome).Bind(3, run_id);
  return stmt.Run();
}

}  // namespace backcourt
