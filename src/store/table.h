#pragma once
// A table's schema declared once, as data: each field names its column, its SQL type and
// how to bind, read and hash it from the row struct. DDL, the bulk writer, readers and data
// versions all come from this one declaration.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/hash.h"
#include "store/db.h"

namespace backcourt {

enum class ColumnType { kInteger, kReal, kText };

template <class Row>
struct Field {
  std::string_view name;
  ColumnType type;
  bool nullable;
  std::function<void(const Row&, Statement&, int)> bind;
  std::function<void(Row&, const Statement&, int)> read;
  std::function<void(const Row&, Hasher&)> hash;
};

template <class Row>
struct Table {
  std::string_view name;
  std::vector<Field<Row>> fields;
  std::vector<std::string_view> primary_key;  // empty: rowid only
  std::vector<std::string> indexes;           // extra CREATE INDEX statements
};

namespace table_detail {

template <class T>
constexpr ColumnType TypeOf() {
  using V = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, std::optional<std::string>>) {
    return ColumnType::kText;
  } else if constexpr (std::is_same_v<V, double> || std::is_same_v<V, std::optional<double>>) {
    return ColumnType::kReal;
  } else {
    return ColumnType::kInteger;
  }
}

template <class T>
constexpr bool IsOptional() {
  return !std::is_same_v<std::remove_cvref_t<T>, std::string> &&
         !std::is_same_v<std::remove_cvref_t<T>, int64_t> &&
         !std::is_same_v<std::remove_cvref_t<T>, double>;
}

template <class T>
void ReadInto(T& out, const Statement& stmt, int column) {
  if constexpr (std::is_same_v<T, std::string>) {
    out = stmt.Text(column);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    out = stmt.Int(column);
  } else if constexpr (std::is_same_v<T, double>) {
    out = stmt.Real(column);
  } else if constexpr (std::is_same_v<T, std::optional<int64_t>>) {
    out = stmt.OptInt(column);
  } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
    out = stmt.OptText(column);
  } else {
    out = stmt.OptReal(column);
  }
}

template <class T>
void HashValue(const T& value, Hasher& hasher) {
  if constexpr (std::is_same_v<T, std::string>) {
    hasher.Add(value);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    hasher.AddI64(value);
  } else if constexpr (std::is_same_v<T, double>) {
    hasher.AddDouble(value);
  } else {
    if (!value) {
      hasher.AddNull();
    } else {
      HashValue(*value, hasher);
    }
  }
}

}  // namespace table_detail

// A column stored in a member of the row: Col("points", &Row::points).
template <class Row, class T>
Field<Row> Col(std::string_view name, T Row::*member) {
  return Field<Row>{
      name, table_detail::TypeOf<T>(), table_detail::IsOptional<T>(),
      [member](const Row& row, Statement& stmt, int index) { stmt.Bind(index, row.*member); },
      [member](Row& row, const Statement& stmt, int column) {
        table_detail::ReadInto(row.*member, stmt, column);
      },
      [member](const Row& row, Hasher& hasher) { table_detail::HashValue(row.*member, hasher); }};
}

// A column stored in a member of a nested struct: Col("pts", &Row::stats, &BoxStats::pts).
template <class Row, class Inner, class T>
Field<Row> Col(std::string_view name, Inner Row::*outer, T Inner::*member) {
  return Field<Row>{
      name, table_detail::TypeOf<T>(), table_detail::IsOptional<T>(),
      [outer, member](const Row& row, Statement& stmt, int index) {
        stmt.Bind(index, (row.*outer).*member);
      },
      [outer, member](Row& row, const Statement& stmt, int column) {
        table_detail::ReadInto((row.*outer).*member, stmt, column);
      },
      [outer, member](const Row& row, Hasher& hasher) {
        table_detail::HashValue((row.*outer).*member, hasher);
      }};
}

// Extra leading columns that are not part of the row struct (e.g. file_id), bound by the caller.
struct ExtraColumn {
  std::string_view name;
  ColumnType type;
};

