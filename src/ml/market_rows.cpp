#include "ml/market_rows.h"

#include <cmath>

namespace backcourt {
namespace {

std::vector<size_t> RowsWith(const std::vector<PlayerFeatureRow>& rows,
                             std::optional<double> PlayerFeatureRow::*member) {
  std::vector<size_t> picked;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].*member) picked.push_back(i);
  }
  return picked;
}

MaeTriple MaeOn(const std::vector<size_t>& picked, const std::vector<PlayerFeatureRow>& rows,
                const std::vector<float>& predictions) {
  std::vector<PlayerFeatureRow> subset;
  std::vector<float> subset_predictions;
  for (size_t i : picked) {
    if (i >= predictions.size()) continue;
    subset.push_back(rows[i]);
    subset_predictions.push_back(predictions[i]);
  }
  return Evaluate(subset, subset_predictions).overall;
}

nlohmann::json MaeJson(const MaeTriple& m) {
  return {{"rows", m.rows}, {"model", m.model}, {"last10", m.last10}, {"season", m.season}};
}

}  // namespace

MarketRowsMae EvaluateMarketRows(const std::vector<PlayerFeatureRow>& rows,
                                 const std::vector<float>& predictions) {
  MarketRowsMae market;
  market.with_game_total = MaeOn(RowsWith(rows, &PlayerFeatureRow::game_total), rows, predictions);
  const std::vector<size_t> lined = RowsWith(rows, &PlayerFeatureRow::player_line);
  market.with_player_line = MaeOn(lined, rows, predictions);
  double line_error = 0;
  for (size_t i : lined) line_error += std::abs(rows[i].target_points.value_or(0) - *rows[i].player_line);
  if (!lined.empty()) market.player_line = line_error / static_cast<double>(lined.size());
  return market;
}

nlohmann::json MarketRowsJson(const MarketRowsMae& market) {
  nlohmann::json j;
  j["with_game_total"] = MaeJson(market.with_game_total);
  j["with_player_line"] = MaeJson(market.with_player_line);
  j["with_player_line"]["line"] = market.player_line;
  return j;
}

}  // namespace backcourt
