#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include <unordered_map>

namespace backcourt {
namespace {

// What the user can do about an SQLite failure, by its primary code.
std::string_view Advice(int primary, std::string_view what) {
  switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return "another process is writing it: run again when it is done";
    case SQLITE_FULL: return "the disk is full: free space and run again";
    case SQLITE_IOERR: return "the disk failed to read or write: check it and run again";
    case SQLITE_NOTADB: return "this is not an SQLite database: pass --db with a backcourt database";
    case SQLITE_CORRUPT: return "the file is damaged: restore it from a copy";
    case SQLITE_READONLY: return "it cannot be written: check the file's and folder's permissions";
    case SQLITE_CANTOPEN:
    case SQLITE_PERM: return "it cannot be opened: check the path and its permissions";
    default: break;
  }
  if (what.find("no such table") != std::string_view::npos) {
    return "the table is not built yet: run ingest, then backfill";
  }
  return "";
}

// Process-wide settings, made before the first connection opens. Memory statistics off:
// with them, every SQLite allocation and free takes a global mutex, a cost bulk inserts see.
void ConfigureSqlite() {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;  // SQLITE_MISUSE when SQLite was already in use: then it keeps its defaults
}

// A failure of `db`: the message names the database and says what to do; the SQL goes to
// the detail (shown under --verbose), never to the user's screen by default.
Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
  const int primary = rc & 0xff;
  const ErrorKind kind = primary == SQLITE_BUSY || primary == SQLITE_LOCKED ? ErrorKind::kBusy
                         : primary == SQLITE_IOERR || primary == SQLITE_FULL ? ErrorKind::kIo
                         : primary == SQLITE_CONSTRAINT ? ErrorKind::kInvalidInput
                                                        : ErrorKind::kInternal;
  const std::string what = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const char* file = db != nullptr ? sqlite3_db_filename(db, "main") : nullptr;
  const std::string where = file != nullptr && *file != '\0' ? fmt::format("database {}", file)
                                                              : std::string("database");
  const std::string_view advice = Advice(primary, what);
  return Error(kind,
               fmt::format("{}: {}{}{}", where, what, advice.empty() ? "" : "; ", advice),
               std::string(sql));
}

class SqliteStatement;

// A connection's idle prepared statements by SQL text: Prepare reuses them, so a statement
// run once per partition is compiled once per connection, not once per partition.
struct StatementCache {
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache();
  std::unordered_multimap<std::string, SqliteStatement*> idle;
};