std::string ColumnTypeSql(ColumnType type);

template <class Row>
std::string CreateTableSql(const Table<Row>& table, const std::vector<ExtraColumn>& extra = {}) {
  std::string sql = "CREATE TABLE IF NOT EXISTS " + std::string(table.name) + " (";
  bool first = true;
  auto add = [&](std::string_view name, ColumnType type, bool nullable) {
    sql += first ? "" : ", ";
    first = false;
    sql += std::string(name) + " " + ColumnTypeSql(type) + (nullable ? "" : " NOT NULL");
  };
  for (const ExtraColumn& column : extra) add(column.name, column.type, false);
  for (const Field<Row>& field : table.fields) add(field.name, field.type, field.nullable);
  if (!table.primary_key.empty()) {
    sql += ", PRIMARY KEY (";
    for (size_t i = 0; i < table.primary_key.size(); ++i) {
      sql += (i ? ", " : "") + std::string(table.primary_key[i]);
    }
    sql += ")";
  }
  sql += ");";
  for (const std::string& index : table.indexes) sql += index + ";";
  return sql;
}

template <class Row>
std::string ColumnList(const Table<Row>& table, const std::vector<ExtraColumn>& extra = {}) {
  std::string list;
  for (const ExtraColumn& column : extra) list += (list.empty() ? "" : ", ") + std::string(column.name);
  for (const Field<Row>& field : table.fields) list += (list.empty() ? "" : ", ") + std::string(field.name);
  return list;
}

template <class Row>
std::string InsertSql(const Table<Row>& table, const std::vector<ExtraColumn>& extra = {}) {
  const size_t count = extra.size() + table.fields.size();
  std::string placeholders;
  for (size_t i = 0; i < count; ++i) placeholders += i ? ",?" : "?";
  return "INSERT INTO " + std::string(table.name) + " (" + ColumnList(table, extra) +
         ") VALUES (" + placeholders + ")";
}

// Appends rows through one prepared INSERT; the caller owns the transaction.
template <class Row>
class BulkWriter {
 public:
  static Result<BulkWriter> Create(Db& db, const Table<Row>& table,
                                   const std::vector<ExtraColumn>& extra = {}) {
    BC_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(InsertSql(table, extra)));
    return BulkWriter(&table, std::move(stmt), static_cast<int>(extra.size()));
  }
  // `bind_extra` binds the leading extra columns (indices 1..extra.size()).
  template <class BindExtra>
  Status Append(const Row& row, BindExtra&& bind_extra) {
    bind_extra(stmt_);
    int index = extra_count_ + 1;
    for (const Field<Row>& field : table_->fields) field.bind(row, stmt_, index++);
    return stmt_.Run();
  }
  Status Append(const Row& row) {
    return Append(row, [](Statement&) {});
  }

 private:
  BulkWriter(const Table<Row>* table, Statement stmt, int extra_count)
      : table_(table), stmt_(std::move(stmt)), extra_count_(extra_count) {}
  const Table<Row>* table_;
  Statement stmt_;
  int extra_count_;
};

// Reads rows selected by `where` (SQL after WHERE, may be empty) with its bound arguments;
// `reserve` avoids regrowing large results.
template <class Row, class BindArgs>
Result<std::vector<Row>> ReadRows(Db& db, const Table<Row>& table, std::string_view where,
                                  BindArgs&& bind_args, size_t reserve = 0) {
  std::string sql = "SELECT " + ColumnList(table) + " FROM " + std::string(table.name);
  if (!where.empty()) sql += " WHERE " + std::string(where);
  BC_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  bind_args(stmt);
  std::vector<Row> rows;
  rows.reserve(reserve);
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    Row& row = rows.emplace_back();
    int column = 0;
    for (const Field<Row>& field : table.fields) field.read(row, stmt, column++);
  }
  return rows;
}

template <class Row>
void HashRow(const Table<Row>& table, const Row& row, Hasher& hasher) {
  for (const Field<Row>& field : table.fields) field.hash(row, hasher);
}

}  // namespace backcourt
