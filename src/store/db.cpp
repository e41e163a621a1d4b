#include "store/db.h"

#include <fmt/format.h>

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

}  // namespace

// The message names the database and says what to do; the SQL goes to the detail (shown
// under --verbose), never to the user's screen by default.
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

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_.get(), index);
  return *this;
}
Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_.get(), index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_.get(), index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindUncopied(int index, std::string_view value) {
  sqlite3_bind_text(stmt_.get(), index, value.data(), static_cast<int>(value.size()),
                    SQLITE_STATIC);
  return *this;
}
Statement& Statement::Bind(int index, const std::optional<int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}
Statement& Statement::Bind(int index, const std::optional<double>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}
Statement& Statement::Bind(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : BindNull(index);
}

StatementCache::~StatementCache() {
  for (auto& [sql, stmt] : idle) sqlite3_finalize(stmt);
}

void Statement::Release::operator()(sqlite3_stmt* stmt) const {
  constexpr size_t kMaxIdle = 256;
  if (cache == nullptr || cache->idle.size() >= kMaxIdle) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  cache->idle.emplace(sqlite3_sql(stmt), stmt);
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    changes_ = sqlite3_changes64(db_);
    return false;
  }
  Error error = SqliteError(db_, rc, sqlite3_sql(stmt_.get()));
  sqlite3_reset(stmt_.get());
  return tl::unexpected(error);
}

Status Statement::Run() {
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, Step());
    if (!has_row) break;
  }
  Reset();
  return {};
}

Status Statement::RunKeepingBindings() {
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, Step());
    if (!has_row) break;
  }
  sqlite3_reset(stmt_.get());
  return {};
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}
int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
double Statement::Real(int column) const { return sqlite3_column_double(stmt_.get(), column); }
std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_.get(), column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}
std::optional<int64_t> Statement::OptInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}
std::optional<double> Statement::OptReal(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Real(column);
}
std::optional<std::string> Statement::OptText(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Text(column);
}
int Statement::ColumnCount() const { return sqlite3_column_count(stmt_.get()); }

std::string Statement::ColumnName(int column) const {
  const char* name = sqlite3_column_name(stmt_.get(), column);
  return name ? name : "";
}

Result<Db> Db::Open(const std::string& path) {
  ConfigureSqlite();
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  Db db;
  db.db_.reset(raw);
  db.path_ = path;
  if (rc != SQLITE_OK) {
    const Error error = SqliteError(raw, rc, "open");
    return tl::unexpected(Error(error.kind(),
                                fmt::format("database {}: cannot open: {}", path,
                                            Advice(rc & 0xff, "").empty()
                                                ? sqlite3_errstr(rc)
                                                : std::string(Advice(rc & 0xff, ""))),
                                "open " + path));
  }
  sqlite3_busy_timeout(raw, 5000);
  BC_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                             "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"));
  return db;
}

Result<Db> Db::OpenReadOnly(const std::string& path) {
  ConfigureSqlite();
  auto open = [&](const std::string& name, int extra) -> Result<Db> {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &raw,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | extra, nullptr);
    Db db;
    db.db_.reset(raw);
    db.path_ = path;
    if (rc != SQLITE_OK) return tl::unexpected(SqliteError(raw, rc, "open " + path));
    sqlite3_busy_timeout(raw, 5000);
    // The first read opens the WAL index; it fails when its shared memory cannot be made.
    BC_RETURN_IF_ERROR(db.Exec("SELECT COUNT(*) FROM sqlite_master"));
    return db;
  };
  auto db = open(path, 0);
  if (db || path == ":memory:") return db;
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
  return immutable ? std::move(immutable) : std::move(db);
}

Status Db::Exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    sqlite3_free(message);
    return tl::unexpected(SqliteError(db_.get(), rc, text));
  }
  return {};
}

Result<Statement> Db::Prepare(std::string_view sql) {
  if (auto it = cache_->idle.find(std::string(sql)); it != cache_->idle.end()) {
    sqlite3_stmt* stmt = it->second;
    cache_->idle.erase(it);
    return Statement(db_.get(), stmt, cache_);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(db_.get(), rc, sql));
  return Statement(db_.get(), stmt, cache_);
}

Result<int64_t> Db::QueryInt(std::string_view sql) {
  BC_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) {
    return tl::unexpected(Error(ErrorKind::kNotFound, "database: a query found no row", std::string(sql)));
  }
  return stmt.Int(0);
}

Result<int64_t> InsertReturningId(Statement& stmt) {
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) {
    return tl::unexpected(Error(ErrorKind::kInternal, "database: an insert returned no id"));
  }
  const int64_t id = stmt.Int(0);
  BC_RETURN_IF_ERROR(stmt.Run());
  return id;
}

Result<bool> Db::TableExists(std::string_view name) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
  stmt.Bind(1, name);
  return stmt.Step();
}

Result<std::vector<std::string>> Db::TableColumns(std::string_view name) {
  BC_ASSIGN_OR_RETURN(Statement stmt, Prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid"));
  stmt.Bind(1, name);
  std::vector<std::string> columns;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return columns;
    columns.push_back(stmt.Text(0));
  }
}

Result<std::optional<std::string>> Db::TableDefinition(std::string_view name) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      Prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"));
  stmt.Bind(1, name);
  BC_ASSIGN_OR_RETURN(bool exists, stmt.Step());
  if (!exists) return std::optional<std::string>();
  return std::optional<std::string>(stmt.Text(0));
}

Result<int64_t> Db::SchemaObjectCount() { return QueryInt("SELECT COUNT(*) FROM sqlite_master"); }

Result<int64_t> Db::SchemaVersion() { return QueryInt("PRAGMA user_version"); }

Status Db::SetSchemaVersion(int64_t version) {
  return Exec(fmt::format("PRAGMA user_version = {}", version));
}

Result<Transaction> Transaction::Begin(Db& db) {
  BC_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  Db* db = db_;
  BC_RETURN_IF_ERROR(db->Exec("COMMIT"));
  db_ = nullptr;
  return {};
}

}  // namespace backcourt
