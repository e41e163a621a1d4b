#include "ml/dataset.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>
#include <fmt/format.h>

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

std::optional<AvailabilityMode> ParseAvailabilityMode(std::string_view text) {
  if (text == "auto") return AvailabilityMode::kAuto;
  if (text == "report") return AvailabilityMode::kReport;
  if (text == "derived") return AvailabilityMode::kDerived;
  if (text == "none") return AvailabilityMode::kNone;
  return std::nullopt;
}

const char* AvailabilityModeName(AvailabilityMode mode) {
  switch (mode) {
    case AvailabilityMode::kAuto:
      return "auto";
    case AvailabilityMode::kReport:
      return "report";
    case AvailabilityMode::kDerived:
      return "derived";
    case AvailabilityMode::kNone:
      return "none";
  }
  return "auto";
}

AvailabilityMode ModelAvailabilityMode(const std::string& features_json,
                                       const std::string& parameters_json) {
  const auto params = nlohmann::json::parse(parameters_json, nullptr, false);
  if (params.is_object() && params.contains("availability") && params["availability"].is_string()) {
    if (auto mode = ParseAvailabilityMode(params["availability"].get<std::string>())) return *mode;
  }
  return features_json.find("\"avail_") == std::string::npos ? AvailabilityMode::kNone
                                                             : AvailabilityMode::kAuto;
}

namespace {

// Availability values the mode does not use are missing, as for a row without them.
bool Masked(const PlayerFeatureRow& row, const FeatureColumn& c, AvailabilityMode mode) {
  if (!IsAvailabilityFeature(c.name)) return false;
  if (mode == AvailabilityMode::kReport) return row.avail_from_report == 0;
  if (mode == AvailabilityMode::kDerived) return row.avail_from_report != 0;
  return false;
}

}  // namespace

FeatureList FeatureList::Of(const FeatureSelection& selection) {
  FeatureList list;
  for (const FeatureColumn& c : PlayerFeatureColumns()) {
    if (c.group == FeatureGroup::kGameLines && !selection.game_lines) continue;
    if (c.group == FeatureGroup::kPlayerLine && !selection.player_line) continue;
    if (selection.availability == AvailabilityMode::kNone && IsAvailabilityFeature(c.name)) continue;
    list.names_.emplace_back(c.name);
    list.columns_.push_back(&c);
  }
  list.availability_ = selection.availability;
  return list;
}

Result<FeatureList> FeatureList::Named(const std::vector<std::string>& names,
                                       AvailabilityMode availability) {
  FeatureList list;
  list.availability_ = availability;
  for (const std::string& name : names) {
    const auto& columns = PlayerFeatureColumns();
    auto it = std::find_if(columns.begin(), columns.end(),
                           [&](const FeatureColumn& c) { return c.name == name; });
    if (it == columns.end()) {
      return InvalidInput(fmt::format(
          "the model uses feature '{}', which this version of backcourt does not compute: "
          "train again",
          name));
    }
    list.names_.push_back(name);
    list.columns_.push_back(&*it);
  }
  if (list.names_.empty()) return InvalidInput("the model names no features: train again");
  return list;
}

bool FeatureList::Has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

DenseMatrix FeatureList::Matrix(const std::vector<PlayerFeatureRow>& rows) const {
  DenseMatrix x;
  x.rows = rows.size(), x.cols = columns_.size();
  x.values.reserve(x.rows * x.cols);
  constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
  for (const PlayerFeatureRow& row : rows) {
    for (const FeatureColumn* c : columns_) {
      const std::optional<double>& v = row.*(c->member);
      x.values.push_back(v && !Masked(row, *c, availability_) ? static_cast<float>(*v) : kMissing);
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
