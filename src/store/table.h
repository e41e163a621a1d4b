#pragma once
// A table's schema declared once, as data: each field names its column, its SQL type and
// where its value lies in the row struct. DDL, the bulk writer, readers and data versions
// all come from this one declaration.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/hash.h"
#include "store/db.h"

namespace backcourt {

enum class ColumnType { kInteger, kReal, kText };

// The C++ type of a field's member: each is bound, read and hashed its own way.
enum class ValueKind { kInt, kReal, kText, kOptInt, kOptReal, kOptText };

// A column and where its value lies in the row: `offset` bytes from the row's start, a
// member of the type `kind` names. Plain data, so a row is bound, read and hashed by one
// switch per field instead of a call through a std::function.
template <class Row>
struct Field {
  std::string_view name;
  ColumnType type;
  bool nullable;
  ValueKind kind;
  size_t offset;

  template <class T>
  const T& Value(const Row& row) const {
    return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(&row) + offset);
  }
  template <class T>
  T& Value(Row& row) const {
    return *reinterpret_cast<T*>(reinterpret_cast<char*>(&row) + offset);
  }
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
constexpr ValueKind KindOf() {
  if constexpr (std::is_same_v<T, int64_t>) return ValueKind::kInt;
  if constexpr (std::is_same_v<T, double>) return ValueKind::kReal;
  if constexpr (std::is_same_v<T, std::string>) return ValueKind::kText;
  if constexpr (std::is_same_v<T, std::optional<int64_t>>) return ValueKind::kOptInt;
  if constexpr (std::is_same_v<T, std::optional<double>>) return ValueKind::kOptReal;
  if constexpr (std::is_same_v<T, std::optional<std::string>>) return ValueKind::kOptText;
}

template <class T>
constexpr bool kStorable =
    std::is_same_v<T, int64_t> || std::is_same_v<T, double> || std::is_same_v<T, std::string> ||
    std::is_same_v<T, std::optional<int64_t>> || std::is_same_v<T, std::optional<double>> ||
    std::is_same_v<T, std::optional<std::string>>;

constexpr ColumnType TypeOf(ValueKind kind) {
  switch (kind) {
    case ValueKind::kInt:
    case ValueKind::kOptInt:
      return ColumnType::kInteger;
    case ValueKind::kReal:
    case ValueKind::kOptReal:
      return ColumnType::kReal;
    case ValueKind::kText:
    case ValueKind::kOptText:
      return ColumnType::kText;
  }
  return ColumnType::kText;
}

constexpr bool IsOptional(ValueKind kind) {
  return kind == ValueKind::kOptInt || kind == ValueKind::kOptReal || kind == ValueKind::kOptText;
}

// Byte offset of `member` within a C, measured on a real object.
template <class C, class T>
size_t OffsetOf(T C::*member) {
  static const C probe{};
  return static_cast<size_t>(reinterpret_cast<const char*>(&(probe.*member)) -
                             reinterpret_cast<const char*>(&probe));
}

template <class Row, class T>
Field<Row> MakeField(std::string_view name, size_t offset) {
  static_assert(kStorable<T>, "a column is int64_t, double, std::string or an optional of one");
  constexpr ValueKind kind = KindOf<T>();
  return Field<Row>{name, TypeOf(kind), IsOptional(kind), kind, offset};
}

}  // namespace table_detail

// A column stored in a member of the row: Col("points", &Row::points).
template <class Row, class T>
Field<Row> Col(std::string_view name, T Row::*member) {
  return table_detail::MakeField<Row, T>(name, table_detail::OffsetOf(member));
}

// A column stored in a member of a nested struct: Col("pts", &Row::stats, &BoxStats::pts).
template <class Row, class Inner, class T>
Field<Row> Col(std::string_view name, Inner Row::*outer, T Inner::*member) {
  return table_detail::MakeField<Row, T>(
      name, table_detail::OffsetOf(outer) + table_detail::OffsetOf(member));
}

// One field of a row bound to parameter `index`. Text is bound without a copy: the row must
// outlive the statement's next step.
template <class Row>
void BindField(const Field<Row>& field, const Row& row, Statement& stmt, int index) {
  switch (field.kind) {
    case ValueKind::kInt:
      stmt.Bind(index, field.template Value<int64_t>(row));
      return;
    case ValueKind::kReal:
      stmt.Bind(index, field.template Value<double>(row));
      return;
    case ValueKind::kText:
      stmt.BindUncopied(index, field.template Value<std::string>(row));
      return;
    case ValueKind::kOptInt:
      stmt.Bind(index, field.template Value<std::optional<int64_t>>(row));
      return;
    case ValueKind::kOptReal:
      stmt.Bind(index, field.template Value<std::optional<double>>(row));
      return;
    case ValueKind::kOptText: {
      const auto& value = field.template Value<std::optional<std::string>>(row);
      if (value) {
        stmt.BindUncopied(index, *value);
      } else {
        stmt.BindNull(index);
      }
      return;
    }
  }
}

template <class Row>
void ReadField(const Field<Row>& field, Row& row, const Statement& stmt, int column) {
  switch (field.kind) {
    case ValueKind::kInt:
      field.template Value<int64_t>(row) = stmt.Int(column);
      return;
    case ValueKind::kReal:
      field.template Value<double>(row) = stmt.Real(column);
      return;
    case ValueKind::kText:
      field.template Value<std::string>(row) = stmt.Text(column);
      return;
    case ValueKind::kOptInt:
      field.template Value<std::optional<int64_t>>(row) = stmt.OptInt(column);
      return;
    case ValueKind::kOptReal:
      field.template Value<std::optional<double>>(row) = stmt.OptReal(column);
      return;
    case ValueKind::kOptText:
      field.template Value<std::optional<std::string>>(row) = stmt.OptText(column);
      return;
  }
}

