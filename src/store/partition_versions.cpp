#include "store/partition_versions.h"

#include "store/partition_status.h"

namespace backcourt {

Result<std::map<std::string, std::string>> ReadOkDataVersions(Db& db, std::string_view table,
                                                              const std::string& first,
                                                              const std::string& last) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("SELECT game_date, data_version FROM partitions WHERE "
                                 "table_name = ? AND status IN (?, ?) AND game_date BETWEEN ? AND ?"));
  stmt.Bind(1, table).Bind(2, ToString(PartitionStatus::kOk));
  stmt.Bind(3, ToString(PartitionStatus::kPartial)).Bind(4, first).Bind(5, last);
  std::map<std::string, std::string> versions;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    versions[stmt.Text(0)] = stmt.Text(1);
  }
  return versions;
}

}  // namespace backcourt
