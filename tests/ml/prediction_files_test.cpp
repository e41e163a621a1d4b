// The prediction files daily writes: a name with a comma or a quote stays one CSV field, the
// JSON carries the numbers the CSV prints, and the same report gives the same bytes.
#include "ml/prediction_files.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace backcourt {
namespace {

PredictReport Report() {
  PredictReport report;
  report.model_id = 3;
  report.model_path = "/models/m.json";
  report.projected = true;
  PlayerPrediction p;
  p.features.game_date = "2025-03-16";
  p.features.game_id = "0022400982";
  p.features.team = "OKC";
  p.features.opponent = "MIL";
  p.features.player_key = "1628983";
  p.features.player_name = "Gilgeous-Alexander, \"SGA\"";
  p.features.pts_avg_last10 = 33.26;
  p.points = 31.4567;
  report.players.push_back(p);
  p.features.player_name = "Plain Name";
  p.features.pts_avg_last10.reset();
  p.features.target_points = 12;
  report.players.push_back(p);
  return report;
}

TEST(PredictionFilesTest, CsvQuotesNamesWithCommasAndQuotesAndLeavesMissingValuesEmpty) {
  EXPECT_EQ(PredictionsCsv(Report()),
            "game_date,game_id,team,opponent,player_key,player_name,predicted_points,"
            "pts_avg_last10,actual_points,availability,line,edge,side,price,book\n"
            "2025-03-16,0022400982,OKC,MIL,1628983,\"Gilgeous-Alexander, \"\"SGA\"\"\",31.46,33.3,"
            ",,,,PASS,,\n"
            "2025-03-16,0022400982,OKC,MIL,1628983,Plain Name,31.46,,12,,,,PASS,,\n");
}

TEST(PredictionFilesTest, JsonCarriesTheModelAndTheRoundedPredictionsAndIsStable) {
  const std::string text = PredictionsJson(Report(), "2025-03-16");
  EXPECT_EQ(text, PredictionsJson(Report(), "2025-03-16"));
  const auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["date"], "2025-03-16");
  EXPECT_EQ(doc["model_id"], 3);
  EXPECT_EQ(doc["projected"], true);
  ASSERT_EQ(doc["predictions"].size(), 2u);
  EXPECT_DOUBLE_EQ(doc["predictions"][0]["predicted_points"].get<double>(), 31.46);
  EXPECT_EQ(doc["predictions"][0]["player_name"], "Gilgeous-Alexander, \"SGA\"");
  EXPECT_TRUE(doc["predictions"][1]["pts_avg_last10"].is_null());
  EXPECT_EQ(doc["predictions"][1]["actual_points"], 12);
}

}  // namespace
}  // namespace backcourt