// The data-version contract: text is length-prefixed, numbers are their 8 bytes, NULL one tag.
template <class Row>
void HashField(const Field<Row>& field, const Row& row, Hasher& hasher) {
  switch (field.kind) {
    case ValueKind::kInt:
      hasher.AddI64(field.template Value<int64_t>(row));
      return;
    case ValueKind::kReal:
      hasher.AddDouble(field.template Value<double>(row));
      return;
    case ValueKind::kText:
      hasher.Add(field.template Value<std::string>(row));
      return;
    case ValueKind::kOptInt: {
      const auto& value = field.template Value<std::optional<int64_t>>(row);
      value ? hasher.AddI64(*value) : hasher.AddNull();
      return;
    }
    case ValueKind::kOptReal: {
      const auto& value = field.template Value<std::optional<double>>(row);
      value ? hasher.AddDouble(*value) : hasher.AddNull();
      return;
    }
    case ValueKind::kOptText: {
      const auto& value = field.template Value<std::optional<std::string>>(row);
      value ? hasher.Add(*value) : hasher.AddNull();
      return;
    }
  }
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

// An INSERT of `rows` rows (multi-row VALUES).
template <class Row>
std::string InsertSql(const Table<Row>& table, const std::vector<ExtraColumn>& extra = {},
                      size_t rows = 1) {
  const size_t count = extra.size() + table.fields.size();
  std::string tuple = "(";
  for (size_t i = 0; i < count; ++i) tuple += i ? ",?" : "?";
  tuple += ")";
  std::string sql = "INSERT INTO " + std::string(table.name) + " (" + ColumnList(table, extra) +
                    ") VALUES ";
  for (size_t i = 0; i < rows; ++i) sql += (i ? "," : "") + tuple;
  return sql;
}

// Appends rows: on SQLite through prepared INSERTs of kBatchRows rows each, and of one row
// for the rest (a statement run per batch, not per row); on PostgreSQL through COPY. The
// caller owns the transaction.
template <class Row>
class BulkWriter {
 public:
  static constexpr size_t kBatchRows = 32;

  static Result<BulkWriter> Create(Db& db, const Table<Row>& table,
                                   const std::vector<ExtraColumn>& extra = {}) {
    BC_ASSIGN_OR_RETURN(
        Statement single,
        db.PrepareBulkInsert(table.name, ColumnList(table, extra),
                             static_cast<int>(extra.size() + table.fields.size())));
    return BulkWriter(db, table, extra, std::move(single));
  }
  // Writes `rows` in order; `bind_extra(stmt, index)` binds one row's leading extra columns
  // to parameters index, index + 1, ...
  template <class BindExtra>
  Status Append(const std::vector<Row>& rows, BindExtra&& bind_extra) {
    size_t next = 0;
    // Multi-row INSERTs on SQLite; on PostgreSQL the one statement is a COPY already.
    if (rows.size() >= kBatchRows && db_->dialect() == Dialect::kSqlite) {
      if (!batch_) {
        BC_ASSIGN_OR_RETURN(batch_, db_->Prepare(InsertSql(*table_, extra_, kBatchRows)));
      }
      for (; rows.size() - next >= kBatchRows; next += kBatchRows) {
        int index = 1;
        for (size_t i = next; i < next + kBatchRows; ++i) {
          index = Bind(*batch_, rows[i], index, bind_extra);
        }
        // Every parameter is bound again before the next run: no need to clear them.
        BC_RETURN_IF_ERROR(batch_->RunKeepingBindings());
      }
    }
    for (; next < rows.size(); ++next) {
      Bind(single_, rows[next], 1, bind_extra);
      BC_RETURN_IF_ERROR(single_.RunKeepingBindings());
    }
    return single_.Flush();
  }
  Status Append(const std::vector<Row>& rows) {
    return Append(rows, [](Statement&, int) {});
  }

 private:
  BulkWriter(Db& db, const Table<Row>& table, const std::vector<ExtraColumn>& extra,
             Statement single)
      : db_(&db), table_(&table), extra_(extra), single_(std::move(single)) {}
  // Binds one row from parameter `index` on; returns the index after it.
  template <class BindExtra>
  int Bind(Statement& stmt, const Row& row, int index, BindExtra& bind_extra) {
    bind_extra(stmt, index);
    index += static_cast<int>(extra_.size());
    for (const Field<Row>& field : table_->fields) BindField(field, row, stmt, index++);
    return index;
  }
  Db* db_;
  const Table<Row>* table_;
  std::vector<ExtraColumn> extra_;
  Statement single_;
  std::optional<Statement> batch_;
};

// Reads rows selected by `where` (SQL after WHERE, may be empty) with its bound arguments.
// `capacity`: an upper bound of the rows, when known (the vector then never grows by moving).
template <class Row, class BindArgs>
Result<std::vector<Row>> ReadRows(Db& db, const Table<Row>& table, std::string_view where,
                                  BindArgs&& bind_args, size_t capacity = 0) {
  std::string sql = "SELECT " + ColumnList(table) + " FROM " + std::string(table.name);
  if (!where.empty()) sql += " WHERE " + std::string(where);
  BC_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  bind_args(stmt);
  std::vector<Row> rows;
  rows.reserve(capacity);
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    Row& row = rows.emplace_back();
    int column = 0;
    for (const Field<Row>& field : table.fields) ReadField(field, row, stmt, column++);
  }
  return rows;
}

template <class Row>
void HashRow(const Table<Row>& table, const Row& row, Hasher& hasher) {
  for (const Field<Row>& field : table.fields) HashField(field, row, hasher);
}

}  // namespace backcourt
