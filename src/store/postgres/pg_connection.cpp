#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <fmt/format.h>

#include <unordered_map>
#include <vector>

#include "store/postgres/pg_text.h"

namespace backcourt {
namespace {

struct ResultCloser {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultCloser>;

std::string Trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The connection and what outlives a single statement: statements hold it, so a statement
// released after its Db is gone still finds the connection.
struct PgSession {
  struct Prepared {
    std::string name;
    int parameters = 0;
  };
  ~PgSession() { PQfinish(conn); }
  PGconn* conn = nullptr;
  std::string name;  // the target, password hidden
  std::unordered_map<std::string, Prepared> prepared;  // by SQL text as the store wrote it
  int next_statement = 0;
};

// What the user can do about a PostgreSQL failure, by its SQLSTATE.
std::string_view Advice(std::string_view state, ErrorKind kind) {
  if (state == "42P01") return "the table is not built yet: run ingest, then backfill";
  if (state == "25006") return "it is open read-only: run a writing command to change it";
  if (state == "53100") return "the server's disk is full: free space and run again";
  if (kind == ErrorKind::kBusy) return "another session holds its rows: run again when it is done";
  if (state.substr(0, 2) == "08" || state.empty()) {
    return "the connection to the server failed: check that it runs and run again";
  }
  return "";
}

// A failure of a statement (`result`) or of the connection itself (`result` null).
Error PgError(const PgSession& session, const PGresult* result, std::string_view sql) {
  const char* state_field = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string state = state_field != nullptr ? state_field : "";
  const std::string what =
      result != nullptr && PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) != nullptr
          ? Trimmed(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))
          : Trimmed(PQerrorMessage(session.conn));
  const std::string_view cls = std::string_view(state).substr(0, 2);
  const bool broken = PQstatus(session.conn) != CONNECTION_OK;
  const ErrorKind kind =
      state == "40001" || state == "40P01" || state == "55P03" || state == "55006"
          ? ErrorKind::kBusy
      : broken || cls == "08" || cls == "53" || cls == "58" || state.rfind("57P", 0) == 0
          ? ErrorKind::kIo
      : cls == "23" ? ErrorKind::kInvalidInput
                    : ErrorKind::kInternal;
  const std::string_view advice = Advice(state, kind);
  return Error(kind,
               fmt::format("database {}: {}{}{}", session.name, what, advice.empty() ? "" : "; ",
                           advice),
               std::string(sql));
}

// Parameters as text, NULL as a null pointer.
class Parameters {
 public:
  void Resize(int count) {
    values_.assign(static_cast<size_t>(count), std::string());
    null_.assign(static_cast<size_t>(count), true);
  }
  void Set(int index, std::string value) {
    if (index < 1 || index > static_cast<int>(values_.size())) return;
    values_[static_cast<size_t>(index - 1)] = std::move(value);
    null_[static_cast<size_t>(index - 1)] = false;
  }
  void SetNull(int index) {
    if (index < 1 || index > static_cast<int>(values_.size())) return;
    null_[static_cast<size_t>(index - 1)] = true;
  }
  void Clear() { null_.assign(null_.size(), true); }
  size_t size() const { return values_.size(); }
  bool null(size_t i) const { return null_[i]; }
  const std::string& value(size_t i) const { return values_[i]; }

 private:
  std::vector<std::string> values_;
  std::vector<bool> null_;
};

class PgStatement final : public StatementBackend {
 public:
  PgStatement(std::shared_ptr<PgSession> session, const PgSession::Prepared& prepared,
              std::string sql)
      : session_(std::move(session)), name_(prepared.name), sql_(std::move(sql)) {
    params_.Resize(prepared.parameters);
  }

  void BindNull(int index) override { params_.SetNull(index); }
  void BindInt(int index, int64_t value) override { params_.Set(index, std::to_string(value)); }
  void BindReal(int index, double value) override { params_.Set(index, FormatDouble(value)); }
  void BindText(int index, std::string_view value, bool) override {
    params_.Set(index, std::string(value));
  }

