#pragma once
// Derived tables: one game_date partition at a time, replaced atomically by the caller's
// transaction.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/table.h"

namespace backcourt {

// How a derived table stored in the database compares with its declaration.
enum class TableSchema {
  kMissing,  // not created yet
  kCurrent,  // exactly as declared
  kOlder,    // every stored column is declared, but the declaration changed: backcourt's own
             // earlier schema, migrated (dropped, recreated, rebuilt) by a writing command
  kForeign,  // a stored column is not declared: someone extended the table, or another
             // version of backcourt made it; never dropped
};

struct TableSchemaState {
  TableSchema schema = TableSchema::kMissing;
  std::vector<std::string> undeclared;  // kForeign: the stored columns not declared
};

// The CREATE TABLE statement of the declaration, as SQLite stores it: what
// Db::TableDefinition gives for a table made from it.
template <class Row>
std::string StoredDefinition(const Table<Row>& table) {
  std::string expected = CreateTableSql(table);
  expected = expected.substr(0, expected.find(';'));
  expected.replace(0, std::string("CREATE TABLE IF NOT EXISTS ").size(), "CREATE TABLE ");
  return expected;
}

// Reads how `table` is stored, without writing.
template <class Row>
Result<TableSchemaState> CheckDerivedTable(Db& db, const Table<Row>& table) {
  TableSchemaState state;
  BC_ASSIGN_OR_RETURN(std::optional<std::string> existing, db.TableDefinition(table.name));
  if (!existing) return state;
  // The CREATE text and the columns: PostgreSQL keeps the text in a comment that a user's
  // ALTER TABLE leaves as it was.
  BC_ASSIGN_OR_RETURN(std::vector<std::string> columns, db.TableColumns(table.name));
  const bool same_columns = std::equal(columns.begin(), columns.end(), table.fields.begin(),
                                       table.fields.end(), [](const std::string& c, const Field<Row>& f) {
                                         return c == f.name;
                                       });
  state.schema = TableSchema::kCurrent;
  if (*existing == StoredDefinition(table) && same_columns) return state;
  state.schema = TableSchema::kOlder;
  for (const std::string& column : columns) {
    const bool declared = std::any_of(table.fields.begin(), table.fields.end(),
                                      [&](const Field<Row>& f) { return f.name == column; });
    if (!declared) state.undeclared.push_back(column);
  }
  if (!state.undeclared.empty()) state.schema = TableSchema::kForeign;
  return state;
}

// The refusal for a kForeign table: it names the columns and what to do.
Error ForeignTableError(std::string_view table, const std::vector<std::string>& undeclared);

// Makes a derived table from its CREATE TABLE text (`definition`, as StoredDefinition gives
// it), records that text (PostgreSQL keeps none of its own) and indexes its game_date.
Status CreateDerivedTable(Db& db, const std::string& name, const std::string& definition);

// Creates the table (and its game_date index) when missing. Backcourt's own older schema is
// dropped and recreated with its partition records (they are rebuilt); a table with columns
// backcourt does not declare is refused, never dropped. Only writing commands call this.
template <class Row>
Result<TableSchema> EnsureDerivedTable(Db& db, const Table<Row>& table) {
  BC_ASSIGN_OR_RETURN(TableSchemaState state, CheckDerivedTable(db, table));
  if (state.schema == TableSchema::kCurrent) return state.schema;
  if (state.schema == TableSchema::kForeign) {
    return tl::unexpected(ForeignTableError(table.name, state.undeclared));
  }
  const std::string name(table.name);
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  BC_RETURN_IF_ERROR(db.Exec("DROP TABLE IF EXISTS " + name));
  BC_RETURN_IF_ERROR(db.Exec("DELETE FROM partitions WHERE table_name = '" + name + "'"));
  BC_RETURN_IF_ERROR(db.Exec("DELETE FROM partition_gaps WHERE table_name = '" + name + "'"));
  BC_RETURN_IF_ERROR(CreateDerivedTable(db, name, StoredDefinition(table)));
  BC_RETURN_IF_ERROR(txn.Commit());
  return state.schema;
}

template <class Row>
Status ReplacePartitionRows(Db& db, const Table<Row>& table, const std::string& game_date,
                            const std::vector<Row>& rows) {
  BC_ASSIGN_OR_RETURN(Statement del, db.Prepare("DELETE FROM " + std::string(table.name) +
                                                " WHERE game_date = ?"));
  del.Bind(1, game_date);
  BC_RETURN_IF_ERROR(del.Run());
  BC_ASSIGN_OR_RETURN(auto writer, BulkWriter<Row>::Create(db, table));
  return writer.Append(rows);
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
