#include "ingest/team_advanced_csv_reader.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "csv_test_util.h"
#include "ingest/team_log_csv_reader.h"

namespace backcourt {
namespace {

using testing::Inline;
using testing::LoadFile;
using testing::LoadTestData;

ParsedFile ReadOk(const InputFile& file) {
  auto parsed = TeamAdvancedCsvReader().Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed ? std::move(*parsed) : ParsedFile{};
}

TEST(TeamAdvancedCsvReader, MinutesAndPossessionsOnly) {
  const InputFile file = LoadTestData("box_score_advanced_2023-24_head.csv");
  EXPECT_TRUE(TeamAdvancedCsvReader().Detect(file));
  EXPECT_FALSE(TeamLogCsvReader().Detect(file));
  const ParsedFile parsed = ReadOk(file);
  EXPECT_EQ(parsed.format, "team-advanced-csv");
  EXPECT_TRUE(parsed.rejects.empty());
  EXPECT_TRUE(parsed.schedule.empty());
  ASSERT_EQ(parsed.team_box.size(), 400u);
  // 0022300061,2023-10-24,2023-24,1610612743,DEN,240,95.0,1610612747,LAL,240,96.0
  const TeamBoxRow& home = parsed.team_box[0];
  EXPECT_EQ(home.line, 2);
  EXPECT_EQ(home.game_id, "0022300061");
  EXPECT_EQ(home.game_date, "2023-10-24");
  EXPECT_EQ(home.team, "DEN");
  EXPECT_EQ(home.opponent, "LAL");
  EXPECT_EQ(home.is_home, 1);
  EXPECT_EQ(home.minutes, 240.0);
  EXPECT_EQ(home.possessions, 95.0);
  EXPECT_EQ(home.tov_basis, "");
  EXPECT_EQ(home.stats.pts, std::nullopt);
  EXPECT_EQ(home.stats.tov, std::nullopt);
  const TeamBoxRow& road = parsed.team_box[1];
  EXPECT_EQ(road.team, "LAL");
  EXPECT_EQ(road.opponent, "DEN");
  EXPECT_EQ(road.is_home, 0);
  EXPECT_EQ(road.possessions, 96.0);
}

TEST(TeamAdvancedCsvReader, OvertimeMinutes) {
  const ParsedFile parsed = ReadOk(LoadTestData("box_score_advanced_2023-24_head.csv"));
  std::map<double, int> by_minutes;
  for (const TeamBoxRow& row : parsed.team_box) ++by_minutes[*row.minutes];
  // SAS-HOU and CHI-TOR on 2023-10-27 went to overtime.
  EXPECT_GE(by_minutes[265.0], 4);
  EXPECT_EQ(by_minutes[240.0] + by_minutes[265.0] + by_minutes[290.0] + by_minutes[315.0], 400);
}

TEST(TeamAdvancedCsvReader, BadRowsAreRejectedWithReason) {
  const ParsedFile parsed =
      ReadOk(Inline("game_id,game_date,team_abbreviation_home,minutes_home,possessions_home,"
                    "team_abbreviation_road,minutes_road,possessions_road\r\n"
                    "22300061,2023-10-24,DEN,240,95.0,LAL,240,96.0\r\n"
                    "0022300062,2023-10-24,GSW,240:00,102,PHX,,101\r\n"
                    "0022300063,2023-10-24,GSW,500,102,PHX,240,101\r\n"
                    "0022300064,2023-10-24,GSW,240,-3,PHX,240,101\r\n"
                    "0022300065,2023-10-24,GSW,240,abc,PHX,240,101\r\n"
                    "0022300066,24/10/2023,GSW,240,100,PHX,240,101\r\n"
                    "0022300067,2023-10-24,GSW,240,100,GSW,240,101\r\n"));
  ASSERT_EQ(parsed.team_box.size(), 2u);
  EXPECT_EQ(parsed.team_box[0].game_id, "0022300061");
  const std::vector<std::pair<int64_t, std::string>> expected = {
      {3, "no team minutes in minutes_road"}, {4, "minutes_home: minutes '500' exceed 400"},
      {5, "negative possessions_home -3"},    {6, "possessions_home 'abc' is not a number"},
      {7, "invalid game_date '24/10/2023'"},  {8, "home and road team are both GSW"},
  };
  ASSERT_EQ(parsed.rejects.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(parsed.rejects[i].line, expected[i].first);
    EXPECT_EQ(parsed.rejects[i].reason, expected[i].second);
  }
}

TEST(TeamAdvancedCsvReader, RefusesMissingColumns) {
  auto parsed = TeamAdvancedCsvReader().Read(Inline("game_id,game_date,minutes_home\n1,2,3\n"));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message(),
            "missing required columns: team_abbreviation_home, possessions_home, "
            "team_abbreviation_road, minutes_road, possessions_road");
}

TEST(TeamAdvancedCsvReaderSharedData, EverySeasonLoads) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "no shared data";
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::SharedData() / "team_games")) {
    if (!entry.path().filename().string().starts_with("box_score_advanced_")) continue;
    ++files;
    const InputFile file = LoadFile(entry.path());
    ASSERT_TRUE(TeamAdvancedCsvReader().Detect(file)) << entry.path();
    const ParsedFile parsed = ReadOk(file);
    EXPECT_GT(parsed.team_box.size(), 1400u) << entry.path();
    for (const RejectRow& reject : parsed.rejects) {
      ADD_FAILURE() << entry.path().filename() << ":" << reject.line << " " << reject.reason;
    }
  }
  EXPECT_EQ(files, 26);
}

}  // namespace
}  // namespace backcourt
