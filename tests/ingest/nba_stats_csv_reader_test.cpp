#include "ingest/nba_stats_csv_reader.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "csv_test_util.h"
#include "ingest/bbref_csv_reader.h"
#include "ingest/team_advanced_csv_reader.h"
#include "ingest/team_log_csv_reader.h"
#include "reader_test_util.h"

namespace backcourt {
namespace {

using testing::Inline;
using testing::LoadFile;
using testing::LoadTestData;
using testing::Rejects;

ParsedFile ReadOk(const InputFile& file) {
  auto parsed = NbaStatsCsvReader().Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed ? std::move(*parsed) : ParsedFile{};
}

std::string ReadError(const std::string& content) {
  auto parsed = NbaStatsCsvReader().Read(Inline(content));
  return parsed ? "no error" : parsed.error().message();
}

TEST(NbaStatsCsvReader, BoxscoresWithIndexColumnAndNoDate) {
  const InputFile file = LoadTestData("nba_stats_boxscores_2023-24_head.csv");
  EXPECT_TRUE(NbaStatsCsvReader().Detect(file));
  const ParsedFile parsed = ReadOk(file);
  EXPECT_EQ(parsed.format, "nba-stats-csv");
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.player_box.size(), 200u);
  // 0,22300061,1610612747,LAL,Los Angeles,1627752,Taurean Prince,Taurean,29.88333333,6,8,0.75,
  // 4,6,0.667,2,2,1,1,2,3,1,0,1,1,0,18,-14 (CRLF line ends; the `500` index is ignored)
  const PlayerBoxRow& row = parsed.player_box[0];
  EXPECT_EQ(row.line, 2);
  EXPECT_EQ(row.game_id, "0022300061");
  EXPECT_EQ(row.game_date, "");
  EXPECT_EQ(row.team, "LAL");
  EXPECT_EQ(row.opponent, "");
  EXPECT_EQ(row.is_home, std::nullopt);
  EXPECT_EQ(row.player_id, 1627752);
  EXPECT_EQ(row.player_name, "Taurean Prince");
  EXPECT_EQ(row.status, "active");
  EXPECT_NEAR(*row.minutes, 29.88333333, 1e-6);
  EXPECT_EQ(row.stats.fgm, 6);
  EXPECT_EQ(row.stats.fga, 8);
  EXPECT_EQ(row.stats.fg3m, 4);
  EXPECT_EQ(row.stats.fg3a, 6);
  EXPECT_EQ(row.stats.ftm, 2);
  EXPECT_EQ(row.stats.fta, 2);
  EXPECT_EQ(row.stats.oreb, 1);
  EXPECT_EQ(row.stats.dreb, 2);
  EXPECT_EQ(row.stats.reb, 3);
  EXPECT_EQ(row.stats.tov, 1);  // from TO
  EXPECT_EQ(row.stats.pf, 0);
  EXPECT_EQ(row.stats.pts, 18);
  EXPECT_EQ(row.stats.plus_minus, -14.0);
  EXPECT_EQ(row.has_shooting, 1);
  EXPECT_EQ(row.starter, std::nullopt);
  EXPECT_EQ(parsed.player_box[1].player_name, "LeBron James");
  EXPECT_EQ(parsed.player_box[1].stats.pts, 21);
  EXPECT_EQ(parsed.player_box.back().line, 201);
}

TEST(NbaStatsCsvReader, PlayerGameLogsPreferMinSec) {
  const ParsedFile parsed = ReadOk(LoadTestData("nba_stats_playergamelogs_2024-25_head.csv"));
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.player_box.size(), 200u);
  // Jay Huff, MEM vs. SAC, 2024-12-05T00:00:00, MIN 20.066666666666666, MIN_SEC 20:04.
  const PlayerBoxRow& row = parsed.player_box[0];
  EXPECT_EQ(row.game_id, "0022400329");
  EXPECT_EQ(row.game_date, "2024-12-05");
  EXPECT_EQ(row.team, "MEM");
  EXPECT_EQ(row.opponent, "SAC");
  EXPECT_EQ(row.is_home, 1);
  EXPECT_EQ(row.player_id, 1630643);
  EXPECT_EQ(row.player_name, "Jay Huff");
  EXPECT_NEAR(*row.minutes, 20.0 + 4.0 / 60.0, 1e-9);
  EXPECT_EQ(row.stats.pts, 11);
  EXPECT_EQ(row.stats.fga, 9);
  EXPECT_EQ(row.stats.tov, 1);
  EXPECT_EQ(row.stats.plus_minus, 30.0);
  EXPECT_EQ(row.has_shooting, 1);
}

