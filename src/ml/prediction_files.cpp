#include "ml/prediction_files.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace backcourt {
namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Fixed(const std::optional<double>& v, int decimals) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "";
}

// Two decimals, as the CSV prints them: the JSON says the same number.
double Rounded(double v) { return std::round(v * 100) / 100; }

}  // namespace

std::string PredictionsCsv(const PredictReport& report) {
  std::string csv =
      "game_date,game_id,team,opponent,player_key,player_name,predicted_points,"
      "pts_avg_last10,actual_points,availability,line,edge,side,price,book\n";
  for (const PlayerPrediction& p : report.players) {
    const PlayerFeatureRow& f = p.features;
    const LinePick& pick = p.pick;
    csv += fmt::format("{},{},{},{},{},{},{:.2f},{},{},{},{},{},{},{},{}\n", f.game_date,
                       f.game_id, f.team, f.opponent, CsvField(f.player_key),
                       CsvField(f.player_name), p.points, Fixed(f.pts_avg_last10, 1),
                       Fixed(f.target_points, 0), p.availability,
                       pick.line ? fmt::format("{:.1f}", pick.line->line) : "",
                       Fixed(pick.edge, 2), pick.side, Fixed(pick.price, 0),
                       CsvField(pick.book.value_or("")));
  }
  return csv;
}

std::string PredictionsJson(const PredictReport& report, const std::string& date) {
  nlohmann::json predictions = nlohmann::json::array();
  for (const PlayerPrediction& p : report.players) {
    const PlayerFeatureRow& f = p.features;
    nlohmann::json row = {{"game_date", f.game_date},     {"game_id", f.game_id},
                          {"team", f.team},               {"opponent", f.opponent},
                          {"player_key", f.player_key},   {"player_name", f.player_name},
                          {"predicted_points", Rounded(p.points)}};
    row["pts_avg_last10"] = f.pts_avg_last10 ? nlohmann::json(*f.pts_avg_last10) : nullptr;
    row["actual_points"] = f.target_points ? nlohmann::json(*f.target_points) : nullptr;
    row["availability"] = p.availability;
    const LinePick& pick = p.pick;
    row["line"] = pick.line ? nlohmann::json(pick.line->line) : nullptr;
    row["edge"] = pick.edge ? nlohmann::json(Rounded(*pick.edge)) : nullptr;
    row["side"] = pick.side;
    row["price"] = pick.price ? nlohmann::json(*pick.price) : nullptr;
    row["book"] = pick.book ? nlohmann::json(*pick.book) : nullptr;
    predictions.push_back(std::move(row));
  }
  const nlohmann::json doc = {{"date", date},
                              {"model_id", report.model_id},
                              {"model_path", report.model_path},
                              {"projected", report.projected},
                              {"players", report.players.size()},
                              {"predictions", std::move(predictions)}};
  return doc.dump(2) + "\n";
}

}  // namespace backcourt
