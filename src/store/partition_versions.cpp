#include "store/partition_versions.h"

#include <algorithm>

#include "store/partition_status.h"

namespace backcourt {

Status ForEachOkDataVersion(
    Db& db, const std::vector<std::string_view>& tables, const std::string& first,
    const std::string& last,
    const std::function<void(std::string_view date, size_t table, std::string_view version)>& fn) {
  if (tables.empty()) return {};
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("SELECT game_date, table_name, data_version FROM partitions "
                                 "WHERE table_name IN (" + Placeholders(tables.size()) +
                                 ") AND status IN (?, ?) AND "
                                 "game_date BETWEEN ? AND ? ORDER BY table_name, game_date"));
  int index = 1;
  for (std::string_view table : tables) stmt.Bind(index++, table);
  stmt.Bind(index, ToString(PartitionStatus::kOk));
  stmt.Bind(index + 1, ToString(PartitionStatus::kPartial));
  stmt.Bind(index + 2, first).Bind(index + 3, last);
  // Read in the key's order (the database sorting a season's rows by date cost five times
  // the reading), then put in date order here: the texts back to back in one buffer.
  struct Row {
    size_t table, date, date_size, version, version_size;  // offsets into `text`
  };
  std::string text;
  std::vector<Row> rows;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    const auto at = std::find(tables.begin(), tables.end(), stmt.TextView(1));
    if (at == tables.end()) continue;
    const std::string_view date = stmt.TextView(0), version = stmt.TextView(2);
    rows.push_back({static_cast<size_t>(at - tables.begin()), text.size(), date.size(),
                    text.size() + date.size(), version.size()});
    text.append(date).append(version);
  }
  const auto view = [&](size_t offset, size_t size) {
    return std::string_view(text).substr(offset, size);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    return view(a.date, a.date_size) < view(b.date, b.date_size);
  });
  for (const Row& r : rows) {
    fn(view(r.date, r.date_size), r.table, view(r.version, r.version_size));
  }
  return {};
}

}  // namespace backcourt