// Regression (issue 16): only one of MIN and MIN_SEC was read, so an impossible MIN_SEC
// loaded without a word. Real rows: MIN_SEC is floor(MIN):round(seconds), "30:60" included.
TEST(NbaStatsCsvReader, MinAndMinSecAgreeOnRealRows) {
  const ParsedFile parsed =
      ReadOk(LoadTestData("nba_stats_playergamelogs_2024-25_min_sec.csv"));
  EXPECT_EQ(Rejects(parsed), "");
  ASSERT_EQ(parsed.player_box.size(), 7u);
  // Josh Hart: MIN 30.991666666666667, MIN_SEC "30:60": the decimal is kept.
  EXPECT_NEAR(*parsed.player_box[0].minutes, 30.991666666666667, 1e-12);
  // Kelly Oubre Jr.: MIN 29.141666666666666 (1748.5 s), MIN_SEC "29:09" (1749 s).
  EXPECT_NEAR(*parsed.player_box[2].minutes, 29.0 + 9.0 / 60.0, 1e-12);
  // Jevon Carter: MIN 0.99, MIN_SEC "0:59".
  EXPECT_NEAR(*parsed.player_box[6].minutes, 59.0 / 60.0, 1e-12);
}

TEST(NbaStatsCsvReader, ImpossibleOrDisagreeingMinSecIsRejectedWithBothValues) {
  const ParsedFile parsed =
      ReadOk(LoadTestData("nba_stats_playergamelogs_2024-25_min_sec_corrupted.csv"));
  EXPECT_EQ(Rejects(parsed),
            "2: MIN_SEC has seconds > 60 (MIN '30.991666666666667', MIN_SEC '30:61')\n"
            "4: MIN_SEC is not MM:SS (MIN '29.141666666666666', MIN_SEC '29:9')\n"
            "5: MIN and MIN_SEC disagree by more than the half second of rounding "
            "(MIN '26.308333333333334', MIN_SEC '27:19')\n"
            "6: MIN_SEC is not MM:SS (MIN '20.066666666666666', MIN_SEC '')\n"
            "8: MIN and MIN_SEC disagree by more than the half second of rounding "
            "(MIN '0.99', MIN_SEC '0:58')\n");
  ASSERT_EQ(parsed.player_box.size(), 2u);  // "25:60" and "3:22" agree with their MIN
  EXPECT_EQ(parsed.player_box[0].player_name, "Marcus Sasser");
  EXPECT_EQ(parsed.player_box[1].player_name, "Jericho Sims");
}

TEST(NbaStatsCsvReader, PlayerGameLogWithMonthNameDateAndMixedCaseIds) {
  const ParsedFile parsed = ReadOk(LoadTestData("nba_stats_playergamelog_2023-24_head.csv"));
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.player_box.size(), 200u);
  // 22023,1630173,0022301190,"Apr 14, 2024",NYK vs. CHI,W,19,2,3,...,4,-2,1,1630173,...
  const PlayerBoxRow& row = parsed.player_box[0];
  EXPECT_EQ(row.game_id, "0022301190");
  EXPECT_EQ(row.game_date, "2024-04-14");
  EXPECT_EQ(row.team, "NYK");
  EXPECT_EQ(row.opponent, "CHI");
  EXPECT_EQ(row.is_home, 1);
  EXPECT_EQ(row.player_id, 1630173);
  EXPECT_EQ(row.player_name, "Precious Achiuwa");
  EXPECT_EQ(row.minutes, 19.0);
  EXPECT_EQ(row.stats.pts, 4);
  EXPECT_EQ(row.stats.plus_minus, -2.0);
}

