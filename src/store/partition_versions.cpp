#include "store/partition_versions.h"

#include <algorithm>

#include "store/partition_status.h"

namespace backcourt {

Status ForEachOkDataVersion(
    Db& db, const std::vector<std::string_view>& tables, const std::string& first,
    const std::string& last,
    const std::function<void(std::string_view date, size_t table, std::string_view version)>& fn) {
  if (tables.empty()) return {};
  std::string in = "?";
  for (size_t i = 1; i < tables.size(); ++i) in += ", ?";
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("SELECT game_date, table_name, data_version FROM partitions "
                                 "WHERE table_name IN (" + in + ") AND status IN (?, ?) AND "
                                 "game_date BETWEEN ? AND ? ORDER BY game_date"));
  int index = 1;
  for (std::string_view table : tables) stmt.Bind(index++, table);
  stmt.Bind(index, ToString(PartitionStatus::kOk));
  stmt.Bind(index + 1, ToString(PartitionStatus::kPartial));
  stmt.Bind(index + 2, first).Bind(index + 3, last);
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return {};
    const auto at = std::find(tables.begin(), tables.end(), stmt.TextView(1));
    if (at == tables.end()) continue;
    fn(stmt.TextView(0), static_cast<size_t>(at - tables.begin()), stmt.TextView(2));
  }
}

}  // namespace backcourt
