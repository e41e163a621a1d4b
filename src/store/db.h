#pragma once
// RAII over SQLite: a connection, prepared statements reset after each use, and a
// transaction that rolls back unless committed. Busy/locked errors are ErrorKind::kBusy so
// the scheduler can retry them.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace backcourt {

// A connection's idle prepared statements by SQL text: Prepare reuses them, so a statement
// run once per partition is compiled once per connection, not once per partition.
struct StatementCache {
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache();
  std::unordered_multimap<std::string, sqlite3_stmt*> idle;
};

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<StatementCache> cache)
      : db_(db), stmt_(stmt, Release{std::move(cache)}) {}

  Statement& BindNull(int index);
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);  // copied by SQLite
  // Not copied: `value` must stay alive and unchanged until the next step or reset.
  Statement& BindUncopied(int index, std::string_view value);
  // Exact overloads, so strings and literals do not also convert to std::optional<std::string>.
  Statement& Bind(int index, const std::string& value) {
    return Bind(index, std::string_view(value));
  }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const std::optional<int64_t>& value);
  Statement& Bind(int index, const std::optional<double>& value);
  Statement& Bind(int index, const std::optional<std::string>& value);

  // One step: true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion (for statements without result rows), then resets.
  Status Run();
  // Run, keeping the bindings: for a statement whose every parameter is bound before each run.
  Status RunKeepingBindings();
  void Reset();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  std::optional<int64_t> OptInt(int column) const;
  std::optional<double> OptReal(int column) const;
  std::optional<std::string> OptText(int column) const;
  int ColumnCount() const;
  std::string ColumnName(int column) const;
  // Rows the last completed INSERT, UPDATE or DELETE of this statement changed.
  int64_t Changes() const { return changes_; }

 private:
  // Resets the statement back into its connection's cache (or finalizes it).
  struct Release {
    std::shared_ptr<StatementCache> cache;
    void operator()(sqlite3_stmt* stmt) const;
  };
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, Release> stmt_;
  int64_t changes_ = 0;
};

class Db {
 public:
  // Opens (creating) the database file, in WAL mode with a busy timeout; ":memory:" works.
  static Result<Db> Open(const std::string& path);
  // Opens an existing database file read-only: never creates it, never changes it. In a
  // folder (or on a medium) it cannot write, the file is opened immutable.
  static Result<Db> OpenReadOnly(const std::string& path);

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  // Convenience for "SELECT one integer".
  Result<int64_t> QueryInt(std::string_view sql);

  // The catalog, asked the same way on every backend.
  Result<bool> TableExists(std::string_view name);
  // The table's column names in declared order (empty when there is no such table).
  Result<std::vector<std::string>> TableColumns(std::string_view name);
  // The CREATE TABLE statement the table was made with (nullopt: no such table).
  Result<std::optional<std::string>> TableDefinition(std::string_view name);
  // Tables, indexes and views of any program: a new database has none.
  Result<int64_t> SchemaObjectCount();
  // The backcourt schema version: 0 for a database backcourt never migrated.
  Result<int64_t> SchemaVersion();
  Status SetSchemaVersion(int64_t version);
  sqlite3* handle() const { return db_.get(); }
  const std::string& path() const { return path_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Closer> db_;
  // Declared after db_: destroyed first, finalizing idle statements before the close.
  std::shared_ptr<StatementCache> cache_ = std::make_shared<StatementCache>();
  std::string path_;
};

// Steps an INSERT ... RETURNING <id> to completion and gives the id it returned.
Result<int64_t> InsertReturningId(Statement& stmt);

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless Commit() succeeded.
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

// Maps a SQLite result code to an Error of the right kind.
// A failure of `db`: the message names the database and what to do; `sql` is the detail.
Error SqliteError(sqlite3* db, int rc, std::string_view sql);

}  // namespace backcourt