TEST(NbaStatsCsvReader, ReducedGameLogsHaveNoShooting) {
  const ParsedFile parsed = ReadOk(LoadTestData("player_game_logs_2023-24_head.csv"));
  EXPECT_TRUE(parsed.rejects.empty());  // empty FG3_PCT/FT_PCT cells are legitimate
  ASSERT_EQ(parsed.player_box.size(), 200u);
  // 202704,Reggie Jackson,DEN,2023-10-24,DEN vs. LAL,W,24,8,3,1,1,0,2,0.375,0.4,,11,...
  const PlayerBoxRow& row = parsed.player_box[0];
  EXPECT_EQ(row.game_id, "");
  EXPECT_EQ(row.game_date, "2023-10-24");
  EXPECT_EQ(row.team, "DEN");
  EXPECT_EQ(row.opponent, "LAL");
  EXPECT_EQ(row.is_home, 1);
  EXPECT_EQ(row.player_id, 202704);
  EXPECT_EQ(row.minutes, 24.0);
  EXPECT_EQ(row.stats.pts, 8);
  EXPECT_EQ(row.stats.reb, 3);
  EXPECT_EQ(row.stats.ast, 1);
  EXPECT_EQ(row.stats.stl, 1);
  EXPECT_EQ(row.stats.blk, 0);
  EXPECT_EQ(row.stats.tov, 2);
  EXPECT_EQ(row.stats.plus_minus, 11.0);
  EXPECT_EQ(row.stats.fgm, std::nullopt);
  EXPECT_EQ(row.stats.fga, std::nullopt);
  EXPECT_EQ(row.stats.fta, std::nullopt);
  EXPECT_EQ(row.stats.oreb, std::nullopt);
  EXPECT_EQ(row.stats.pf, std::nullopt);
  EXPECT_EQ(row.has_shooting, 0);
}

TEST(NbaStatsCsvReader, DetectsOnlyNbaStatsHeaders) {
  const NbaStatsCsvReader reader;
  for (const char* name :
       {"nba_stats_boxscores_2023-24_head.csv", "nba_stats_playergamelogs_2024-25_head.csv",
        "nba_stats_playergamelog_2023-24_head.csv", "player_game_logs_2023-24_head.csv"}) {
    const InputFile file = LoadTestData(name);
    EXPECT_TRUE(reader.Detect(file)) << name;
    EXPECT_FALSE(BbrefCsvReader().Detect(file)) << name;
    EXPECT_FALSE(TeamLogCsvReader().Detect(file)) << name;
    EXPECT_FALSE(TeamAdvancedCsvReader().Detect(file)) << name;
  }
  EXPECT_FALSE(reader.Detect(LoadTestData("bbref_gamelogs_2024-25_head.csv")));
  EXPECT_FALSE(reader.Detect(LoadTestData("team_game_logs_2023-24.csv")));
  EXPECT_FALSE(reader.Detect(Inline("")));
  EXPECT_FALSE(reader.Detect(Inline("{\"resultSets\": []}")));
}

TEST(NbaStatsCsvReader, RefusesUnreadableFiles) {
  EXPECT_EQ(ReadError(""), "empty file");
  EXPECT_EQ(ReadError(std::string("PLAYER_ID,MIN\n1,\0\n", 18)),
            "binary content: NUL byte at offset 16");
  EXPECT_EQ(ReadError("PLAYER_NAME,PTS\nx,1\n"),
            "missing required columns: PLAYER_ID, MIN, GAME_ID or GAME_DATE, "
            "TEAM_ABBREVIATION or MATCHUP");
  EXPECT_EQ(ReadError("GAME_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,MIN,PTS,PTS\n"),
            "duplicated header column 'PTS'");
}

