#include "ingest/game_lines_csv_reader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "csv_test_util.h"
#include "reader_test_util.h"

namespace backcourt {
namespace {

using testing::LoadTestData;

using testing::Rejects;

ParsedFile ReadOk(const InputFile& file) { return testing::ReadOk(GameLinesCsvReader(), file); }

// "market point home/away over/under" of each row, for compact expectations.
std::string Describe(const GameLineRow& row) {
  const auto text = [](const std::optional<double>& v) {
    return v ? fmt::format("{}", *v) : std::string("-");
  };
  return fmt::format("{} {} {}@{} {} {}/{} {}/{}", row.line, row.market, row.away_team,
                     row.home_team, text(row.point), text(row.home_price), text(row.away_price),
                     text(row.over_price), text(row.under_price));
}

TEST(GameLinesCsvReader, HistoryGivesSpreadTotalAndMoneylineOfEachGame) {
  const ParsedFile file = ReadOk(LoadTestData("odds/game_lines_nba_2008-2025_sample.csv"));
  EXPECT_EQ(file.format, "game-lines-csv");
  // The source's one impossible moneyline ("8") rejects that market only.
  EXPECT_EQ(Rejects(file),
            "5: h2h: moneyline_away 8 is not an American price (|price| 100..1000000)\n");
  std::vector<std::string> rows;
  for (const GameLineRow& row : file.game_lines) rows.push_back(Describe(row));
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "2 spreads POR@SAS -13 -/- -/-",  // home favoured by 13
                      "2 totals POR@SAS 189.5 -/- -/-",  "2 h2h POR@SAS - -1400/900 -/-",
                      "3 spreads UTA@GSW -1 -/- -/-",    "3 totals UTA@GSW 212 -/- -/-",
                      "3 h2h UTA@GSW - -120/100 -/-",
                      "4 spreads HOU@LAL 5 -/- -/-",  // away favoured by 5
                      "4 totals HOU@LAL 199 -/- -/-",    "4 h2h HOU@LAL - 190/-230 -/-",
                      "5 spreads CHI@ATL -7 -/- -/-",    "5 totals CHI@ATL 182 -/- -/-",
                      "6 totals HOU@LAC 235.5 -/- -/-",  // no spread in the source
                      "6 h2h HOU@LAC - -220/180 -/-",
                      "7 spreads MEM@MIA -11.5 -/- -/-",  // no moneylines from 2023-24 on
                      "7 totals MEM@MIA 214.5 -/- -/-",  "8 spreads POR@HOU -10.5 -/- -/-",
                      "8 totals POR@HOU 220.5 -/- -/-",  "9 spreads IND@OKC -6.5 -/- -/-",
                      "9 totals IND@OKC 215.5 -/- -/-",
                  }));
  const GameLineRow& first = file.game_lines[0];
  EXPECT_EQ(first.game_date, "2007-10-30");
  EXPECT_EQ(first.bookmaker, "closing");
  EXPECT_EQ(first.event_id, "");
  EXPECT_EQ(first.commence_time, std::nullopt);
  EXPECT_EQ(first.captured_at, std::nullopt);
  EXPECT_EQ(first.capture_basis, "closing");
  EXPECT_EQ(first.price_format, "american");
}

TEST(GameLinesCsvReader, ConsensusClosingLines) {
  const ParsedFile file = ReadOk(LoadTestData("odds/consensus_close_2025-26_head.csv"));
  EXPECT_EQ(Rejects(file), "");
  ASSERT_EQ(file.game_lines.size(), 10u);
  EXPECT_EQ(Describe(file.game_lines[0]), "2 spreads HOU@OKC -6.5 -/- -/-");
  EXPECT_EQ(Describe(file.game_lines[1]), "2 totals HOU@OKC 225.5 -/- -/-");
  EXPECT_EQ(Describe(file.game_lines[2]), "3 spreads GSW@LAL 2.5 -/- -/-");
  EXPECT_EQ(file.game_lines[0].bookmaker, "consensus");
  EXPECT_EQ(file.game_lines[0].game_date, "2025-10-21");
  EXPECT_EQ(file.game_lines[0].capture_basis, "closing");
}

TEST(GameLinesCsvReader, OptionGivesTheCaptureTime) {
  const ParsedFile file = ReadOk(InputFile{"c.csv",
                                           "date,home,away,spread_home,total\n"
                                           "2025-10-21,OKC,HOU,-6.5,225.5\n",
                                           "2025-10-21T23:20:00Z"});
  ASSERT_EQ(file.game_lines.size(), 2u);
  EXPECT_EQ(file.game_lines[0].captured_at, "2025-10-21T23:20:00Z");
  EXPECT_EQ(file.game_lines[0].capture_basis, "option");
}

TEST(GameLinesCsvReader, BadRowsAreRejected) {
  const ParsedFile file = ReadOk(InputFile{"c.csv",
                                           "date,home,away,spread_home,total\n"
                                           "2025-10-21,OKC,XXX,-6.5,225.5\n"
                                           "21/10/2025,OKC,HOU,-6.5,225.5\n"
                                           "2025-10-21,OKC,OKC,-6.5,225.5\n"
                                           "2025-10-21,OKC,HOU,-66.5,2255\n"
                                           "2025-10-21,OKC,HOU,,\n"
                                           "2025-10-21,OKC,HOU,abc,225.5\n"});
  EXPECT_EQ(Rejects(file),
            "2: unknown team 'XXX' in away\n"
            "3: invalid date '21/10/2025'\n"
            "4: spreads: home and away team are both OKC\n"
            "4: totals: home and away team are both OKC\n"
            "5: spreads: spread -66.5 is out of range (-60..60)\n"
            "5: totals: total 2255 is out of range (100..400)\n"
            "6: no spread, total or moneyline\n"
            "7: spreads: spread_home 'abc' is not a number\n");
  ASSERT_EQ(file.game_lines.size(), 1u);
  EXPECT_EQ(file.game_lines[0].market, "totals");
}

TEST(GameLinesCsvReader, HistoryRejectsAnUnknownFavourite) {
  const ParsedFile file = ReadOk(InputFile{
      "h.csv", "date,away,home,whos_favored,spread,total\n2024-01-24,mem,mia,both,11.5,214.5\n"});
  EXPECT_EQ(Rejects(file), "2: spreads: whos_favored 'both' is neither home nor away\n");
  EXPECT_EQ(file.game_lines.size(), 1u);
}

TEST(GameLinesCsvReader, MissingColumnsRefuseTheFile) {
  auto parsed = GameLinesCsvReader().Read(InputFile{"m.csv", "date,home,away,total\n"});
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message(),
            "missing required columns: spread_home (or whos_favored and spread)");
}

TEST(GameLinesCsvReader, DetectsBothShapesOnly) {
  GameLinesCsvReader reader;
  EXPECT_TRUE(reader.Detect(LoadTestData("odds/game_lines_nba_2008-2025_sample.csv")));
  EXPECT_TRUE(reader.Detect(LoadTestData("odds/consensus_close_2025-26_head.csv")));
  for (const char* name : {"odds/raw_20251111_170000.csv", "odds/pickem_01_02_2025.csv",
                           "team_game_logs_2023-24.csv", "box_score_advanced_2023-24_head.csv"}) {
    EXPECT_FALSE(reader.Detect(LoadTestData(name))) << name;
  }
}

}  // namespace
}  // namespace backcourt
