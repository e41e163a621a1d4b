#pragma once
// Derived tables: one game_date partition at a time, replaced atomically by the caller's
// transaction.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/table.h"

namespace backcourt {

// Creates the table (and its game_date index) when missing. When the declared columns differ
// from the stored table's, the table and its partition records are dropped and recreated,
// so no partition survives a schema change.
template <class Row>
Status EnsureDerivedTable(Db& db, const Table<Row>& table) {
  const std::string create = CreateTableSql(table);
  std::optional<std::string> existing;
  {
    // The statement must be finished before the table can be dropped.
    BC_ASSIGN_OR_RETURN(Statement stmt, db.Prepare("SELECT sql FROM sqlite_master WHERE name = ?"));
    stmt.Bind(1, table.name);
    BC_ASSIGN_OR_RETURN(bool exists, stmt.Step());
    if (exists) existing = stmt.Text(0);
  }
  std::string expected = create.substr(0, create.find(';'));
  expected.replace(0, std::string("CREATE TABLE IF NOT EXISTS ").size(), "CREATE TABLE ");
  if (existing == expected) return {};
  const std::string name(table.name);
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  BC_RETURN_IF_ERROR(db.Exec("DROP TABLE IF EXISTS " + name));
  BC_RETURN_IF_ERROR(db.Exec("DELETE FROM partitions WHERE table_name = '" + name + "'"));
  BC_RETURN_IF_ERROR(db.Exec(create));
  BC_RETURN_IF_ERROR(
      db.Exec("CREATE INDEX IF NOT EXISTS " + name + "_date ON " + name + " (game_date)"));
  return txn.Commit();
}

template <class Row>
Status ReplacePartitionRows(Db& db, const Table<Row>& table, const std::string& game_date,
                            const std::vector<Row>& rows) {
  BC_ASSIGN_OR_RETURN(Statement del, db.Prepare("DELETE FROM " + std::string(table.name) +
                                                " WHERE game_date = ?"));
  del.Bind(1, game_date);
  BC_RETURN_IF_ERROR(del.Run());
  BC_ASSIGN_OR_RETURN(auto writer, BulkWriter<Row>::Create(db, table));
  for (const Row& row : rows) BC_RETURN_IF_ERROR(writer.Append(row));
  return {};
}

template <class Row>
Result<std::vector<Row>> ReadPartitionRows(Db& db, const Table<Row>& table,
                                           const std::string& game_date) {
  return ReadRows(db, table, "game_date = ? ORDER BY rowid",
                  [&](Statement& s) { s.Bind(1, game_date); });
}

template <class Row>
Result<std::vector<Row>> ReadDateRange(Db& db, const Table<Row>& table, const std::string& first,
                                       const std::string& last) {
  return ReadRows(db, table, "game_date BETWEEN ? AND ? ORDER BY game_date, rowid",
                  [&](Statement& s) { s.Bind(1, first).Bind(2, last); });
}

}  // namespace backcourt