TEST(NbaStatsCsvReader, BadRowsAreRejectedWithReason) {
  const ParsedFile parsed = ReadOk(
      Inline("GAME_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,MIN,FGM,FGA,FTA,TO,PTS,PLUS_MINUS\n"
             "22300061,LAL,2544,LeBron James,29.02,10,16,1,0,21,7\n"   // 2: ok
             "22300061,LAL,2544,LeBron James,29.02,10,16,1,0,21\n"     // 3
             "22300061,LAL,2544,LeBron James,29.02,10,16,1,0,abc,7\n"  // 4
             "22300061,LAL,2544,LeBron James,12:75,10,16,1,0,21,7\n"   // 5
             "22300061,LAL,2544,LeBron James,71,10,16,1,0,21,7\n"      // 6
             "22300061,XYZ,2544,LeBron James,29,10,16,1,0,21,7\n"      // 7
             ",LAL,2544,LeBron James,29,10,16,1,0,21,7\n"              // 8
             "22300061,LAL,2544,LeBron James,29,17,16,1,0,21,7\n"      // 9
             "22300061,LAL,2544,LeBron James,29,10,16,1,0,-2,7\n"      // 10
             "22300061,LAL,2544,LeBron James,29,10,,1,0,21,7\n"        // 11
             "22300061,LAL,203076,Anthony Davis,,,,,,,\n"              // 12: dnp, ok
             "22300061,LAL,,LeBron James,29,10,16,1,0,21,7\n"));       // 13
  ASSERT_EQ(parsed.player_box.size(), 2u);
  EXPECT_EQ(parsed.player_box[1].line, 12);
  EXPECT_EQ(parsed.player_box[1].status, "dnp");
  EXPECT_EQ(parsed.player_box[1].minutes, std::nullopt);
  EXPECT_EQ(parsed.player_box[1].stats.pts, std::nullopt);
  const std::vector<std::pair<int64_t, std::string>> expected = {
      {3, "expected 11 fields, found 10"},
      {4, "PTS 'abc' is not an integer"},
      {5, "minutes '12:75' has seconds >= 60"},
      {6, "minutes '71' exceed 70"},
      {7, "unknown team code 'XYZ' in TEAM_ABBREVIATION"},
      {8, "missing GAME_ID"},
      {9, "FGM 17 > FGA 16"},
      {10, "negative PTS -2"},
      {11, "empty FGA"},
      {13, "empty PLAYER_ID"},
  };
  ASSERT_EQ(parsed.rejects.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(parsed.rejects[i].line, expected[i].first);
    EXPECT_EQ(parsed.rejects[i].reason, expected[i].second);
  }
  EXPECT_EQ(parsed.rejects[0].content, "22300061,LAL,2544,LeBron James,29.02,10,16,1,0,21");
}

TEST(NbaStatsCsvReader, BadDatesAndMatchupsAreRejected) {
  const ParsedFile parsed =
      ReadOk(Inline("Player_ID,Game_ID,GAME_DATE,MATCHUP,MIN,PTS,PLAYER_NAME\n"
                    "1,0022300001,\"Feb 30, 2024\",NYK vs. CHI,10,2,A\n"
                    "1,0022300001,2024-13-01,NYK vs. CHI,10,2,A\n"
                    "1,0022300001,\"APR 14, 2024\",NYK vs. XYZ,10,2,A\n"
                    "1,0022300001,\"APR 14, 2024\",NYK - CHI,10,2,A\n"
                    "1,0022300001,\"APR 14, 2024\",PHO @ BRK,10,2,A\n"));
  ASSERT_EQ(parsed.rejects.size(), 4u);
  EXPECT_EQ(parsed.rejects[0].reason, "invalid GAME_DATE 'Feb 30, 2024'");
  EXPECT_EQ(parsed.rejects[1].reason, "invalid GAME_DATE '2024-13-01'");
  EXPECT_EQ(parsed.rejects[2].reason, "unknown team code 'XYZ' in MATCHUP");
  EXPECT_EQ(parsed.rejects[3].reason, "MATCHUP 'NYK - CHI' is not 'TEAM vs. OPP' or 'TEAM @ OPP'");
  ASSERT_EQ(parsed.player_box.size(), 1u);
  EXPECT_EQ(parsed.player_box[0].game_date, "2024-04-14");
  EXPECT_EQ(parsed.player_box[0].team, "PHX");
  EXPECT_EQ(parsed.player_box[0].opponent, "BKN");
  EXPECT_EQ(parsed.player_box[0].is_home, 0);
  EXPECT_EQ(parsed.player_box[0].has_shooting, 0);
}

// nba_stats_playergamelogs_2024-25 line 809: MIN 30.991666666666667, MIN_SEC "30:60".
TEST(NbaStatsCsvReader, RoundedMinSecFallsBackToDecimalMin) {
  const ParsedFile parsed =
      ReadOk(Inline("PLAYER_ID,PLAYER_NAME,TEAM_ABBREVIATION,GAME_ID,MIN,PTS,MIN_SEC\n"
                    "1,A,BOS,0022400001,30.991666666666667,2,30:60\n"
                    "1,A,BOS,0022400001,75.5,2,30:60\n"
                    "2,B,BOS,0022400001,20.066666666666666,2,20:04\n"));
  ASSERT_EQ(parsed.player_box.size(), 2u);
  EXPECT_NEAR(*parsed.player_box[0].minutes, 30.991666666666667, 1e-9);
  EXPECT_NEAR(*parsed.player_box[1].minutes, 20.0 + 4.0 / 60.0, 1e-9);
  ASSERT_EQ(parsed.rejects.size(), 1u);
  EXPECT_EQ(parsed.rejects[0].reason, "minutes '75.5' exceed 70 (MIN '75.5', MIN_SEC '30:60')");
}