  Result<bool> Step() override {
    if (result_ == nullptr) {
      std::vector<const char*> values(params_.size());
      for (size_t i = 0; i < params_.size(); ++i) {
        values[i] = params_.null(i) ? nullptr : params_.value(i).c_str();
      }
      result_.reset(PQexecPrepared(session_->conn, name_.c_str(), static_cast<int>(values.size()),
                                   values.data(), nullptr, nullptr, 0));
      const ExecStatusType status = PQresultStatus(result_.get());
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        Error error = PgError(*session_, result_.get(), sql_);
        result_.reset();
        return tl::unexpected(error);
      }
      const char* changed = PQcmdTuples(result_.get());
      changes_ = changed != nullptr && *changed != '\0' ? ParseInt(changed) : 0;
      rows_ = PQntuples(result_.get());
      row_ = 0;
    } else {
      ++row_;
    }
    return row_ < rows_;
  }
  void Reset(bool clear_bindings) override {
    result_.reset();
    if (clear_bindings) params_.Clear();
  }
  bool IsNull(int column) const override {
    return result_ == nullptr || row_ >= rows_ || PQgetisnull(result_.get(), row_, column);
  }
  int64_t Int(int column) const override { return IsNull(column) ? 0 : ParseInt(Value(column)); }
  double Real(int column) const override {
    return IsNull(column) ? 0 : ParseDouble(Value(column));
  }
  std::string Text(int column) const override { return std::string(TextView(column)); }
  std::string_view TextView(int column) const override {
    return IsNull(column) ? std::string_view() : Value(column);
  }
  int ColumnCount() const override { return result_ ? PQnfields(result_.get()) : 0; }
  std::string ColumnName(int column) const override {
    const char* name = result_ ? PQfname(result_.get(), column) : nullptr;
    return name ? name : "";
  }
  int64_t Changes() const override { return changes_; }
  void Release() override { delete this; }

 private:
  std::string_view Value(int column) const {
    return std::string_view(PQgetvalue(result_.get(), row_, column),
                            static_cast<size_t>(PQgetlength(result_.get(), row_, column)));
  }
  std::shared_ptr<PgSession> session_;
  std::string name_;
  std::string sql_;
  Parameters params_;
  PgResult result_;
  int rows_ = 0, row_ = 0;
  int64_t changes_ = 0;
};

// Rows buffered in COPY text format and sent with one COPY ... FROM STDIN per Flush.
class PgCopyStatement final : public StatementBackend {
 public:
  PgCopyStatement(std::shared_ptr<PgSession> session, std::string copy_sql, int columns)
      : session_(std::move(session)), copy_sql_(std::move(copy_sql)) {
    params_.Resize(columns);
  }

  void BindNull(int index) override { params_.SetNull(index); }
  void BindInt(int index, int64_t value) override { params_.Set(index, std::to_string(value)); }
  void BindReal(int index, double value) override { params_.Set(index, FormatDouble(value)); }
  void BindText(int index, std::string_view value, bool) override {
    params_.Set(index, std::string(value));
  }
  // Buffers one row; a large buffer is sent at once so memory stays bounded.
  Result<bool> Step() override {
    for (size_t i = 0; i < params_.size(); ++i) {
      if (i > 0) buffer_ += '\t';
      if (params_.null(i)) {
        buffer_ += "\\N";
      } else {
        AppendCopyValue(buffer_, params_.value(i));
      }
    }
    buffer_ += '\n';
    changes_ = 1;
    constexpr size_t kFlushBytes = 8 << 20;
    if (buffer_.size() >= kFlushBytes) BC_RETURN_IF_ERROR(Flush());
    return false;
  }
  void Reset(bool clear_bindings) override {
    if (clear_bindings) params_.Clear();
  }
  bool IsNull(int) const override { return true; }
  int64_t Int(int) const override { return 0; }
  double Real(int) const override { return 0; }
  std::string Text(int) const override { return {}; }
  std::string_view TextView(int) const override { return {}; }
  int ColumnCount() const override { return 0; }
  std::string ColumnName(int) const override { return {}; }
  int64_t Changes() const override { return changes_; }

