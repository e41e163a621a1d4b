#pragma once
// The one seam between the store and a database engine: a connection and its prepared
// statements. src/store/sqlite/ and src/store/postgres/ implement it; everything else talks
// to Db and Statement (store/db.h), which own one of these.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace backcourt {

// Which SQL the connection speaks, for the few statements that differ (store/ddl.h).
enum class Dialect { kSqlite, kPostgres };

// One prepared statement. Parameters are 1-based, columns 0-based, as in SQLite.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void BindNull(int index) = 0;
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindReal(int index, double value) = 0;
  // copy false: `value` stays alive and unchanged until the next step or reset.
  virtual void BindText(int index, std::string_view value, bool copy) = 0;
  // One step: true when a row is available, false when done.
  virtual Result<bool> Step() = 0;
  // Back to before the first step; the bindings stay unless `clear_bindings`.
  virtual void Reset(bool clear_bindings) = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  // The text without a copy: valid until the next step or reset.
  virtual std::string_view TextView(int column) const = 0;
  virtual int ColumnCount() const = 0;
  virtual std::string ColumnName(int column) const = 0;
  // Rows the last completed INSERT, UPDATE or DELETE changed.
  virtual int64_t Changes() const = 0;
  // Writes the rows a bulk-insert statement buffered; a no-op for every other statement.
  virtual Status Flush() { return {}; }
  // Gives the statement back to its connection's cache, or destroys it.
  virtual void Release() = 0;
};

enum class ColumnKind { kInteger, kReal, kText };
struct ColumnInfo {
  std::string name;
  ColumnKind kind = ColumnKind::kText;
  bool identity = false;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // The database as messages name it: a file path, or a URL with its password hidden.
  virtual const std::string& name() const = 0;
  // Runs one or more statements without results.
  virtual Status Exec(std::string_view sql) = 0;
  // `?` and `?N` parameters, whatever the engine. The caller releases the statement.
  virtual Result<StatementBackend*> Prepare(std::string_view sql) = 0;
  // A statement that appends one row of `columns` (a comma-separated list of `count` names)
  // to `table` per step; Flush writes what it buffered. The caller owns the transaction.
  virtual Result<StatementBackend*> PrepareBulkInsert(std::string_view table,
                                                      std::string_view columns, int count) = 0;
  // Starts a write transaction (COMMIT and ROLLBACK are plain Exec).
  virtual Status Begin() = 0;

  virtual Result<bool> TableExists(std::string_view name) = 0;
  virtual Result<bool> IndexExists(std::string_view name) = 0;
  // A table's columns in order (never PostgreSQL's added rowid), each with the kind of value
  // it holds and whether it numbers itself (SQLite's INTEGER PRIMARY KEY, PostgreSQL's
  // identity column).
  virtual Result<std::vector<ColumnInfo>> Columns(std::string_view table) = 0;
  // backcourt's tables and the user's (not the engine's own catalogs), by name.
  virtual Result<std::vector<std::string>> Tables() = 0;
  virtual Result<std::optional<std::string>> TableDefinition(std::string_view name) = 0;
  // Remembers `definition` as the table's (engines that keep the CREATE text ignore it).
  virtual Status RecordTableDefinition(std::string_view name, std::string_view definition) = 0;
  virtual Result<int64_t> SchemaObjectCount() = 0;
  virtual Result<int64_t> SchemaVersion() = 0;
  virtual Status SetSchemaVersion(int64_t version) = 0;
};

}  // namespace backcourt