TEST(NbaStatsCsvReader, TeamMustAgreeWithMatchup) {
  const ParsedFile parsed =
      ReadOk(Inline("PLAYER_ID,PLAYER_NAME,TEAM_ABBREVIATION,GAME_DATE,MATCHUP,MIN,PTS\n"
                    "1,A,BOS,2024-01-01,NYK vs. CHI,10,2\n"));
  ASSERT_EQ(parsed.rejects.size(), 1u);
  EXPECT_EQ(parsed.rejects[0].reason, "MATCHUP 'NYK vs. CHI' is not a game of BOS");
}

TEST(NbaStatsCsvReader, BoxScoreCommentAndStartPosition) {
  const ParsedFile parsed = ReadOk(
      Inline("GAME_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,START_POSITION,COMMENT,MIN,PTS\n"
             "0022200552,CHI,1,Starter,F,,40:12,20\n"
             "0022200552,CHI,2,Bench,,,5:00,0\n"
             "0022200552,CHI,3,Sitter,,DNP - Coach's Decision,,\n"));
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.player_box.size(), 3u);
  EXPECT_EQ(parsed.player_box[0].starter, 1);
  EXPECT_NEAR(*parsed.player_box[0].minutes, 40.2, 1e-9);
  EXPECT_EQ(parsed.player_box[1].starter, 0);
  EXPECT_EQ(parsed.player_box[2].status, "dnp");
  EXPECT_EQ(parsed.player_box[2].dnp_reason, "DNP - Coach's Decision");
  EXPECT_EQ(parsed.player_box[2].minutes, std::nullopt);
}

// Whole real files: each loads, with fewer than 0.5% rejected rows.
TEST(NbaStatsCsvReaderSharedData, EveryPlayerFileLoads) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "no shared data";
  std::vector<std::filesystem::path> paths = {
      testing::SharedData() / "player_box/nba_stats_boxscores_2023-24_to_2024-01-18.csv",
      testing::SharedData() / "player_box/nba_stats_playergamelogs_2024-25_to_2024-12-05.csv",
      testing::SharedData() / "player_box/nba_stats_playergamelog_2023-24_448_players.csv"};
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::SharedData() / "player_logs")) {
    paths.push_back(entry.path());
  }
  ASSERT_EQ(paths.size(), 12u);
  for (const auto& path : paths) {
    const InputFile file = LoadFile(path);
    ASSERT_TRUE(NbaStatsCsvReader().Detect(file)) << path;
    const ParsedFile parsed = ReadOk(file);
    const size_t total = parsed.player_box.size() + parsed.rejects.size();
    EXPECT_GT(total, 7000u) << path;
    EXPECT_LT(parsed.rejects.size() * 200, total) << path;
    for (const RejectRow& reject : parsed.rejects) {
      ADD_FAILURE() << path.filename() << ":" << reject.line << " " << reject.reason;
    }
  }
}

TEST(NbaStatsCsvReaderSharedData, BoxscoresCoverTheirWindow) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "no shared data";
  const ParsedFile parsed = ReadOk(
      LoadFile(testing::SharedData() / "player_box/nba_stats_boxscores_2023-24_to_2024-01-18.csv"));
  EXPECT_EQ(parsed.player_box.size(), 13188u);
  std::set<std::string> games;
  for (const PlayerBoxRow& row : parsed.player_box) games.insert(row.game_id);
  EXPECT_EQ(games.size(), 612u);
}

// Detection is exclusive: every CSV in the shared folder but the reference table is claimed
// by exactly one CSV reader.
TEST(CsvReadersSharedData, EachFileDetectedByExactlyOneReader) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "no shared data";
  const NbaStatsCsvReader nba;
  const BbrefCsvReader bbref;
  const TeamLogCsvReader team_log;
  const TeamAdvancedCsvReader team_advanced;
  const std::vector<const Reader*> readers = {&nba, &bbref, &team_log, &team_advanced};
  int files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::SharedData())) {
    if (entry.path().extension() != ".csv") continue;
    const InputFile file = LoadFile(entry.path());
    int claimed = 0;
    for (const Reader* reader : readers) claimed += reader->Detect(file) ? 1 : 0;
    const bool reference = entry.path().parent_path().filename() == "reference";
    EXPECT_EQ(claimed, reference ? 0 : 1) << entry.path();
    ++files;
  }
  EXPECT_GE(files, 65);
}

}  // namespace
}  // namespace backcourt
