#include "store/table.h"

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

}  // namespace backcourt
