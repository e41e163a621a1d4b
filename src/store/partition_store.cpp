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

Result<std::vector<bool>> PartitionStore::HoldsRows(
    const std::vector<const PartitionRecord*>& records) {
  std::vector<bool> held(records.size(), false);
  if (records.empty()) return held;
  BC_ASSIGN_OR_RETURN(Statement stored,
                      db_.Prepare("WITH k(t, d) AS (VALUES " + ValuesList(records.size(), 2) +
                                  ") SELECT p.table_name, p.game_date, p.data_version, p.rows "
                                  "FROM k JOIN partitions p ON p.table_name = k.t AND "
                                  "p.game_date = k.d"));
  for (size_t i = 0; i < records.size(); ++i) {
    const int index = static_cast<int>(2 * i + 1);
    stored.Bind(index, records[i]->table_name).Bind(index + 1, records[i]->game_date);
  }
  std::map<std::pair<std::string, std::string>, std::pair<std::string, int64_t>> versions;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stored.Step());
    if (!has_row) break;
    versions.emplace(std::pair(stored.Text(0), stored.Text(1)),
                     std::pair(stored.Text(2), stored.Int(3)));
  }
  // The records whose stored version matches, by table: their rows are counted.
  std::map<std::string, std::vector<size_t>> same_version;
  for (size_t i = 0; i < records.size(); ++i) {
    const PartitionRecord& r = *records[i];
    auto it = versions.find({r.table_name, r.game_date});
    if (it != versions.end() && !r.data_version.empty() &&
        it->second == std::pair(r.data_version, r.rows)) {
      same_version[r.table_name].push_back(i);
    }
  }
  for (const auto& [table, which] : same_version) {
    BC_ASSIGN_OR_RETURN(Statement count,
                        db_.Prepare(fmt::format("SELECT game_date, COUNT(*) FROM {} WHERE "
                                                "game_date IN ({}) GROUP BY game_date",
                                                table, Placeholders(which.size()))));
    for (size_t i = 0; i < which.size(); ++i) {
      count.Bind(static_cast<int>(i + 1), records[which[i]]->game_date);
    }
    std::map<std::string, int64_t> counted;
    for (;;) {
      BC_ASSIGN_OR_RETURN(bool has_row, count.Step());
      if (!has_row) break;
      counted.emplace(count.Text(0), count.Int(1));
    }
    for (size_t i : which) {
      auto it = counted.find(records[i]->game_date);
      held[i] = (it == counted.end() ? 0 : it->second) == records[i]->rows;
    }
  }
  return held;
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
