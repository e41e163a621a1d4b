#include "ingest/bdl_json_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "json_test_util.h"

namespace backcourt {
namespace {

using testing::CountBy;
using testing::FindPlayer;
using testing::PlayerPoints;
using testing::TestFile;
using Json = nlohmann::json;

ParsedFile ReadOk(const InputFile& file) {
  BdlJsonReader reader;
  EXPECT_TRUE(reader.Detect(file)) << file.path;
  auto parsed = reader.Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed.value_or(ParsedFile{});
}

// balldontlie ids are not NBA.com ids: rows are placed in games later, by date and team.
void ExpectNoNbaIds(const ParsedFile& file) {
  for (const auto& row : file.player_box) {
    EXPECT_EQ(row.game_id, "");
    EXPECT_EQ(row.player_id, std::nullopt);
    EXPECT_EQ(row.has_shooting, 1);
    EXPECT_TRUE(row.is_home.has_value());
    EXPECT_FALSE(row.opponent.empty());
  }
  EXPECT_TRUE(file.schedule.empty());
  EXPECT_TRUE(file.team_box.empty());
}

TEST(BdlJsonReader, DetectsBalldontlieResponsesOnly) {
  BdlJsonReader reader;
  for (const char* name : {"box_scores_2024-01-15.json", "box_scores_b.json",
                           "stats_player_box_scores.json", "games.json"}) {
    EXPECT_TRUE(reader.Detect(TestFile(name))) << name;
  }
  for (const char* name : {"boxscoretraditionalv2_0022200552.json", "scoreboardv2.json",
                           "scheduleleaguev2_2024-25_sample.json"}) {
    EXPECT_FALSE(reader.Detect(TestFile(name))) << name;
  }
}

TEST(BdlJsonReader, BoxScoresOfOneDay) {
  const ParsedFile file = ReadOk(TestFile("box_scores_2024-01-15.json"));
  EXPECT_TRUE(file.rejects.empty());
  ASSERT_EQ(file.player_box.size(), 384u);
  ExpectNoNbaIds(file);
  EXPECT_EQ((CountBy(file.player_box, &PlayerBoxRow::status)),
            (std::map<std::string, int>{{"active", 229}, {"dnp", 155}}));
  EXPECT_EQ((CountBy(file.player_box, &PlayerBoxRow::game_date)),
            (std::map<std::string, int>{{"2024-01-15", 384}}));
  // Player points add up to the published scores of HOU at PHI, 115-124.
  EXPECT_EQ(PlayerPoints(file, "PHI"), 124);
  EXPECT_EQ(PlayerPoints(file, "HOU"), 115);
  const PlayerBoxRow* batum = FindPlayer(file, "Nicolas Batum");
  ASSERT_NE(batum, nullptr);
  EXPECT_EQ(batum->team, "PHI");
  EXPECT_EQ(batum->opponent, "HOU");
  EXPECT_EQ(batum->is_home, 1);
  EXPECT_EQ(batum->minutes, 28.0);
  EXPECT_EQ(batum->stats.pts, 5);
  EXPECT_EQ(batum->stats.tov, 0);
  EXPECT_EQ(batum->starter, std::nullopt);
  EXPECT_EQ(batum->line, 1);
  for (const auto& row : file.player_box) {
    if (row.status != "dnp") continue;
    EXPECT_EQ(row.minutes, std::nullopt);
    EXPECT_EQ(row.stats.pts, std::nullopt);
    EXPECT_EQ(row.dnp_reason, "");
  }
}

TEST(BdlJsonReader, BoxScoresWithPlusMinus) {
  const ParsedFile file = ReadOk(TestFile("box_scores_b.json"));
  ASSERT_EQ(file.player_box.size(), 347u);
  ExpectNoNbaIds(file);
  EXPECT_EQ(CountBy(file.player_box, &PlayerBoxRow::status)["dnp"], 139);
  EXPECT_EQ(PlayerPoints(file, "BOS"), 125);
  EXPECT_EQ(PlayerPoints(file, "TOR"), 117);
  const PlayerBoxRow* brown = FindPlayer(file, "Jaylen Brown");
  ASSERT_NE(brown, nullptr);
  EXPECT_EQ(brown->game_date, "2026-01-09");
  EXPECT_EQ(brown->stats.plus_minus, 17.0);
}

// Game 7 of the 2025 Finals: IND at OKC, 91-103.
TEST(BdlJsonReader, StatsRowsTakeOpponentFromTheGame) {
  const ParsedFile file = ReadOk(TestFile("stats_player_box_scores.json"));
  EXPECT_TRUE(file.rejects.empty());
  ASSERT_EQ(file.player_box.size(), 30u);
  ExpectNoNbaIds(file);
  EXPECT_EQ(PlayerPoints(file, "OKC"), 103);
  EXPECT_EQ(PlayerPoints(file, "IND"), 91);
  for (const auto& row : file.player_box) {
    EXPECT_EQ(row.game_date, "2025-06-22");
    EXPECT_EQ(row.is_home, row.team == "OKC" ? 1 : 0);
    EXPECT_EQ(row.opponent, row.team == "OKC" ? "IND" : "OKC");
  }
  // "00" with no stat: did not play; "01": one minute.
  EXPECT_EQ(CountBy(file.player_box, &PlayerBoxRow::status)["dnp"], 6);
  EXPECT_EQ(FindPlayer(file, "Isaiah Joe")->status, "dnp");
  EXPECT_EQ(FindPlayer(file, "Ousmane Dieng")->minutes, 1.0);
  EXPECT_EQ(FindPlayer(file, "Shai Gilgeous-Alexander")->stats.pts, 29);
}

// games.json has neither box scores nor NBA.com ids: recognised, recorded, no rows.
TEST(BdlJsonReader, GamesResponseIsRecognisedButYieldsNoRows) {
  auto parsed = BdlJsonReader().Read(TestFile("games.json"));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->rows_loaded(), 0u);
  EXPECT_TRUE(parsed->rejects.empty());
}

TEST(BdlJsonReader, EmptyDataIsZeroRows) {
  const ParsedFile file = ReadOk(InputFile{"empty.json", R"({"data":[],"meta":{"per_page":100}})"});
  EXPECT_EQ(file.rows_loaded(), 0u);
  EXPECT_TRUE(file.rejects.empty());
}

TEST(BdlJsonReader, BadRowsAreRejectedWithLineAndReason) {
  Json doc = Json::parse(TestFile("box_scores_2024-01-15.json").content);
  Json& home = doc["data"][0]["home_team"];
  home["players"][1]["min"] = "28:75";
  doc["data"][0]["visitor_team"]["abbreviation"] = "XYZ";
  doc["data"][1]["date"] = "15/01/2024";
  const ParsedFile file = ReadOk(InputFile{"edited.json", doc.dump()});
  const size_t home_players = home["players"].size();
  const size_t visitors = doc["data"][0]["visitor_team"]["players"].size();
  const size_t second_game = doc["data"][1]["home_team"]["players"].size() +
                             doc["data"][1]["visitor_team"]["players"].size();
  ASSERT_EQ(file.rejects.size(), 1 + visitors + second_game);
  EXPECT_EQ(file.rejects[0].line, 2);
  EXPECT_NE(file.rejects[0].reason.find("seconds"), std::string::npos) << file.rejects[0].reason;
  EXPECT_EQ(file.rejects[1].line, static_cast<int64_t>(home_players + 1));
  EXPECT_NE(file.rejects[1].reason.find("'XYZ'"), std::string::npos) << file.rejects[1].reason;
  EXPECT_NE(file.rejects.back().reason.find("15/01/2024"), std::string::npos);
  EXPECT_EQ(file.player_box.size() + file.rejects.size(), 384u);
}

TEST(BdlJsonReader, UnreadableFilesAreErrors) {
  BdlJsonReader reader;
  const std::string whole = TestFile("stats_player_box_scores.json").content;
  const std::map<std::string, std::string> cases = {
      {"truncated", whole.substr(0, whole.size() - 10)},
      {"empty", ""},
      {"binary", std::string("\0\0\0\x01"
                             "data",
                             8)},
      {"data not an array", R"({"data": 5})"},
      {"unknown record shape", R"({"data": [{"foo": 1}]})"},
      {"top level array", R"([{"data": []}])"},
  };
  for (const auto& [label, content] : cases) {
    auto parsed = reader.Read(InputFile{label, content});
    ASSERT_FALSE(parsed.has_value()) << label;
    EXPECT_EQ(parsed.error().kind(), ErrorKind::kInvalidInput) << label;
    EXPECT_EQ(parsed.error().message().find('\n'), std::string::npos) << label;
  }
}

}  // namespace
}  // namespace backcourt
