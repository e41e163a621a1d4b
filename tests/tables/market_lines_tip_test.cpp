// No line captured at or after tip reaches game_lines or player_prop_lines, on the real
// historical sample: The Odds API's 2024-01-25T03:55:40Z snapshot was taken after the GSW-ATL
// tip (03:20:30Z). The same response captured before tip does give the game's line. And the
// lineage: ingesting lines makes the lines tables stale, never the box-score tables.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "engine/backfill.h"
#include "ingest/ingest.h"
#include "store/schema.h"
#include "tables/market_lines.h"
#include "test_files.h"

namespace backcourt {
namespace {

using testing::ReadBytes;
using testing::TempDir;
using testing::TestData;

constexpr const char* kDate = "2024-01-24";  // US date of the 03:20:30Z tip
constexpr const char* kGame = "0022300626";  // GSW-ATL in the 2023-24 team logs
constexpr const char* kSpreadsTotals = "odds/historical_event_odds_spreads_totals_2024-01-25T0355Z.json";

// A props CSV for one GSW-ATL player, captured at the time in its name (raw_YYYYMMDD_HHMMSS).
std::string PropsCsv() {
  return "event_id,player,market,line,bookmaker,game,game_time,over_odds,under_odds\n"
         "cd0bc7d0c238f4446ce1c03d0cea7ec4,Stephen Curry,player_points,27.5,draftkings,"
         "Atlanta Hawks @ Golden State Warriors,2024-01-25T03:20:30Z,-110,-110\n";
}

class AfterTipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenStore(":memory:");
    ASSERT_TRUE(db) << db.error().message();
    db_.emplace(std::move(*db));
    IngestOk({TestData("team_game_logs_2023-24.csv")});
  }
  void IngestOk(const std::vector<std::string>& paths) {
    auto report = Ingest(*db_, paths, IngestOptions{});
    ASSERT_TRUE(report) << report.error().message();
    ASSERT_TRUE(report->ok());
  }
  BackfillResult Backfill(std::vector<std::string> tables) {
    BackfillOptions options;
    options.dates = {kDate};
    options.tables = std::move(tables);
    auto result = RunBackfill(*db_, Registry::Default(), options);
    EXPECT_TRUE(result) << result.error().message();
    return result ? *result : BackfillResult{};
  }
  std::optional<GameLine> LineOfTheGame() {
    auto lines = ReadGameLines(*db_, kDate, kDate);
    EXPECT_TRUE(lines) << lines.error().message();
    for (const GameLine& g : *lines) {
      if (g.game_id == kGame) return g;
    }
    return std::nullopt;
  }
  size_t PropRows() {
    auto props = ReadConsensusPropLines(*db_, kDate, kDate);
    EXPECT_TRUE(props) << props.error().message();
    return props ? props->size() : 0;
  }
  std::optional<Db> db_;
  TempDir dir_;
};

TEST_F(AfterTipTest, InPlaySnapshotGivesNoGameLineAndNoPropLine) {
  IngestOk({TestData(kSpreadsTotals), TestData("odds/historical_event_odds_h2h_2024-01-25T0355Z.json"),
            dir_.Write("raw_20240125_035540.csv", PropsCsv())});
  const BackfillResult result = Backfill({"game_lines", "player_prop_lines"});
  EXPECT_TRUE(result.passed());
  EXPECT_EQ(LineOfTheGame(), std::nullopt);
  EXPECT_EQ(PropRows(), 0u);
  // The game is listed as a gap of both tables, with why: its lines exist but are in-play.
  int gaps = 0;
  for (const GapRecord& gap : result.gaps) gaps += gap.game_id == kGame;
  EXPECT_EQ(gaps, 2);
  // LinesForDate (predict's path) applies the same rule.
  auto lines = LinesForDate(*db_, kDate);
  ASSERT_TRUE(lines) << lines.error().message();
  EXPECT_TRUE(lines->games.empty());
  EXPECT_TRUE(lines->props.empty());
}

TEST_F(AfterTipTest, SameResponseCapturedBeforeTipGivesTheLine) {
  std::string before = ReadBytes(TestData(kSpreadsTotals));
  const std::string after_tip = "\"timestamp\":\"2024-01-25T03:55:40Z\"";
  ASSERT_NE(before.find(after_tip), std::string::npos);
  before.replace(before.find(after_tip), after_tip.size(), "\"timestamp\":\"2024-01-25T03:00:00Z\"");
  IngestOk({dir_.Write("historical_before_tip.json", before),
            dir_.Write("raw_20240125_030000.csv", PropsCsv())});
  Backfill({"game_lines", "player_prop_lines"});
  const std::optional<GameLine> line = LineOfTheGame();
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->spread_home, -7.0);  // DraftKings -6.5, FanDuel -7.5
  EXPECT_EQ(line->total, 248.0);       // 248.5 and 247.5
  EXPECT_EQ(line->books_spread, 2);
  EXPECT_EQ(line->captured_at, "2024-01-25T03:00:00Z");
  EXPECT_EQ(PropRows(), 1u);
  auto lines = LinesForDate(*db_, kDate);
  ASSERT_TRUE(lines) << lines.error().message();
  ASSERT_EQ(lines->games.size(), 1u);
  EXPECT_EQ(lines->games[0].spread_home, -7.0);
  EXPECT_EQ(lines->props.size(), 2u);  // the book row and the consensus row
}

TEST_F(AfterTipTest, IngestingLinesMakesLinesTablesStaleNotBoxScoreTables) {
  Backfill({});
  IngestOk({dir_.Write("raw_20240125_030000.csv", PropsCsv())});
  auto stale = FindStale(*db_, Registry::Default(), kDate, kDate);
  ASSERT_TRUE(stale) << stale.error().message();
  EXPECT_EQ(stale->count({"game_lines", kDate}), 1u);
  EXPECT_EQ(stale->count({"player_prop_lines", kDate}), 1u);
  EXPECT_EQ(stale->count({"team_offense_game_summary", kDate}), 0u);
  EXPECT_EQ(stale->count({"player_game_summary", kDate}), 0u);
  EXPECT_EQ(stale->count({"player_game_features", kDate}), 0u);
}

}  // namespace
}  // namespace backcourt
