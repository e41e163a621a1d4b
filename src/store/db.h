#pragma once
// RAII over a database connection (SQLite or PostgreSQL, store/connection.h): prepared
// statements reset after each use, and a transaction that rolls back unless committed.
// Busy/locked errors are ErrorKind::kBusy so the scheduler can retry them.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/connection.h"

namespace backcourt {

class Statement {
 public:
  Statement() = default;
  explicit Statement(StatementBackend* backend) : backend_(backend) {}

  Statement& BindNull(int index) {
    backend_->BindNull(index);
    return *this;
  }
  Statement& Bind(int index, int64_t value) {
    backend_->BindInt(index, value);
    return *this;
  }
  Statement& Bind(int index, double value) {
    backend_->BindReal(index, value);
    return *this;
  }
  Statement& Bind(int index, std::string_view value) {  // copied
    backend_->BindText(index, value, true);
    return *this;
  }
  // Not copied: `value` must stay alive and unchanged until the next step or reset.
  Statement& BindUncopied(int index, std::string_view value) {
    backend_->BindText(index, value, false);
    return *this;
  }
  // Exact overloads, so strings and literals do not also convert to std::optional<std::string>.
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const std::optional<int64_t>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }
  Statement& Bind(int index, const std::optional<double>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }
  Statement& Bind(int index, const std::optional<std::string>& value) {
    return value ? Bind(index, std::string_view(*value)) : BindNull(index);
  }

  // One step: true when a row is available, false when done.
  Result<bool> Step() { return backend_->Step(); }
  // Steps to completion (for statements without result rows), then resets.
  Status Run();
  // Run, keeping the bindings: for a statement whose every parameter is bound before each run.
  Status RunKeepingBindings();
  void Reset() { backend_->Reset(true); }
  // Writes what a bulk-insert statement (Db::PrepareBulkInsert) buffered.
  Status Flush() { return backend_->Flush(); }

  bool IsNull(int column) const { return backend_->IsNull(column); }
  int64_t Int(int column) const { return backend_->Int(column); }
  double Real(int column) const { return backend_->Real(column); }
  std::string Text(int column) const { return backend_->Text(column); }
  // Text without a copy, valid until the next Step or Reset.
  std::string_view TextView(int column) const { return backend_->TextView(column); }
  std::optional<int64_t> OptInt(int column) const;
  std::optional<double> OptReal(int column) const;
  std::optional<std::string> OptText(int column) const;
  int ColumnCount() const { return backend_->ColumnCount(); }
  std::string ColumnName(int column) const { return backend_->ColumnName(column); }
  // Rows the last completed INSERT, UPDATE or DELETE of this statement changed.
  int64_t Changes() const { return backend_->Changes(); }

 private:
  struct Release {
    void operator()(StatementBackend* backend) const { backend->Release(); }
  };
  std::unique_ptr<StatementBackend, Release> backend_;
};

// True for a PostgreSQL target: a postgresql:// or postgres:// URL, or a libpq key=value
// string (it contains '='). Anything else is an SQLite file (or ":memory:").
bool IsServerTarget(std::string_view target);
// `target` as messages may show it: a server target's password replaced by ***.
std::string DisplayTarget(std::string_view target);

class Db {
 public:
  // Opens the database `target` names (IsServerTarget): an SQLite file is created when
  // missing, in WAL mode with a busy timeout (":memory:" works); a PostgreSQL database
  // must exist.
  static Result<Db> Open(const std::string& target);
  // Opens an existing database read-only: never creates it, never changes it. An SQLite file
  // in a folder (or on a medium) it cannot write is opened immutable; a PostgreSQL session is
  // read-only (default_transaction_read_only).
  static Result<Db> OpenReadOnly(const std::string& target);

  Status Exec(std::string_view sql) { return conn_->Exec(sql); }
  Result<Statement> Prepare(std::string_view sql);
  // A statement that appends one row of `columns` (`count` comma-separated names) to `table`
  // per Run: a prepared INSERT on SQLite, COPY on PostgreSQL. Call Flush after the last row.
  Result<Statement> PrepareBulkInsert(std::string_view table, std::string_view columns,
                                      int count);
  // Convenience for "SELECT one integer".
  Result<int64_t> QueryInt(std::string_view sql);

  Dialect dialect() const { return conn_->dialect(); }
  // The target as given: another connection to the same database opens it.
  const std::string& path() const { return path_; }
  // The database as messages name it, never with a password.
  const std::string& name() const { return conn_->name(); }

  // The catalog, asked the same way on every backend.
  Result<bool> TableExists(std::string_view name) { return conn_->TableExists(name); }
  Result<bool> IndexExists(std::string_view name) { return conn_->IndexExists(name); }
  // The table's column names in declared order (empty when there is no such table).
  Result<std::vector<std::string>> TableColumns(std::string_view name);
  Result<std::vector<ColumnInfo>> Columns(std::string_view table) { return conn_->Columns(table); }
  Result<std::vector<std::string>> Tables() { return conn_->Tables(); }
  // The CREATE TABLE statement the table was made with (nullopt: no such table).
  Result<std::optional<std::string>> TableDefinition(std::string_view name) {
    return conn_->TableDefinition(name);
  }
  Status RecordTableDefinition(std::string_view name, std::string_view definition) {
    return conn_->RecordTableDefinition(name, definition);
  }
  // Tables, indexes and views of any program: a new database has none.
  Result<int64_t> SchemaObjectCount() { return conn_->SchemaObjectCount(); }
  // The backcourt schema version: 0 for a database backcourt never migrated.
  Result<int64_t> SchemaVersion() { return conn_->SchemaVersion(); }
  Status SetSchemaVersion(int64_t version) { return conn_->SetSchemaVersion(version); }

  Connection& connection() { return *conn_; }

 private:
  Db(std::unique_ptr<Connection> conn, std::string path)
      : conn_(std::move(conn)), path_(std::move(path)) {}
  std::unique_ptr<Connection> conn_;
  std::string path_;
};

// Steps an INSERT ... RETURNING <id> to completion and gives the id it returned.
Result<int64_t> InsertReturningId(Statement& stmt);

// "?, ?, ?": `count` parameters, for an IN list (or one row of VALUES).
std::string Placeholders(size_t count);
// "(?, ?), (?, ?)": `rows` rows of `width` parameters, for a multi-row VALUES list.
std::string ValuesList(size_t rows, size_t width);

// Begins a write transaction (BEGIN IMMEDIATE on SQLite); ROLLBACK in the destructor unless
// Commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> Begin(Db& db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_;
};

}  // namespace backcourt
