#include "ingest/odds_props_csv_reader.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "csv_test_util.h"
#include "reader_test_util.h"

namespace backcourt {
namespace {

using testing::LoadTestData;

using testing::Rejects;

ParsedFile ReadOk(const InputFile& file) { return testing::ReadOk(OddsPropsCsvReader(), file); }

constexpr std::string_view kBookHeader =
    "event_id,player,market,line,bookmaker,game,game_time,over_odds,under_odds\n";
constexpr std::string_view kPickemHeader =
    "player,market,bookmaker,side,line,price,home_team,away_team,game_id,commence_time\n";

TEST(OddsPropsCsvReader, BookSnapshotKeepsEveryPointsLineWithTheFileNameAsCaptureTime) {
  const ParsedFile file = ReadOk(LoadTestData("odds/raw_20251111_170000.csv"));
  EXPECT_EQ(file.format, "odds-props-csv");
  EXPECT_EQ(Rejects(file), "");
  ASSERT_EQ(file.prop_lines.size(), 23u);  // every player_points row of the fixture
  EXPECT_EQ(file.skipped,
            (std::map<std::string, int64_t>{{"market player_assists", 2},
                                            {"market player_double_double", 1},
                                            {"market player_points_rebounds_assists", 8},
                                            {"market player_rebounds", 6},
                                            {"market player_threes", 7}}));
  const PropLineRow& first = file.prop_lines[0];
  EXPECT_EQ(first.line, 2);
  EXPECT_EQ(first.event_id, "3e9ff8cc7c27a9e791ef15809ccd4721");
  EXPECT_EQ(first.player_name, "Ben Sheppard");
  EXPECT_EQ(first.name_key, "ben sheppard");
  EXPECT_EQ(first.bookmaker, "draftkings");
  EXPECT_EQ(first.line_kind, "book");
  EXPECT_EQ(first.point, 7.5);
  EXPECT_EQ(first.over_price, -107);
  EXPECT_EQ(first.under_price, -119);
  EXPECT_EQ(first.price_format, "american");
  EXPECT_EQ(first.home_team, "UTA");  // "Indiana Pacers @ Utah Jazz"
  EXPECT_EQ(first.away_team, "IND");
  EXPECT_EQ(first.commence_time, "2025-11-12T02:00:00Z");
  EXPECT_EQ(first.game_date, "2025-11-11");  // 21:00 Eastern
  EXPECT_EQ(first.captured_at, "2025-11-11T17:00:00Z");
  EXPECT_EQ(first.capture_basis, "file_name");
  // The one real points row without an under price (fanatics, line 7) is kept.
  const PropLineRow& over_only = file.prop_lines[1];
  EXPECT_EQ(over_only.line, 7);
  EXPECT_EQ(over_only.bookmaker, "fanatics");
  EXPECT_EQ(over_only.over_price, -115);
  EXPECT_EQ(over_only.under_price, std::nullopt);
  // Bovada's ten alternate lines for Tyrese Maxey are ten rows, 24.5..33.5.
  int alternates = 0;
  for (const PropLineRow& row : file.prop_lines) {
    alternates += row.player_name == "Tyrese Maxey" && row.bookmaker == "bovada";
  }
  EXPECT_EQ(alternates, 10);
  EXPECT_EQ(file.prop_lines.back().under_price, -114);
}

TEST(OddsPropsCsvReader, PickemSidesPairIntoOneRowAndDuplicatedRowsStay) {
  const ParsedFile file = ReadOk(LoadTestData("odds/pickem_01_02_2025.csv"));
  EXPECT_EQ(Rejects(file), "");
  EXPECT_EQ(file.skipped, (std::map<std::string, int64_t>{{"market player_rebounds", 2}}));
  // Underdog 20.5; PrizePicks 19.5 twice (the source repeats those two rows).
  ASSERT_EQ(file.prop_lines.size(), 3u);
  const PropLineRow& underdog = file.prop_lines[0];
  EXPECT_EQ(underdog.bookmaker, "underdog");
  EXPECT_EQ(underdog.line_kind, "pickem");
  EXPECT_EQ(underdog.point, 20.5);
  EXPECT_EQ(underdog.over_price, -137);
  EXPECT_EQ(underdog.under_price, -137);
  EXPECT_EQ(underdog.event_id, "0a5a9e810f06ed0adb33581b2163f143");
  EXPECT_EQ(underdog.home_team, "WAS");
  EXPECT_EQ(underdog.away_team, "CHI");
  EXPECT_EQ(underdog.game_date, "2025-01-01");    // 19:10 Eastern on New Year's Day
  EXPECT_EQ(underdog.captured_at, std::nullopt);  // the name is a date, not a capture time
  EXPECT_EQ(underdog.capture_basis, "none");
  EXPECT_EQ(file.prop_lines[1].bookmaker, "prizepicks");
  EXPECT_EQ(file.prop_lines[1].line, 4);
  EXPECT_EQ(file.prop_lines[2].line, 6);
  EXPECT_EQ(file.prop_lines[2].under_price, -137);
}

TEST(OddsPropsCsvReader, PickemWithOtherColumnOrderAndAnOverOnlyLine) {
  const ParsedFile file = ReadOk(LoadTestData("odds/pickem_10_22_2024.csv"));
  EXPECT_EQ(Rejects(file), "");
  ASSERT_EQ(file.prop_lines.size(), 3u);
  EXPECT_EQ(file.prop_lines[0].point, 0.5);  // PrizePicks lists only the Over of 0.5
  EXPECT_EQ(file.prop_lines[0].over_price, -137);
  EXPECT_EQ(file.prop_lines[0].under_price, std::nullopt);
  EXPECT_EQ(file.prop_lines[1].point, 26.5);
  EXPECT_EQ(file.prop_lines[1].under_price, -137);
  EXPECT_EQ(file.prop_lines[2].bookmaker, "underdog");
  EXPECT_EQ(file.prop_lines[0].home_team, "LAL");
  EXPECT_EQ(file.prop_lines[0].game_date, "2024-10-22");
}

TEST(OddsPropsCsvReader, CaptureTimeFromColumnElseOptionElseNone) {
  const std::string row =
      "e1,A B,player_points,10.5,fanduel,Boston Celtics @ Miami Heat,2025-01-02T00:30:00Z,-110,"
      "-110";
  const ParsedFile column =
      ReadOk(InputFile{"snap.csv", std::string(kBookHeader.substr(0, kBookHeader.size() - 1)) +
                                       ",captured_at\n" + row + ",2025-01-01T20:00:00+01:00\n"});
  ASSERT_EQ(column.prop_lines.size(), 1u);
  EXPECT_EQ(column.prop_lines[0].captured_at, "2025-01-01T19:00:00Z");
  EXPECT_EQ(column.prop_lines[0].capture_basis, "column");
  const ParsedFile option =
      ReadOk(InputFile{"snap.csv", std::string(kBookHeader) + row + "\n", "2025-01-01T18:00:00Z"});
  ASSERT_EQ(option.prop_lines.size(), 1u);
  EXPECT_EQ(option.prop_lines[0].captured_at, "2025-01-01T18:00:00Z");
  EXPECT_EQ(option.prop_lines[0].capture_basis, "option");
  const ParsedFile none = ReadOk(InputFile{"snap.csv", std::string(kBookHeader) + row + "\n"});
  ASSERT_EQ(none.prop_lines.size(), 1u);
  EXPECT_EQ(none.prop_lines[0].captured_at, std::nullopt);
  EXPECT_EQ(none.prop_lines[0].capture_basis, "none");
}

TEST(OddsPropsCsvReader, BadRowsAreRejectedWithLineAndReason) {
  const ParsedFile book = ReadOk(
      InputFile{"bad.csv",
                std::string(kBookHeader) +
                    "e,A B,player_points,10.5,fd,Boston Celtics @ Miami Heat,2025-01-02T00:30:00Z,"
                    "-50,-110\n"
                    "e,A B,player_points,ten,fd,Boston Celtics @ Miami Heat,2025-01-02T00:30:00Z,"
                    "-110,-110\n"
                    "e,A B,player_points,10.5,fd,Boston Celtics vs Miami Heat,2025-01-02T00:30:00Z,"
                    "-110,-110\n"
                    "e,A B,player_points,10.5,fd,Boston Celtics @ Miami Heat,2025-01-02,-110,-110\n"
                    "e,A B,player_points,10.5,fd,Boston Celtics @ Miami Heat,2025-01-02T00:30:00Z,"
                    ",\n"
                    "e,,player_points,10.5,fd,Boston Celtics @ Miami Heat,2025-01-02T00:30:00Z,"
                    "-110,-110\n"
                    "e,A B,player_points,10.5,fd\n"
                    "e,A B,player_steals,,fd,,,,\n"
                    "e,A B,player_points,10.5,fd,Boston Celtics @ Miami Heat,2025-01-02T00:30:00Z,"
                    "+120,-140\n"});
  EXPECT_EQ(Rejects(book),
            "2: over_odds -50 is not an American price (|price| 100..1000000)\n"
            "3: line 'ten' is not a number\n"
            "4: game 'Boston Celtics vs Miami Heat' is not 'Away Team @ Home Team'\n"
            "5: invalid game_time '2025-01-02' (ISO-8601 UTC expected)\n"
            "6: no over or under price\n"
            "7: no player name\n"
            "8: expected 9 fields, found 5\n");
  ASSERT_EQ(book.prop_lines.size(), 1u);
  EXPECT_EQ(book.prop_lines[0].over_price, 120);
  EXPECT_EQ(book.skipped, (std::map<std::string, int64_t>{{"market player_steals", 1}}));

  const ParsedFile pickem = ReadOk(InputFile{
      "bad.csv", std::string(kPickemHeader) +
                     "A B,player_points,PrizePicks,Higher,10.5,-137,Miami Heat,Boston Celtics,g,"
                     "2025-01-02T00:30:00Z\n"
                     "A B,player_points,PrizePicks,Over,10.5,,Miami Heat,Boston Celtics,g,"
                     "2025-01-02T00:30:00Z\n"
                     "A B,player_points,PrizePicks,Over,10.5,-137,Miami Heat,Miami Heat,g,"
                     "2025-01-02T00:30:00Z\n"
                     "A B,player_points,PrizePicks,Over,10.5,-137,Miami Heat,Gotham,g,"
                     "2025-01-02T00:30:00Z\n"});
  EXPECT_EQ(Rejects(pickem),
            "2: side 'Higher' is neither Over nor Under\n"
            "3: empty price\n"
            "4: home and away team are both MIA\n"
            "5: unknown team 'Gotham' in away_team\n");
  EXPECT_TRUE(pickem.prop_lines.empty());
}

TEST(OddsPropsCsvReader, MissingColumnsRefuseTheFile) {
  auto book = OddsPropsCsvReader().Read(
      InputFile{"m.csv", "event_id,player,market,line,bookmaker,game,over_odds,under_odds\n"});
  ASSERT_FALSE(book);
  EXPECT_EQ(book.error().message(), "missing required columns: game_time");
  auto pickem = OddsPropsCsvReader().Read(
      InputFile{"m.csv", "player,market,bookmaker,side,line,price,home_team,away_team\n"});
  ASSERT_FALSE(pickem);
  EXPECT_EQ(pickem.error().message(), "missing required columns: game_id, commence_time");
}

TEST(OddsPropsCsvReader, DetectsBothShapesOnly) {
  OddsPropsCsvReader reader;
  for (const char* name : {"odds/raw_20251111_170000.csv", "odds/pickem_01_02_2025.csv",
                           "odds/pickem_10_22_2024.csv"}) {
    EXPECT_TRUE(reader.Detect(LoadTestData(name))) << name;
  }
  for (const char* name :
       {"odds/game_lines_nba_2008-2025_sample.csv", "odds/consensus_close_2025-26_head.csv",
        "team_game_logs_2023-24.csv", "bbref_gamelogs_2024-25_head.csv"}) {
    EXPECT_FALSE(reader.Detect(LoadTestData(name))) << name;
  }
}

}  // namespace
}  // namespace backcourt
