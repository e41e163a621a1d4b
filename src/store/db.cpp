#include "store/db.h"

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_text.h"
#include "store/sqlite/sqlite_connection.h"

namespace backcourt {

bool IsServerTarget(std::string_view target) {
  return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0 ||
         target.find('=') != std::string_view::npos;
}

std::string DisplayTarget(std::string_view target) {
  return IsServerTarget(target) ? RedactPostgresTarget(target) : std::string(target);
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
  backend_->Reset(false);
  return {};
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

Result<Db> Db::Open(const std::string& target) {
  BC_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn,
                      IsServerTarget(target) ? OpenPostgres(target, false) : OpenSqlite(target));
  return Db(std::move(conn), target);
}

Result<Db> Db::OpenReadOnly(const std::string& target) {
  BC_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, IsServerTarget(target)
                                                            ? OpenPostgres(target, true)
                                                            : OpenSqliteReadOnly(target));
  return Db(std::move(conn), target);
}

Result<Statement> Db::Prepare(std::string_view sql) {
  BC_ASSIGN_OR_RETURN(StatementBackend * backend, conn_->Prepare(sql));
  return Statement(backend);
}

Result<Statement> Db::PrepareBulkInsert(std::string_view table, std::string_view columns,
                                        int count) {
  BC_ASSIGN_OR_RETURN(StatementBackend * backend, conn_->PrepareBulkInsert(table, columns, count));
  return Statement(backend);
}

Result<int64_t> Db::QueryInt(std::string_view sql) {
  BC_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) {
    return tl::unexpected(
        Error(ErrorKind::kNotFound, "database: a query found no row", std::string(sql)));
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

std::string Placeholders(size_t count) {
  std::string list = count > 0 ? "?" : "";
  for (size_t i = 1; i < count; ++i) list += ", ?";
  return list;
}

std::string ValuesList(size_t rows, size_t width) {
  std::string row = "(";
  row += Placeholders(width);
  row += ")";
  std::string all = row;
  for (size_t i = 1; i < rows; ++i) all += ", " + row;
  return all;
}

Result<std::vector<std::string>> Db::TableColumns(std::string_view name) {
  BC_ASSIGN_OR_RETURN(std::vector<ColumnInfo> columns, conn_->Columns(name));
  std::vector<std::string> names;
  for (ColumnInfo& c : columns) names.push_back(std::move(c.name));
  return names;
}

Result<Transaction> Transaction::Begin(Db& db) {
  BC_RETURN_IF_ERROR(db.connection().Begin());
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
