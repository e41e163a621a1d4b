#include "ingest/team_log_csv_reader.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "csv_test_util.h"
#include "ingest/team_advanced_csv_reader.h"

namespace backcourt {
namespace {

using testing::Inline;
using testing::LoadFile;
using testing::LoadTestData;

ParsedFile ReadOk(const InputFile& file) {
  auto parsed = TeamLogCsvReader().Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed ? std::move(*parsed) : ParsedFile{};
}

constexpr std::string_view kHeader =
    "game_id,game_date,season,game_type,neutral_site,team_abbreviation_home,"
    "team_abbreviation_road,pts_home,pts_road,fgm_home,fga_home,tov_home,fgm_road,fga_road,"
    "tov_road\n";

TEST(TeamLogCsvReader, Season2023To24GamesByType) {
  const InputFile file = LoadTestData("team_game_logs_2023-24.csv");
  EXPECT_TRUE(TeamLogCsvReader().Detect(file));
  EXPECT_FALSE(TeamAdvancedCsvReader().Detect(file));
  const ParsedFile parsed = ReadOk(file);
  EXPECT_EQ(parsed.format, "team-log-csv");
  EXPECT_TRUE(parsed.rejects.empty());  // one empty ft_pct_road is legitimate
  ASSERT_EQ(parsed.schedule.size(), 1319u);
  EXPECT_EQ(parsed.team_box.size(), 2 * 1319u);
  std::map<std::string, int> by_type;
  int neutral = 0;
  for (const ScheduleRow& game : parsed.schedule) {
    ++by_type[game.game_type];
    neutral += static_cast<int>(game.neutral_site);
    EXPECT_EQ(game.status, "final");
    EXPECT_EQ(game.season, "2023-24");
    EXPECT_EQ(game.game_id.size(), 10u);
  }
  EXPECT_EQ(by_type, (std::map<std::string, int>{{"regular_season", 1228},
                                                 {"cup_knockout", 2},
                                                 {"cup_final", 1},
                                                 {"play_in", 6},
                                                 {"playoffs", 82}}));
  EXPECT_EQ(neutral, 3);  // the Cup semi-finals and final in Las Vegas
}

TEST(TeamLogCsvReader, FirstGameScheduleAndBoxes) {
  const ParsedFile parsed = ReadOk(LoadTestData("team_game_logs_2023-24.csv"));
  ASSERT_FALSE(parsed.schedule.empty());
  const ScheduleRow& game = parsed.schedule[0];
  EXPECT_EQ(game.line, 2);
  EXPECT_EQ(game.game_id, "0022300061");
  EXPECT_EQ(game.game_date, "2023-10-24");
  EXPECT_EQ(game.home_team, "DEN");
  EXPECT_EQ(game.away_team, "LAL");
  EXPECT_EQ(game.home_points, 119);
  EXPECT_EQ(game.away_points, 107);
  EXPECT_EQ(game.neutral_site, 0);
  const TeamBoxRow& home = parsed.team_box[0];
  const TeamBoxRow& road = parsed.team_box[1];
  EXPECT_EQ(home.team, "DEN");
  EXPECT_EQ(home.opponent, "LAL");
  EXPECT_EQ(home.is_home, 1);
  EXPECT_EQ(home.game_id, "0022300061");
  EXPECT_EQ(home.minutes, std::nullopt);
  EXPECT_EQ(home.possessions, std::nullopt);
  EXPECT_EQ(home.tov_basis, "team");
  EXPECT_EQ(home.stats.fgm, 48);
  EXPECT_EQ(home.stats.fga, 91);
  EXPECT_EQ(home.stats.oreb, 9);
  EXPECT_EQ(home.stats.tov, 12);
  EXPECT_EQ(home.stats.plus_minus, 12.0);
  EXPECT_EQ(road.team, "LAL");
  EXPECT_EQ(road.is_home, 0);
  EXPECT_EQ(road.stats.pts, 107);
  EXPECT_EQ(road.stats.fta, 20);
  EXPECT_EQ(road.stats.plus_minus, -12.0);
}

TEST(TeamLogCsvReader, CupFinalIsNeutral) {
  const ParsedFile parsed = ReadOk(LoadTestData("team_game_logs_2023-24.csv"));
  const ScheduleRow* final_game = nullptr;
  for (const ScheduleRow& game : parsed.schedule) {
    if (game.game_type == "cup_final") final_game = &game;
  }
  ASSERT_NE(final_game, nullptr);
  EXPECT_EQ(final_game->game_id, "0062300001");
  EXPECT_EQ(final_game->game_date, "2023-12-09");
  EXPECT_EQ(final_game->home_team, "LAL");
  EXPECT_EQ(final_game->away_team, "IND");
  EXPECT_EQ(final_game->neutral_site, 1);
}

TEST(NormalizeGameType, KnownSpellings) {
  EXPECT_EQ(NormalizeGameType("regular_season"), "regular_season");
  EXPECT_EQ(NormalizeGameType("nba_cup_semi"), "cup_knockout");
  EXPECT_EQ(NormalizeGameType("nba_cup_final"), "cup_final");
  EXPECT_EQ(NormalizeGameType("play_in"), "play_in");
  EXPECT_EQ(NormalizeGameType("playin"), "play_in");
  EXPECT_EQ(NormalizeGameType("playoffs"), "playoffs");
  EXPECT_EQ(NormalizeGameType("playoff"), "playoffs");
  EXPECT_EQ(NormalizeGameType("exhibition"), std::nullopt);
  EXPECT_EQ(NormalizeGameType(""), std::nullopt);
}

TEST(TeamLogCsvReader, BadRowsAreRejectedWithReason) {
  const ParsedFile parsed = ReadOk(Inline(
      std::string(kHeader) +
      "22300061,2023-10-24,2023-24,regular_season,FALSE,DEN,LAL,119,107,48,91,12,41,90,12\n"
      "0022300062,2023-10-24,2023-24,exhibition,False,GSW,PHX,104,108,36,101,11,42,95,19\n"
      "0022300063,2023-10-32,2023-24,regular_season,False,GSW,PHX,104,108,36,101,11,42,95,19\n"
      "0022300064,2023-10-24,2023-24,regular_season,maybe,GSW,PHX,104,108,36,101,11,42,95,19\n"
      "0022300065,2023-10-24,2023-24,regular_season,False,GSW,XYZ,104,108,36,101,11,42,95,19\n"
      "0022300066,2023-10-24,2023-24,regular_season,False,GSW,PHX,104,108,36,101,,42,95,19\n"
      ",2023-10-24,2023-24,regular_season,False,GSW,PHX,104,108,36,101,11,42,95,19\n"
      "0022300068,2023-10-24,2023-24,regular_season,False,GSW,PHX,104,108,36,101,11,42,95\n"
      "0022300069,2023-10-24,,playin,True,BRK,PHO,1,2,3,2,1,1,1,1\n"));
  ASSERT_EQ(parsed.schedule.size(), 1u);
  EXPECT_EQ(parsed.schedule[0].game_id, "0022300061");
  const std::vector<std::pair<int64_t, std::string>> expected = {
      {3, "unknown game_type 'exhibition'"},
      {4, "invalid game_date '2023-10-32'"},
      {5, "invalid neutral_site 'maybe'"},
      {6, "unknown team code 'XYZ' in team_abbreviation_road"},
      {7, "empty TOV"},
      {8, "missing game_id"},
      {9, "expected 15 fields, found 14"},
      {10, "FGM 3 > FGA 2"},
  };
  ASSERT_EQ(parsed.rejects.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(parsed.rejects[i].line, expected[i].first);
    EXPECT_EQ(parsed.rejects[i].reason, expected[i].second);
  }
}

TEST(TeamLogCsvReader, SeasonDerivedFromDateWhenEmpty) {
  const ParsedFile parsed =
      ReadOk(Inline(std::string(kHeader) +
                    "0042300101,2024-04-20,,playoff,False,BRK,PHO,100,90,30,80,10,30,80,10\n"));
  ASSERT_EQ(parsed.schedule.size(), 1u);
  EXPECT_EQ(parsed.schedule[0].season, "2023-24");
  EXPECT_EQ(parsed.schedule[0].game_type, "playoffs");
  EXPECT_EQ(parsed.schedule[0].home_team, "BKN");
  EXPECT_EQ(parsed.schedule[0].away_team, "PHX");
}

TEST(TeamLogCsvReader, RefusesMissingColumns) {
  auto parsed =
      TeamLogCsvReader().Read(Inline("game_id,game_date,team_abbreviation_home\n1,2,3\n"));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message(),
            "missing required columns: game_type, neutral_site, team_abbreviation_road, "
            "pts_home, pts_road");
}

// The team logs double as the schedule: 5,795 games between 2021-10-19 and 2026-01-02.
TEST(TeamLogCsvReaderSharedData, FiveSeasonsOfFinalGames) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "no shared data";
  int games = 0;
  std::set<std::string> dates;
  for (const char* season : {"2021-22", "2022-23", "2023-24", "2024-25", "2025-26"}) {
    const ParsedFile parsed = ReadOk(LoadFile(testing::SharedData() / "team_games" /
                                              (std::string("team_game_logs_") + season + ".csv")));
    EXPECT_TRUE(parsed.rejects.empty()) << season;
    for (const ScheduleRow& game : parsed.schedule) {
      if (game.game_date < "2021-10-19" || game.game_date > "2026-01-02") continue;
      EXPECT_EQ(game.status, "final");
      ++games;
      dates.insert(game.game_date);
    }
  }
  EXPECT_EQ(games, 5795);
  EXPECT_EQ(dates.size(), 919u);
}

