#include "ingest/bbref_csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "csv_test_util.h"
#include "ingest/nba_stats_csv_reader.h"
#include "ingest/player_names.h"
#include "ingest/team_advanced_csv_reader.h"
#include "ingest/team_log_csv_reader.h"

namespace backcourt {
namespace {

using testing::Inline;
using testing::LoadFile;
using testing::LoadTestData;

ParsedFile ReadOk(const InputFile& file) {
  auto parsed = BbrefCsvReader().Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed ? std::move(*parsed) : ParsedFile{};
}

const PlayerBoxRow* FindPlayer(const ParsedFile& parsed, std::string_view name) {
  for (const PlayerBoxRow& row : parsed.player_box) {
    if (row.player_name == name) return &row;
  }
  return nullptr;
}

TEST(BbrefCsvReader, ReadsGameLogsWithoutIds) {
  const InputFile file = LoadTestData("bbref_gamelogs_2024-25_head.csv");
  EXPECT_TRUE(BbrefCsvReader().Detect(file));
  const ParsedFile parsed = ReadOk(file);
  EXPECT_EQ(parsed.format, "bbref-csv");
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.player_box.size(), 200u);
  // Jayson Tatum,BOS,NYK,W,30.3,14,18,0.778,8,11,0.727,1,2,0.5,0,4,4,10,1,1,1,1,37,38.1,22/10/2024
  const PlayerBoxRow& row = parsed.player_box[0];
  EXPECT_EQ(row.line, 2);
  EXPECT_EQ(row.player_name, "Jayson Tatum");
  EXPECT_EQ(row.player_id, std::nullopt);
  EXPECT_EQ(row.game_id, "");
  EXPECT_EQ(row.game_date, "2024-10-22");
  EXPECT_EQ(row.team, "BOS");
  EXPECT_EQ(row.opponent, "NYK");
  EXPECT_EQ(row.is_home, std::nullopt);
  EXPECT_NEAR(*row.minutes, 30.3, 1e-9);
  EXPECT_EQ(row.stats.fgm, 14);
  EXPECT_EQ(row.stats.fga, 18);
  EXPECT_EQ(row.stats.fg3m, 8);
  EXPECT_EQ(row.stats.fg3a, 11);
  EXPECT_EQ(row.stats.ftm, 1);
  EXPECT_EQ(row.stats.fta, 2);
  EXPECT_EQ(row.stats.oreb, 0);
  EXPECT_EQ(row.stats.dreb, 4);
  EXPECT_EQ(row.stats.reb, 4);
  EXPECT_EQ(row.stats.ast, 10);
  EXPECT_EQ(row.stats.tov, 1);
  EXPECT_EQ(row.stats.pf, 1);
  EXPECT_EQ(row.stats.pts, 37);
  EXPECT_EQ(row.stats.plus_minus, std::nullopt);
  EXPECT_EQ(row.has_shooting, 1);
}

TEST(BbrefCsvReader, NormalisesTeamAliasesAndKeepsNames) {
  const ParsedFile parsed = ReadOk(LoadTestData("bbref_gamelogs_2024-25_head.csv"));
  const PlayerBoxRow* ball = FindPlayer(parsed, "LaMelo Ball");
  ASSERT_NE(ball, nullptr);
  EXPECT_EQ(ball->team, "CHA");  // CHO
  EXPECT_EQ(ball->game_date, "2024-10-23");
  EXPECT_EQ(ball->stats.pts, 34);
  const PlayerBoxRow* nurkic = FindPlayer(parsed, "Jusuf Nurkić");
  ASSERT_NE(nurkic, nullptr);
  EXPECT_EQ(nurkic->team, "PHX");  // PHO
  EXPECT_EQ(NormalizePlayerName(nurkic->player_name), "jusuf nurkic");
  for (const PlayerBoxRow& row : parsed.player_box) {
    EXPECT_NE(row.team, "BRK");
    EXPECT_NE(row.opponent, "CHO");
  }
}

TEST(BbrefCsvReader, DetectsOnlyBbrefHeaders) {
  EXPECT_TRUE(BbrefCsvReader().Detect(LoadTestData("bbref_gamelogs_2024-25_head.csv")));
  EXPECT_FALSE(NbaStatsCsvReader().Detect(LoadTestData("bbref_gamelogs_2024-25_head.csv")));
  EXPECT_FALSE(TeamLogCsvReader().Detect(LoadTestData("bbref_gamelogs_2024-25_head.csv")));
  EXPECT_FALSE(TeamAdvancedCsvReader().Detect(LoadTestData("bbref_gamelogs_2024-25_head.csv")));
  EXPECT_FALSE(BbrefCsvReader().Detect(LoadTestData("player_game_logs_2023-24_head.csv")));
  EXPECT_TRUE(BbrefCsvReader().Detect(Inline("Player,Tm,MP,PTS,Data\n")));
}

TEST(BbrefCsvReader, AcceptsIsoDatesDataColumnAndHomeAway) {
  const ParsedFile parsed =
      ReadOk(Inline("Player,Tm,H/A,Opp,MP,PTS,Data\n"
                    "A,BRK,@,PHO,12:30,4,2025-01-31\n"
                    "B,CHO,,BRK,40,30,1/2/2025\n"));
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.player_box.size(), 2u);
  EXPECT_EQ(parsed.player_box[0].game_date, "2025-01-31");
  EXPECT_EQ(parsed.player_box[0].team, "BKN");
  EXPECT_EQ(parsed.player_box[0].opponent, "PHX");
  EXPECT_EQ(parsed.player_box[0].is_home, 0);
  EXPECT_NEAR(*parsed.player_box[0].minutes, 12.5, 1e-9);
  EXPECT_EQ(parsed.player_box[0].has_shooting, 0);
  EXPECT_EQ(parsed.player_box[1].game_date, "2025-02-01");  // day first
  EXPECT_EQ(parsed.player_box[1].is_home, 1);
}

