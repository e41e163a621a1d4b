#include "store/partition_versions.h"

#include <algorithm>

#include "store/partition_status.h"

namespace backcourt {

Result<std::vector<std::map<std::string, std::string>>> ReadOkDataVersions(
    Db& db, const std::vector<std::string_view>& tables, const std::string& first,
    const std::string& last) {
  std::vector<std::map<std::string, std::string>> versions(tables.size());
  if (tables.empty()) return versions;
  std::string in = "?";
  for (size_t i = 1; i < tables.size(); ++i) in += ", ?";
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("SELECT table_name, game_date, data_version FROM partitions "
                                 "WHERE table_name IN (" + in + ") AND status IN (?, ?) AND "
                                 "game_date BETWEEN ? AND ?"));
  int index = 1;
  for (std::string_view table : tables) stmt.Bind(index++, table);
  stmt.Bind(index, ToString(PartitionStatus::kOk));
  stmt.Bind(index + 1, ToString(PartitionStatus::kPartial));
  stmt.Bind(index + 2, first).Bind(index + 3, last);
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    const auto at = std::find(tables.begin(), tables.end(), stmt.Text(0));
    if (at == tables.end()) continue;
    versions[static_cast<size_t>(at - tables.begin())][stmt.Text(1)] = stmt.Text(2);
  }
  return versions;
}

}  // namespace backcourt