class SqliteStatement final : public StatementBackend {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<StatementCache> cache)
      : db_(db), stmt_(stmt), cache_(std::move(cache)) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindNull(int index) override { sqlite3_bind_null(stmt_, index); }
  void BindInt(int index, int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void BindReal(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void BindText(int index, std::string_view value, bool copy) override {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                      copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
  }
  Result<bool> Step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    Error error = SqliteError(db_, rc, sqlite3_sql(stmt_));
    sqlite3_reset(stmt_);
    return tl::unexpected(error);
  }
  void Reset(bool clear_bindings) override {
    sqlite3_reset(stmt_);
    if (clear_bindings) sqlite3_clear_bindings(stmt_);
  }
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string Text(int column) const override { return std::string(TextView(column)); }
  std::string_view TextView(int column) const override {
    const auto* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    return std::string_view(reinterpret_cast<const char*>(text),
                            static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  std::string ColumnName(int column) const override {
    const char* name = sqlite3_column_name(stmt_, column);
    return name ? name : "";
  }
  int64_t Changes() const override { return changes_; }
  // Resets the statement back into its connection's cache (or finalizes it, when the
  // connection is gone or its cache full).
  void Release() override {
    constexpr size_t kMaxIdle = 256;
    const std::shared_ptr<StatementCache> cache = cache_.lock();
    if (cache == nullptr || cache->idle.size() >= kMaxIdle) {
      delete this;
      return;
    }
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    cache->idle.emplace(sqlite3_sql(stmt_), this);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  // Weak: the cache owns its idle statements, so a strong reference back would keep it (and
  // every statement in it) alive forever, and the connection could never really close (no
  // checkpoint of the WAL on close, and a leak).
  std::weak_ptr<StatementCache> cache_;
  int64_t changes_ = 0;
};

StatementCache::~StatementCache() {
  for (auto& [sql, stmt] : idle) delete stmt;
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* db, std::string name) : db_(db), name_(std::move(name)) {}

  Dialect dialect() const override { return Dialect::kSqlite; }
  const std::string& name() const override { return name_; }

  Status Exec(std::string_view sql) override {
    char* message = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      sqlite3_free(message);
      return tl::unexpected(SqliteError(db_.get(), rc, text));
    }
    return {};
  }

  Result<StatementBackend*> Prepare(std::string_view sql) override {
    if (auto it = cache_->idle.find(std::string(sql)); it != cache_->idle.end()) {
      SqliteStatement* stmt = it->second;
      cache_->idle.erase(it);
      return stmt;
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return tl::unexpected(SqliteError(db_.get(), rc, sql));
    return new SqliteStatement(db_.get(), stmt, cache_);
  }

  Result<StatementBackend*> PrepareBulkInsert(std::string_view table, std::string_view columns,
                                              int count) override {
    std::string sql = fmt::format("INSERT INTO {} ({}) VALUES (", table, columns);
    for (int i = 0; i < count; ++i) sql += i ? ",?" : "?";
    sql += ")";
    return Prepare(sql);
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }

  Result<bool> TableExists(std::string_view name) override {
    BC_ASSIGN_OR_RETURN(StatementBackend * stmt,
                        Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    Owned owned(stmt);
    stmt->BindText(1, name, false);
    return stmt->Step();
  }

  Result<bool> IndexExists(std::string_view name) override {
    BC_ASSIGN_OR_RETURN(StatementBackend * stmt,
                        Prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"));
    Owned owned(stmt);
    stmt->BindText(1, name, false);
    return stmt->Step();
  }

  Result<std::vector<ColumnInfo>> Columns(std::string_view table) override {
    BC_ASSIGN_OR_RETURN(StatementBackend * stmt,
                        Prepare("SELECT name, upper(type), pk, (SELECT COUNT(*) FROM "
                                "pragma_table_info(?1) WHERE pk > 0) FROM pragma_table_info(?1) "
                                "ORDER BY cid"));
    Owned owned(stmt);
    stmt->BindText(1, table, false);
    std::vector<ColumnInfo> columns;
    for (;;) {
      BC_ASSIGN_OR_RETURN(bool has_row, stmt->Step());
      if (!has_row) return columns;
      // SQLite's type affinity rules (https://sqlite.org/datatype3.html, 3.1).
      const std::string type = stmt->Text(1);
      ColumnInfo c{stmt->Text(0), ColumnKind::kText, false};
      if (type.find("INT") != std::string::npos) {
        c.kind = ColumnKind::kInteger;
        c.identity = type == "INTEGER" && stmt->Int(2) == 1 && stmt->Int(3) == 1;
      } else if (type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
                 type.find("DOUB") != std::string::npos) {
        c.kind = ColumnKind::kReal;
      }
      columns.push_back(std::move(c));
    }
  }

  Result<std::vector<std::string>> Tables() override {
    BC_ASSIGN_OR_RETURN(StatementBackend * stmt,
                        Prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                "NOT LIKE 'sqlite_%' ORDER BY name"));
    Owned owned(stmt);
    std::vector<std::string> tables;
    for (;;) {
      BC_ASSIGN_OR_RETURN(bool has_row, stmt->Step());
      if (!has_row) return tables;
      tables.push_back(stmt->Text(0));
    }
  }

  Result<std::optional<std::string>> TableDefinition(std::string_view name) override {
    BC_ASSIGN_OR_RETURN(StatementBackend * stmt,
                        Prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
    Owned owned(stmt);
    stmt->BindText(1, name, false);
    BC_ASSIGN_OR_RETURN(bool exists, stmt->Step());
    if (!exists) return std::optional<std::string>();
    return std::optional<std::string>(stmt->Text(0));
  }

  // SQLite keeps each table's CREATE text itself.
  Status RecordTableDefinition(std::string_view, std::string_view) override { return {}; }

  Result<int64_t> SchemaObjectCount() override {
    return QueryInt("SELECT COUNT(*) FROM sqlite_master");
  }
  Result<int64_t> SchemaVersion() override { return QueryInt("PRAGMA user_version"); }
  Status SetSchemaVersion(int64_t version) override {
    return Exec(fmt::format("PRAGMA user_version = {}", version));
  }

  sqlite3* handle() const { return db_.get(); }

 private:
  struct Owned {
    explicit Owned(StatementBackend* stmt) : stmt(stmt) {}
    ~Owned() { stmt->Release(); }
    StatementBackend* stmt;
  };
  Result<int64_t> QueryInt(std::string_view sql) {
    BC_ASSIGN_OR_RETURN(StatementBackend * stmt, Prepare(sql));
    Owned owned(stmt);
    BC_ASSIGN_OR_RETURN(bool has_row, stmt->Step());
    return has_row ? stmt->Int(0) : 0;
  }
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Closer> db_;
  // Declared after db_: destroyed first, finalizing idle statements before the close.
  std::shared_ptr<StatementCache> cache_ = std::make_shared<StatementCache>();
  std::string name_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path) {
  ConfigureSqlite();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  auto conn = std::make_unique<SqliteConnection>(raw, path);
  if (rc != SQLITE_OK) {
    return tl::unexpected(Error(SqliteError(raw, rc, "open").kind(),
                                fmt::format("database {}: cannot open: {}", path,
                                            Advice(rc & 0xff, "").empty()
                                                ? sqlite3_errstr(rc)
                                                : std::string(Advice(rc & 0xff, ""))),
                                "open " + path));
  }
  sqlite3_busy_timeout(raw, 5000);
  BC_RETURN_IF_ERROR(conn->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                                "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"));
  return std::unique_ptr<Connection>(std::move(conn));
}

Result<std::unique_ptr<Connection>> OpenSqliteReadOnly(const std::string& path) {
  ConfigureSqlite();
  auto open = [&](const std::string& name, int extra) -> Result<std::unique_ptr<Connection>> {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &raw,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | extra, nullptr);
    auto conn = std::make_unique<SqliteConnection>(raw, path);
    if (rc != SQLITE_OK) return tl::unexpected(SqliteError(raw, rc, "open " + path));
    sqlite3_busy_timeout(raw, 5000);
    // The first read opens the WAL index; it fails when its shared memory cannot be made.
    BC_RETURN_IF_ERROR(conn->Exec("SELECT COUNT(*) FROM sqlite_master"));
    return std::unique_ptr<Connection>(std::move(conn));
  };
  auto conn = open(path, 0);
  if (conn || path == ":memory:") return conn;
  // Nobody can write a file in a read-only folder, so reading it as immutable is safe.
  std::string uri = "file:";
  for (char c : path) {
    if (c == '?' || c == '#' || c == '%') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  auto immutable = open(uri + "?immutable=1", SQLITE_OPEN_URI);
  return immutable ? std::move(immutable) : std::move(conn);
}

}  // namespace backcourt
