#include "ingest/schedule_json_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "json_test_util.h"

namespace backcourt {
namespace {

using testing::CountBy;
using testing::TestFile;
using Json = nlohmann::json;

// A slice of the real 2024-25 CDN schedule: preseason (one game against the New Zealand
// Breakers), Cup group and knockout games, the Cup final, All-Star weekend, the play-in and
// two playoff games (22 games).
constexpr const char* kSample = "scheduleleaguev2_2024-25_sample.json";

ParsedFile ReadOk(const InputFile& file) {
  ScheduleJsonReader reader;
  EXPECT_TRUE(reader.Detect(file)) << file.path;
  auto parsed = reader.Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed.value_or(ParsedFile{});
}

const ScheduleRow* FindGame(const ParsedFile& file, const std::string& game_id) {
  for (const auto& row : file.schedule) {
    if (row.game_id == game_id) return &row;
  }
  return nullptr;
}

TEST(ScheduleJsonReader, DetectsTheCdnScheduleOnly) {
  ScheduleJsonReader reader;
  EXPECT_TRUE(reader.Detect(TestFile(kSample)));
  for (const char* name : {"boxscoretraditionalv3_0022200552.json", "scoreboardv2.json",
                           "box_scores_2024-01-15.json", "games.json"}) {
    EXPECT_FALSE(reader.Detect(TestFile(name))) << name;
  }
}

TEST(ScheduleJsonReader, WholeSeason2024To25) {
  BC_LOAD_SHARED_OR_SKIP(gz, "json/nba_cdn/scheduleleaguev2_2024-25.json.gz");
  const ParsedFile file = ReadOk(InputFile{gz.path, testing::Gunzip(gz.content)});
  EXPECT_TRUE(file.rejects.empty());
  // 1,400 games, less 10 not between two NBA teams: 4 preseason games against the NZ Breakers
  // and Ratiopharm Ulm, 6 All-Star weekend games.
  EXPECT_EQ(file.schedule.size(), 1390u);
  EXPECT_EQ(file.schedule.back().line, 1400);
  EXPECT_EQ((CountBy(file.schedule, &ScheduleRow::game_type)),
            (std::map<std::string, int>{{"preseason", 69},
                                        {"regular_season", 1224},
                                        {"cup_knockout", 6},
                                        {"cup_final", 1},
                                        {"play_in", 6},
                                        {"playoffs", 84}}));
  EXPECT_EQ((CountBy(file.schedule, &ScheduleRow::status)),
            (std::map<std::string, int>{{"final", 1390}}));
  EXPECT_EQ((CountBy(file.schedule, &ScheduleRow::season)),
            (std::map<std::string, int>{{"2024-25", 1390}}));
  int neutral = 0;
  for (const auto& row : file.schedule) {
    neutral += static_cast<int>(row.neutral_site);
    EXPECT_TRUE(row.home_points.has_value() && row.away_points.has_value()) << row.game_id;
  }
  EXPECT_EQ(neutral, 9);  // Abu Dhabi x2, Montreal, Mexico City, Paris x2, Cup semis x2, final
  const ScheduleRow* game7 = FindGame(file, "0042400407");
  ASSERT_NE(game7, nullptr);
  EXPECT_EQ(game7->game_date, "2025-06-22");
  EXPECT_EQ(game7->home_team, "OKC");
  EXPECT_EQ(game7->home_points, 103);
  EXPECT_EQ(game7->away_points, 91);
}

TEST(ScheduleJsonReader, GameTypesOfTheSample) {
  const ParsedFile file = ReadOk(TestFile(kSample));
  EXPECT_TRUE(file.rejects.empty());
  ASSERT_EQ(file.schedule.size(), 19u);  // UTA-NZB and two All-Star weekend games skipped
  EXPECT_EQ((CountBy(file.schedule, &ScheduleRow::game_type)),
            (std::map<std::string, int>{{"preseason", 1},
                                        {"regular_season", 3},
                                        {"cup_knockout", 6},
                                        {"cup_final", 1},
                                        {"play_in", 6},
                                        {"playoffs", 2}}));
  EXPECT_EQ(FindGame(file, "0012400002"), nullptr);
  EXPECT_EQ(FindGame(file, "0032400031"), nullptr);

  const ScheduleRow* abu_dhabi = FindGame(file, "0012400001");
  ASSERT_NE(abu_dhabi, nullptr);
  EXPECT_EQ(abu_dhabi->line, 1);
  EXPECT_EQ(abu_dhabi->game_date, "2024-10-04");
  EXPECT_EQ(abu_dhabi->home_team, "DEN");
  EXPECT_EQ(abu_dhabi->away_team, "BOS");
  EXPECT_EQ(abu_dhabi->neutral_site, 1);
  EXPECT_EQ(abu_dhabi->home_points, 103);
  EXPECT_EQ(abu_dhabi->away_points, 107);

  const ScheduleRow* semifinal = FindGame(file, "0022401229");
  ASSERT_NE(semifinal, nullptr);
  EXPECT_EQ(semifinal->game_type, "cup_knockout");
  EXPECT_EQ(semifinal->neutral_site, 1);
  EXPECT_EQ(FindGame(file, "0022400001")->game_type, "regular_season");  // Cup group game
  EXPECT_EQ(FindGame(file, "0062400001")->game_type, "cup_final");
  EXPECT_EQ(FindGame(file, "0052400101")->game_type, "play_in");
}

Json Sample() { return Json::parse(TestFile(kSample).content); }
Json& FirstGame(Json& doc) { return doc["leagueSchedule"]["gameDates"][0]["games"][0]; }

TEST(ScheduleJsonReader, StatusFromGameStatusAndPostponedStatus) {
  Json doc = Sample();
  Json& games = doc["leagueSchedule"]["gameDates"][0]["games"];
  games[0]["gameStatus"] = 1;
  Json in_progress = games[0];
  in_progress["gameId"] = "0012400090";
  in_progress["gameStatus"] = 2;
  Json postponed = games[0];
  postponed["gameId"] = "0012400091";
  postponed["postponedStatus"] = "Y";
  games.push_back(in_progress);
  games.push_back(postponed);
  const ParsedFile file = ReadOk(InputFile{"edited.json", doc.dump()});
  const ScheduleRow* scheduled = FindGame(file, "0012400001");
  ASSERT_NE(scheduled, nullptr);
  EXPECT_EQ(scheduled->status, "scheduled");
  EXPECT_EQ(scheduled->home_points, std::nullopt);  // scores only for final games
  EXPECT_EQ(FindGame(file, "0012400090")->status, "in_progress");
  EXPECT_EQ(FindGame(file, "0012400091")->status, "postponed");
}

TEST(ScheduleJsonReader, BadGamesAreRejectedWithLineAndReason) {
  Json doc = Sample();
  FirstGame(doc)["homeTeam"]["teamTricode"] = "XYZ";  // an NBA team id with an unknown code
  doc["leagueSchedule"]["gameDates"][1]["games"][0]["gameStatus"] = 7;
  const ParsedFile file = ReadOk(InputFile{"edited.json", doc.dump()});
  ASSERT_EQ(file.rejects.size(), 2u);
  EXPECT_EQ(file.rejects[0].line, 1);
  EXPECT_NE(file.rejects[0].reason.find("'XYZ'"), std::string::npos) << file.rejects[0].reason;
  EXPECT_EQ(file.rejects[1].line, 3);
  EXPECT_NE(file.rejects[1].reason.find("gameStatus"), std::string::npos);
  EXPECT_EQ(file.schedule.size(), 17u);
}

TEST(ScheduleJsonReader, UnreadableFilesAreErrors) {
  ScheduleJsonReader reader;
  const std::string whole = TestFile(kSample).content;
  const std::map<std::string, std::string> cases = {
      {"truncated", whole.substr(0, 5000)},
      {"empty", ""},
      {"gzip", std::string("\x1f\x8b\x08\x00\x00\x00", 6)},
      {"binary", std::string("\x7f"
                             "ELF\x02\x01\x01\0",
                             8)},
      {"no gameDates", R"({"leagueSchedule": {"seasonYear": "2024-25"}})"},
      {"unknown shape", R"({"scoreboard": {"games": []}})"},
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
