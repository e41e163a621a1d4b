#include "store/copy.h"

#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "store/derived_store.h"

namespace backcourt {
namespace {

// The schema version's own table (PostgreSQL; SQLite keeps it in a header field).
constexpr const char* kVersionTable = "backcourt_schema";

// The column list, quoted: some columns are named after keywords ("check").
std::string Joined(const std::vector<ColumnInfo>& columns) {
  std::string out;
  for (const ColumnInfo& c : columns) {
    out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", c.name);
  }
  return out;
}

// The order rows were inserted in, so ORDER BY rowid reads the same on the copy: the
// self-numbering key, else the rowid (PostgreSQL's added column, SQLite's own), except for
// SQLite's WITHOUT ROWID tables, whose key orders them anyway.
Result<std::string> InsertOrder(Db& db, const std::string& table,
                                const std::vector<ColumnInfo>& columns) {
  for (const ColumnInfo& c : columns) {
    if (c.identity) return " ORDER BY " + c.name;
  }
  if (db.dialect() == Dialect::kSqlite) {
    BC_ASSIGN_OR_RETURN(std::optional<std::string> definition, db.TableDefinition(table));
    if (definition && definition->find("WITHOUT ROWID") != std::string::npos) return "";
  }
  return std::string(" ORDER BY rowid");
}

// Makes `table` in `to` from the CREATE text `from` recorded (a derived table). False when
// `from` recorded none (not a backcourt table).
Result<bool> CreateFromDefinition(Db& from, Db& to, const std::string& table) {
  BC_ASSIGN_OR_RETURN(std::optional<std::string> definition, from.TableDefinition(table));
  if (!definition || definition->find("CREATE TABLE") != 0) return false;
  BC_RETURN_IF_ERROR(CreateDerivedTable(to, table, *definition));
  return true;
}

Result<int64_t> CopyRows(Db& from, Db& to, const std::string& table) {
  BC_ASSIGN_OR_RETURN(std::vector<ColumnInfo> columns, from.Columns(table));
  BC_ASSIGN_OR_RETURN(std::vector<ColumnInfo> target, to.Columns(table));
  const std::string list = Joined(columns);
  if (Joined(target) != list) {
    return InvalidInput(fmt::format("{}: the columns differ: {} in {}, {} in {}", table, list,
                                    from.name(), Joined(target), to.name()));
  }
  BC_ASSIGN_OR_RETURN(std::string order, InsertOrder(from, table, columns));
  BC_ASSIGN_OR_RETURN(Statement read,
                      from.Prepare(fmt::format("SELECT {} FROM {}{}", list, table, order)));
  BC_ASSIGN_OR_RETURN(Statement write, to.PrepareBulkInsert(table, list,
                                                            static_cast<int>(columns.size())));
  int64_t rows = 0;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool row, read.Step());
    if (!row) break;
    for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
      if (read.IsNull(c)) {
        write.BindNull(c + 1);
      } else if (columns[c].kind == ColumnKind::kInteger) {
        write.Bind(c + 1, read.Int(c));
      } else if (columns[c].kind == ColumnKind::kReal) {
        write.Bind(c + 1, read.Real(c));  // as a double: SQLite's text keeps 15 digits
      } else {
        write.Bind(c + 1, read.Text(c));
      }
    }
    BC_RETURN_IF_ERROR(write.Run());
    ++rows;
  }
  BC_RETURN_IF_ERROR(write.Flush());
  if (to.dialect() == Dialect::kPostgres) {
    // Copied keys do not advance an identity's sequence: the next insert starts after them.
    for (const ColumnInfo& c : columns) {
      if (!c.identity) continue;
      BC_RETURN_IF_ERROR(to.Exec(fmt::format(
          "SELECT setval(pg_get_serial_sequence('{0}', '{1}'), COALESCE(MAX({1}), 0) + 1, "
          "false) FROM {0}",
          table, c.name)));
    }
  }
  return rows;
}

using PartitionVersions = std::map<std::pair<std::string, std::string>, std::string>;

Result<PartitionVersions> Versions(Db& db) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("SELECT table_name, game_date, status, data_version FROM "
                                 "partitions"));
  PartitionVersions versions;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return versions;
    versions[{stmt.Text(0), stmt.Text(1)}] = stmt.Text(2) + " " + stmt.Text(3);
  }
}

// The destination must be empty: a copy never merges into data already there.
Status RefuseNonEmpty(Db& to) {
  BC_ASSIGN_OR_RETURN(std::vector<std::string> tables, to.Tables());
  for (const std::string& table : tables) {
    if (table == kVersionTable) continue;
    BC_ASSIGN_OR_RETURN(int64_t rows, to.QueryInt(fmt::format(
                                          "SELECT COUNT(*) FROM (SELECT 1 FROM {} LIMIT 1) AS t",
                                          table)));
    if (rows > 0) {
      return InvalidInput(fmt::format("{} already holds data (table {}): copy writes into an "
                                      "empty database only",
                                      to.name(), table));
    }
  }
  return {};
}

}  // namespace

Result<CopyResult> CopyStore(Db& from, Db& to,
                             const std::function<void(const CopiedTable&)>& progress) {
  BC_RETURN_IF_ERROR(RefuseNonEmpty(to));
  BC_ASSIGN_OR_RETURN(std::vector<std::string> tables, from.Tables());
  BC_ASSIGN_OR_RETURN(std::vector<std::string> present, to.Tables());
  const std::set<std::string> migrated(present.begin(), present.end());
  CopyResult result;
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(to));
  for (const std::string& table : tables) {
    if (table == kVersionTable) continue;
    if (!migrated.count(table)) {
      BC_ASSIGN_OR_RETURN(bool created, CreateFromDefinition(from, to, table));
      if (!created) {
        result.skipped.push_back(table);
        continue;
      }
    }
    BC_ASSIGN_OR_RETURN(int64_t rows, CopyRows(from, to, table));
    result.tables.push_back({table, rows});
    if (progress) progress(result.tables.back());
  }
  for (const CopiedTable& copied : result.tables) {
    BC_ASSIGN_OR_RETURN(int64_t rows, to.QueryInt("SELECT COUNT(*) FROM " + copied.table));
    if (rows != copied.rows) {
      return Fail(ErrorKind::kInternal,
                  fmt::format("{}: {} rows read, {} in the copy", copied.table, copied.rows, rows));
    }
  }
  BC_ASSIGN_OR_RETURN(PartitionVersions source, Versions(from));
  BC_ASSIGN_OR_RETURN(PartitionVersions copy, Versions(to));
  if (source != copy) {
    return Fail(ErrorKind::kInternal, "the copy's partition records differ from the source's");
  }
  result.partitions = static_cast<int64_t>(source.size());
  BC_RETURN_IF_ERROR(txn.Commit());
  return result;
}

}  // namespace backcourt
