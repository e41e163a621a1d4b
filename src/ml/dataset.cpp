#include "ml/dataset.h"

#include <cmath>
#include <limits>

#include "store/derived_store.h"

namespace backcourt {

bool InPopulation(const PlayerFeatureRow& row) {
  return row.target_minutes && *row.target_minutes > 0 && row.target_points &&
         row.games_played_season && *row.games_played_season >= kMinEarlierGames;
}

Result<std::vector<PlayerFeatureRow>> LoadFeatureRows(Db& db, const std::string& first,
                                                      const std::string& last) {
  return ReadDateRange(db, PlayerFeatureTable(), first, last);
}

std::vector<PlayerFeatureRow> Population(std::vector<PlayerFeatureRow> rows) {
  std::erase_if(rows, [](const PlayerFeatureRow& r) { return !InPopulation(r); });
  return rows;
}

std::vector<std::string> FeatureNames() {
  std::vector<std::string> names;
  for (const FeatureColumn& c : PlayerFeatureColumns()) names.emplace_back(c.name);
  return names;
}

DenseMatrix FeatureMatrix(const std::vector<PlayerFeatureRow>& rows) {
  const auto& columns = PlayerFeatureColumns();
  DenseMatrix x;
  x.rows = rows.size(), x.cols = columns.size();
  x.values.reserve(x.rows * x.cols);
  for (const PlayerFeatureRow& row : rows) {
    for (const FeatureColumn& c : columns) {
      const std::optional<double>& v = row.*c.member;
      x.values.push_back(v ? static_cast<float>(*v) : std::numeric_limits<float>::quiet_NaN());
    }
  }
  return x;
}

std::vector<float> PointsLabels(const std::vector<PlayerFeatureRow>& rows) {
  std::vector<float> labels;
  labels.reserve(rows.size());
  for (const PlayerFeatureRow& row : rows) {
    labels.push_back(static_cast<float>(row.target_points.value_or(0)));
  }
  return labels;
}

size_t ValidationStart(const std::vector<PlayerFeatureRow>& rows, double fraction) {
  if (rows.empty()) return 0;
  size_t start = static_cast<size_t>(std::floor(static_cast<double>(rows.size()) * (1 - fraction)));
  while (start > 0 && start < rows.size() && rows[start].game_date == rows[start - 1].game_date) {
    ++start;
  }
  return start;
}

}  // namespace backcourt