  Status Flush() override {
    if (buffer_.empty()) return {};
    PGconn* conn = session_->conn;
    PgResult start(PQexec(conn, copy_sql_.c_str()));
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) {
      return tl::unexpected(PgError(*session_, start.get(), copy_sql_));
    }
    const bool sent = PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size())) == 1;
    buffer_.clear();
    if (PQputCopyEnd(conn, sent ? nullptr : "backcourt could not send the rows") != 1) {
      return tl::unexpected(PgError(*session_, nullptr, copy_sql_));
    }
    Status status;
    while (PGresult* raw = PQgetResult(conn)) {
      PgResult result(raw);
      if (status && PQresultStatus(raw) != PGRES_COMMAND_OK) {
        status = tl::unexpected(PgError(*session_, raw, copy_sql_));
      }
    }
    return status;
  }
  void Release() override { delete this; }

 private:
  std::shared_ptr<PgSession> session_;
  std::string copy_sql_;
  Parameters params_;
  std::string buffer_;
  int64_t changes_ = 0;
};

// The SQL text of a string literal.
std::string Quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(std::shared_ptr<PgSession> session) : session_(std::move(session)) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  const std::string& name() const override { return session_->name; }

  Status Exec(std::string_view sql) override {
    const std::string text(sql);
    PgResult result(PQexec(session_->conn, text.c_str()));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return tl::unexpected(PgError(*session_, result.get(), text));
    }
    return {};
  }

  Result<StatementBackend*> Prepare(std::string_view sql) override {
    std::string key(sql);
    auto it = session_->prepared.find(key);
    if (it == session_->prepared.end()) {
      PgSession::Prepared prepared;
      const std::string rewritten = RewriteParameters(sql, prepared.parameters);
      prepared.name = fmt::format("bc{}", ++session_->next_statement);
      PgResult result(PQprepare(session_->conn, prepared.name.c_str(), rewritten.c_str(),
                                prepared.parameters, nullptr));
      if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
        return tl::unexpected(PgError(*session_, result.get(), sql));
      }
      it = session_->prepared.emplace(key, std::move(prepared)).first;
    }
    return new PgStatement(session_, it->second, std::move(key));
  }

  Result<StatementBackend*> PrepareBulkInsert(std::string_view table, std::string_view columns,
                                              int count) override {
    return new PgCopyStatement(session_, fmt::format("COPY {} ({}) FROM STDIN", table, columns),
                               count);
  }

  Status Begin() override { return Exec("BEGIN"); }

  Result<bool> TableExists(std::string_view name) override {
    BC_ASSIGN_OR_RETURN(Owned stmt, Query("SELECT 1 FROM information_schema.tables WHERE "
                                          "table_schema = current_schema() AND table_name = ?",
                                          name));
    return stmt->Step();
  }

  Result<bool> IndexExists(std::string_view name) override {
    BC_ASSIGN_OR_RETURN(Owned stmt, Query("SELECT 1 FROM pg_indexes WHERE "
                                          "schemaname = current_schema() AND indexname = ?",
                                          name));
    return stmt->Step();
  }

  // The identity column that numbers rows for ORDER BY rowid (store/ddl.h) is not declared.
  Result<std::vector<ColumnInfo>> Columns(std::string_view table) override {
    BC_ASSIGN_OR_RETURN(Owned stmt,
                        Query("SELECT column_name, data_type, is_identity FROM "
                              "information_schema.columns WHERE table_schema = current_schema() "
                              "AND table_name = ? AND column_name <> 'rowid' ORDER BY "
                              "ordinal_position",
                              table));
    std::vector<ColumnInfo> columns;
    for (;;) {
      BC_ASSIGN_OR_RETURN(bool has_row, stmt->Step());
      if (!has_row) return columns;
      const std::string type = stmt->Text(1);
      ColumnInfo c{stmt->Text(0), ColumnKind::kText, stmt->Text(2) == "YES"};
      if (type == "bigint" || type == "integer" || type == "smallint") {
        c.kind = ColumnKind::kInteger;
      } else if (type == "double precision" || type == "real" || type == "numeric") {
        c.kind = ColumnKind::kReal;
      }
      columns.push_back(std::move(c));
    }
  }

  Result<std::vector<std::string>> Tables() override {
    BC_ASSIGN_OR_RETURN(Owned stmt,
                        Query("SELECT table_name FROM information_schema.tables WHERE "
                              "table_schema = current_schema() AND table_type = 'BASE TABLE' "
                              "ORDER BY table_name"));
    std::vector<std::string> tables;
    for (;;) {
      BC_ASSIGN_OR_RETURN(bool has_row, stmt->Step());
      if (!has_row) return tables;
      tables.push_back(stmt->Text(0));
    }
  }

  // PostgreSQL keeps no CREATE text: the table's comment holds what RecordTableDefinition
  // stored ("" when nothing was).
  Result<std::optional<std::string>> TableDefinition(std::string_view name) override {
    BC_ASSIGN_OR_RETURN(Owned stmt,
                        Query("SELECT COALESCE(obj_description(c.oid, 'pg_class'), '') FROM "
                              "pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                              "n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND "
                              "c.relname = ?",
                              name));
    BC_ASSIGN_OR_RETURN(bool exists, stmt->Step());
    if (!exists) return std::optional<std::string>();
    return std::optional<std::string>(stmt->Text(0));
  }

  Status RecordTableDefinition(std::string_view name, std::string_view definition) override {
    return Exec(fmt::format("COMMENT ON TABLE {} IS {}", name, Quoted(definition)));
  }

  Result<int64_t> SchemaObjectCount() override {
    BC_ASSIGN_OR_RETURN(Owned stmt,
                        Query("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                              "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind "
                              "IN ('r', 'p', 'v', 'm', 'i', 'f')"));
    BC_ASSIGN_OR_RETURN(bool has_row, stmt->Step());
    return has_row ? stmt->Int(0) : 0;
  }

  // One row in backcourt_schema, PostgreSQL's stand-in for SQLite's user_version.
  Result<int64_t> SchemaVersion() override {
    BC_ASSIGN_OR_RETURN(bool exists, TableExists("backcourt_schema"));
    if (!exists) return int64_t{0};
    BC_ASSIGN_OR_RETURN(Owned stmt, Query("SELECT COALESCE(MAX(version), 0) FROM backcourt_schema"));
    BC_ASSIGN_OR_RETURN(bool has_row, stmt->Step());
    return has_row ? stmt->Int(0) : 0;
  }
  Status SetSchemaVersion(int64_t version) override {
    return Exec(fmt::format(
        "CREATE TABLE IF NOT EXISTS backcourt_schema (version BIGINT NOT NULL); DELETE FROM "
        "backcourt_schema; INSERT INTO backcourt_schema (version) VALUES ({})",
        version));
  }

 private:
  struct Release {
    void operator()(StatementBackend* stmt) const { stmt->Release(); }
  };
  using Owned = std::unique_ptr<StatementBackend, Release>;
  Result<Owned> Query(std::string_view sql, std::optional<std::string_view> arg = std::nullopt) {
    BC_ASSIGN_OR_RETURN(StatementBackend * stmt, Prepare(sql));
    Owned owned(stmt);
    if (arg) owned->BindText(1, *arg, true);
    return owned;
  }
  std::shared_ptr<PgSession> session_;
};

}  // namespace

Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& target, bool read_only) {
  auto session = std::make_shared<PgSession>();
  session->name = RedactPostgresTarget(target);
  session->conn = PQconnectdb(target.c_str());
  if (session->conn == nullptr || PQstatus(session->conn) != CONNECTION_OK) {
    return Fail(ErrorKind::kIo,
                fmt::format("database {}: cannot connect: {}; check that the server runs, the "
                            "database exists and the user may log in",
                            session->name,
                            session->conn ? Trimmed(PQerrorMessage(session->conn)) : "no memory"));
  }
  // Notices ("relation already exists, skipping") are not for the user's screen.
  PQsetNoticeProcessor(session->conn, [](void*, const char*) {}, nullptr);
  auto conn = std::make_unique<PgConnection>(session);
  // Doubles print exactly (shortest round-trip text); a lock held past 5 s is kBusy, as
  // SQLite's busy timeout.
  BC_RETURN_IF_ERROR(conn->Exec("SET client_min_messages = warning; SET extra_float_digits = 3; "
                                "SET lock_timeout = '5s'"));
  if (read_only) BC_RETURN_IF_ERROR(conn->Exec("SET default_transaction_read_only = on"));
  return std::unique_ptr<Connection>(std::move(conn));
}

}  // namespace backcourt
