#include "store/table.h"

#include <fmt/format.h>

#include "store/ddl.h"
#include "store/derived_store.h"

namespace backcourt {

std::string ColumnTypeSql(ColumnType type) {
  switch (type) {
    case ColumnType::kInteger:
      return "INTEGER";
    case ColumnType::kReal:
      return "REAL";
    case ColumnType::kText:
      return "TEXT";
  }
  return "BLOB";
}

Error ForeignTableError(std::string_view table, const std::vector<std::string>& undeclared) {
  std::string columns;
  for (const std::string& c : undeclared) columns += (columns.empty() ? "" : ", ") + c;
  return Error(ErrorKind::kInvalidInput,
               fmt::format("table {} has column(s) {} that this backcourt does not declare (added "
                           "outside backcourt, or made by another version): backcourt never drops "
                           "such a table. Rename it (ALTER TABLE {} RENAME TO ...) or use another "
                           "--db",
                           table, columns, table));
}

Status CreateDerivedTable(Db& db, const std::string& name, const std::string& definition) {
  BC_RETURN_IF_ERROR(db.Exec(DialectDdl(definition, db.dialect())));
  BC_RETURN_IF_ERROR(db.RecordTableDefinition(name, definition));
  BC_ASSIGN_OR_RETURN(std::vector<ColumnInfo> columns, db.Columns(name));
  for (const ColumnInfo& c : columns) {
    if (c.name == "game_date") {
      return db.Exec("CREATE INDEX IF NOT EXISTS " + name + "_date ON " + name + " (game_date)");
    }
  }
  return {};
}

}  // namespace backcourt