TEST(TeamLogCsvReaderSharedData, EverySeasonLoadsWithoutRejects) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "no shared data";
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::SharedData() / "team_games")) {
    if (!entry.path().filename().string().starts_with("team_game_logs_")) continue;
    ++files;
    const InputFile file = LoadFile(entry.path());
    ASSERT_TRUE(TeamLogCsvReader().Detect(file)) << entry.path();
    const ParsedFile parsed = ReadOk(file);
    EXPECT_GT(parsed.schedule.size(), 700u) << entry.path();
    for (const RejectRow& reject : parsed.rejects) {
      ADD_FAILURE() << entry.path().filename() << ":" << reject.line << " " << reject.reason;
    }
  }
  EXPECT_EQ(files, 26);
}

// Saved by a spreadsheet: CRLF, "FALSE", US dates "10/30/12".
TEST(TeamLogCsvReaderSharedData, SpreadsheetSavedSeason) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "no shared data";
  const ParsedFile parsed =
      ReadOk(LoadFile(testing::SharedData() / "team_games/team_game_logs_2012-13.csv"));
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_FALSE(parsed.schedule.empty());
  EXPECT_EQ(parsed.schedule.front().game_date, "2012-10-30");
  EXPECT_EQ(parsed.schedule.front().home_team, "CLE");
  EXPECT_EQ(parsed.schedule.back().game_date, "2013-06-20");
}

}  // namespace
}  // namespace backcourt