TEST(BbrefCsvReader, NotPlayedNotesInMinutes) {
  const ParsedFile parsed =
      ReadOk(Inline("Player,Tm,MP,PTS,Date\n"
                    "A,BOS,Did Not Play,,22/10/2024\n"
                    "B,BOS,Inactive,,22/10/2024\n"));
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.player_box.size(), 2u);
  EXPECT_EQ(parsed.player_box[0].status, "dnp");
  EXPECT_EQ(parsed.player_box[1].status, "inactive");
  EXPECT_EQ(parsed.player_box[1].dnp_reason, "Inactive");
  EXPECT_EQ(parsed.player_box[1].minutes, std::nullopt);
}

TEST(BbrefCsvReader, BadRowsAreRejectedWithReason) {
  const ParsedFile parsed =
      ReadOk(Inline("Player,Tm,Opp,MP,FG,FGA,PTS,Date\n"
                    "A,BOS,NYK,30,5,10,12,22/10/2024\n"    // 2: ok
                    "A,BOS,NYK,30,5,10,12,31/02/2024\n"    // 3
                    "A,BOS,NYK,30,5,10,12,10/22/2024\n"    // 4: month first
                    "A,BOS,XXX,30,5,10,12,22/10/2024\n"    // 5
                    "A,BOS,NYK,75.5,5,10,12,22/10/2024\n"  // 6
                    "A,BOS,NYK,30,11,10,12,22/10/2024\n"   // 7
                    "A,BOS,NYK,30,5,1O,12,22/10/2024\n"    // 8
                    ",BOS,NYK,30,5,10,12,22/10/2024\n"     // 9
                    "A,BOS,NYK,30,5,10,22/10/2024\n"));    // 10
  ASSERT_EQ(parsed.player_box.size(), 1u);
  const std::vector<std::pair<int64_t, std::string>> expected = {
      {3, "invalid Date '31/02/2024'"},
      {4, "invalid Date '10/22/2024'"},
      {5, "unknown team code 'XXX' in Opp"},
      {6, "minutes '75.5' exceed 70"},
      {7, "FGM 11 > FGA 10"},
      {8, "FGA '1O' is not an integer"},
      {9, "empty Player"},
      {10, "expected 8 fields, found 7"},
  };
  ASSERT_EQ(parsed.rejects.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(parsed.rejects[i].line, expected[i].first);
    EXPECT_EQ(parsed.rejects[i].reason, expected[i].second);
  }
}

TEST(BbrefCsvReader, RefusesUnreadableFiles) {
  auto missing = BbrefCsvReader().Read(Inline("Player,Opp,FG\nA,BOS,1\n"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message(), "missing required columns: Tm, MP, PTS, Date");
  auto duplicated = BbrefCsvReader().Read(Inline("Player,Tm,MP,PTS,Date,Tm\n"));
  ASSERT_FALSE(duplicated);
  EXPECT_EQ(duplicated.error().message(), "duplicated header column 'Tm'");
  EXPECT_EQ(BbrefCsvReader().Read(Inline("\n\n")).error().message(), "empty file");
}

TEST(BbrefCsvReaderSharedData, WholeFileLoads) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "no shared data";
  const ParsedFile parsed = ReadOk(
      LoadFile(testing::SharedData() / "player_box/bbref_gamelogs_2024-25_to_2025-02-07.csv"));
  EXPECT_EQ(parsed.player_box.size() + parsed.rejects.size(), 16512u);
  EXPECT_LT(parsed.rejects.size() * 200, 16512u);
  std::string first = "9999-99-99", last;
  for (const PlayerBoxRow& row : parsed.player_box) {
    first = std::min(first, row.game_date);
    last = std::max(last, row.game_date);
  }
  EXPECT_EQ(first, "2024-10-22");
  EXPECT_EQ(last, "2025-02-07");
}

}  // namespace
}  // namespace backcourt
