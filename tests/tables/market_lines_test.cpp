// From raw betting rows to game_lines and player_prop_lines rows (tables/market_lines.h), on
// synthetic rows: games matched by date and teams, books' last pre-tip snapshots, names
// resolved through the season's player rows, consensus of real-price books over pick'em.
#include "tables/market_lines.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/player_names.h"

namespace backcourt {
namespace {

constexpr const char* kTip = "2025-11-12T00:30:00Z";

ScheduleRow Scheduled(std::string id, std::string date, std::string home, std::string away) {
  ScheduleRow row;
  row.source = "team-log-csv", row.game_id = std::move(id), row.game_date = std::move(date);
  row.season = "2025-26", row.game_type = "regular_season", row.status = kStatusFinal;
  row.home_team = std::move(home), row.away_team = std::move(away);
  return row;
}

PlayerBoxRow Played(std::string game_id, std::string team, int64_t id, std::string name) {
  PlayerBoxRow row;
  row.source = "nba-stats-csv", row.game_id = std::move(game_id), row.team = std::move(team);
  row.player_id = id, row.player_name = std::move(name), row.minutes = 30;
  row.stats.pts = 10;
  return row;
}

PropLineRow Prop(std::string book, std::string player, double point, double over, double under,
                 std::optional<std::string> at) {
  PropLineRow row;
  row.source = "odds-props-csv", row.game_date = "2025-11-11", row.commence_time = kTip;
  row.home_team = "UTA", row.away_team = "IND", row.bookmaker = std::move(book);
  row.line_kind = "book", row.market = "player_points", row.player_name = std::move(player);
  row.name_key = NormalizePlayerName(row.player_name);
  row.point = point, row.over_price = over, row.under_price = under;
  row.captured_at = std::move(at);
  return row;
}

GameLineRow GameRow(std::string book, std::string market, double point,
                    std::optional<std::string> at, std::string home = "UTA",
                    std::string away = "IND") {
  GameLineRow row;
  row.source = "odds-api-json", row.game_date = "2025-11-11", row.commence_time = kTip;
  row.home_team = std::move(home), row.away_team = std::move(away);
  row.bookmaker = std::move(book), row.market = std::move(market), row.point = point;
  if (row.market == "spreads") row.home_price = -110, row.away_price = -110;
  else row.over_price = -110, row.under_price = -110;
  row.captured_at = std::move(at);
  row.capture_basis = row.captured_at ? kCaptureResponse : kCaptureNone;
  return row;
}

class MarketLinesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Two games of the date and one a week earlier: Sheppard plays only the earlier one.
    inputs_ = ResolvedInputs::Build(
        {Scheduled("0022500200", "2025-11-11", "UTA", "IND"),
         Scheduled("0022500201", "2025-11-11", "BOS", "NYK"),
         Scheduled("0022500100", "2025-11-04", "IND", "CHA")},
        {},
        {Played("0022500200", "UTA", 1, "Lauri Markkanen"),
         Played("0022500100", "IND", 2, "Ben Sheppard"),
         Played("0022500200", "IND", 3, "Herbert Jones"),
         Played("0022500201", "NYK", 4, "Jalen Brunson")});
    for (const GameInputs& g : inputs_.ForDate("2025-11-11")->games) games_.push_back(&g.game);
  }

  const PropLine* Find(const std::vector<PropLine>& rows, const std::string& key,
                       const std::string& book) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const PropLine& r) {
      return r.player_key == key && r.bookmaker == book;
    });
    return it == rows.end() ? nullptr : &*it;
  }

  ResolvedInputs inputs_;
  std::vector<const Game*> games_;
};

TEST_F(MarketLinesTest, PropLinesPerBookAndConsensus) {
  RawLines raw;
  raw.props = {
      Prop("draftkings", "Lauri Markkanen", 26.5, -115, -105, "2025-11-11T17:00:00Z"),
      Prop("draftkings", "Lauri Markkanen", 24.5, -115, -105, "2025-11-11T12:00:00Z"),  // older
      Prop("draftkings", "Lauri Markkanen", 30.5, -110, -110, kTip),                   // in-play
      Prop("bovada", "Lauri Markkanen", 25.5, -120, -110, "2025-11-11T17:00:00Z"),
      Prop("bovada", "Lauri Markkanen", 26.5, 105, -135, "2025-11-11T17:00:00Z"),
      Prop("bovada", "Lauri Markkanen", 27.5, 130, -170, "2025-11-11T17:00:00Z"),
      Prop("fanduel", "Lauri Markkanen", 26.5, -108, -112, "2025-11-11T17:00:00Z"),
  };
  const auto rows = BuildPropLines(games_, inputs_, raw, nullptr);
  ASSERT_EQ(rows.size(), 4u);
  const PropLine* dk = Find(rows, "1", "draftkings");
  ASSERT_NE(dk, nullptr);
  EXPECT_EQ(dk->line, 26.5);  // its last snapshot before tip, not the in-play 30.5
  EXPECT_EQ(dk->captured_at, "2025-11-11T17:00:00Z");
  EXPECT_EQ(dk->alternates, 0);
  EXPECT_EQ(dk->team, "UTA");
  EXPECT_EQ(dk->resolved, 1);
  const PropLine* bovada = Find(rows, "1", "bovada");
  ASSERT_NE(bovada, nullptr);
  EXPECT_EQ(bovada->line, 25.5);
  EXPECT_EQ(bovada->alternates, 2);
  const PropLine* consensus = Find(rows, "1", kConsensusBook);
  ASSERT_NE(consensus, nullptr);
  EXPECT_EQ(consensus->line, 26.5);
  EXPECT_EQ(consensus->books, 3);
  EXPECT_EQ(consensus->over_price, 105);  // Bovada's alternate at 26.5
  EXPECT_EQ(consensus->over_book, "bovada");
  EXPECT_EQ(consensus->under_price, -105);
  EXPECT_EQ(consensus->under_book, "draftkings");
  EXPECT_EQ(consensus->alternates, std::nullopt);
  EXPECT_EQ(consensus->game_id, "0022500200");
}

TEST_F(MarketLinesTest, PlayerWhoDidNotPlayThatDayStillResolves) {
  RawLines raw;
  raw.props = {Prop("draftkings", "Ben Sheppard", 7.5, -107, -119, "2025-11-11T17:00:00Z"),
               Prop("draftkings", "Herb Jones", 9.5, -110, -110, "2025-11-11T17:00:00Z"),
               Prop("draftkings", "Nobody Known", 3.5, -110, -110, "2025-11-11T17:00:00Z")};
  const auto rows = BuildPropLines(games_, inputs_, raw, nullptr);
  const PropLine* sheppard = Find(rows, "2", kConsensusBook);
  ASSERT_NE(sheppard, nullptr) << "resolved through his game of 2025-11-04";
  EXPECT_EQ(sheppard->team, "IND");
  const PropLine* jones = Find(rows, "3", kConsensusBook);
  ASSERT_NE(jones, nullptr) << "Herb is Herbert";
  const PropLine* nobody = Find(rows, "name:nobody known", kConsensusBook);
  ASSERT_NE(nobody, nullptr) << "an unresolved name is kept, never dropped";
  EXPECT_EQ(nobody->resolved, 0);
  EXPECT_EQ(nobody->team, std::nullopt);
}

TEST_F(MarketLinesTest, RealPriceBooksMakeTheConsensusOverPickem) {
  RawLines raw;
  PropLineRow pick = Prop("prizepicks", "Jalen Brunson", 30.5, -137, -137, std::nullopt);
  pick.line_kind = "pickem", pick.home_team = "BOS", pick.away_team = "NYK";
  PropLineRow book = Prop("fanduel", "Jalen Brunson", 28.5, -110, -110, "2025-11-11T17:00:00Z");
  book.home_team = "BOS", book.away_team = "NYK";
  raw.props = {pick, book};
  auto rows = BuildPropLines(games_, inputs_, raw, nullptr);
  const PropLine* consensus = Find(rows, "4", kConsensusBook);
  ASSERT_NE(consensus, nullptr);
  EXPECT_EQ(consensus->line, 28.5);
  EXPECT_EQ(consensus->line_kind, "book");
  EXPECT_EQ(consensus->books, 1);
  ASSERT_NE(Find(rows, "4", "prizepicks"), nullptr) << "the pick'em book row is still kept";
  EXPECT_EQ(Find(rows, "4", "prizepicks")->captured_at, std::nullopt);
  // Pick'em alone: the consensus is pick'em, untimed.
  raw.props = {pick};
  rows = BuildPropLines(games_, inputs_, raw, nullptr);
  consensus = Find(rows, "4", kConsensusBook);
  ASSERT_NE(consensus, nullptr);
  EXPECT_EQ(consensus->line_kind, "pickem");
  EXPECT_EQ(consensus->captured_at, std::nullopt);
}

TEST_F(MarketLinesTest, AllSnapshotsAfterTipGiveAGapNotARow) {
  RawLines raw;
  raw.props = {Prop("draftkings", "Lauri Markkanen", 26.5, -115, -105, "2025-11-12T01:00:00Z")};
  raw.games = {GameRow("draftkings", "totals", 230.5, "2025-11-12T01:00:00Z")};
  std::vector<PartitionGap> prop_gaps, game_gaps;
  EXPECT_TRUE(BuildPropLines(games_, inputs_, raw, &prop_gaps).empty());
  EXPECT_TRUE(BuildGameLines(games_, raw, &game_gaps).empty());
  ASSERT_EQ(prop_gaps.size(), 1u);
  EXPECT_EQ(prop_gaps[0].game_id, "0022500200");
  ASSERT_EQ(game_gaps.size(), 1u);
  EXPECT_EQ(game_gaps[0].game_id, "0022500200");
}

TEST_F(MarketLinesTest, GameLinesMedianOverBooksAndImpliedTotals) {
  RawLines raw;
  raw.games = {GameRow("draftkings", "spreads", -3.5, "2025-11-11T17:00:00Z"),
               GameRow("draftkings", "spreads", -5.5, "2025-11-11T12:00:00Z"),
               GameRow("fanduel", "spreads", -4.5, "2025-11-11T18:00:00Z"),
               // listed with home and away swapped: IND +4.5 is UTA -4.5
               GameRow("betmgm", "spreads", 4.5, "2025-11-11T17:00:00Z", "IND", "UTA"),
               GameRow("draftkings", "totals", 231.5, "2025-11-11T17:00:00Z"),
               GameRow("fanduel", "totals", 232.5, "2025-11-12T00:30:00Z")};  // at tip
  const auto rows = BuildGameLines(games_, raw, nullptr);
  ASSERT_EQ(rows.size(), 1u);
  const GameLine& g = rows[0];
  EXPECT_EQ(g.game_id, "0022500200");
  EXPECT_EQ(g.spread_home, -4.5);  // median of -3.5, -4.5, -4.5
  EXPECT_EQ(g.books_spread, 3);
  EXPECT_EQ(g.total, 231.5);
  EXPECT_EQ(g.books_total, 1);
  EXPECT_DOUBLE_EQ(*g.home_implied, 231.5 / 2 + 4.5 / 2);
  EXPECT_DOUBLE_EQ(*g.away_implied, 231.5 / 2 - 4.5 / 2);
  EXPECT_EQ(g.captured_at, "2025-11-11T18:00:00Z");
  EXPECT_EQ(g.source, "odds-api-json:betmgm,odds-api-json:draftkings,odds-api-json:fanduel");
}

TEST_F(MarketLinesTest, UntimedGameLinesCountOnlyWhenTheSourceSaysClosing) {
  RawLines raw;
  GameLineRow closing = GameRow("closing", "totals", 220, std::nullopt);
  closing.source = "game-lines-csv", closing.capture_basis = kCaptureClosing;
  closing.commence_time.reset();
  raw.games = {closing, GameRow("mystery", "spreads", -2, std::nullopt)};
  const auto rows = BuildGameLines(games_, raw, nullptr);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].total, 220);
  EXPECT_EQ(rows[0].spread_home, std::nullopt);
  EXPECT_EQ(rows[0].home_implied, std::nullopt);
  EXPECT_EQ(rows[0].captured_at, std::nullopt);
  EXPECT_EQ(rows[0].source, "game-lines-csv:closing");
}

TEST(FirstNameVariantsTest, ShortAndLongForms) {
  EXPECT_EQ(FirstNameVariants("herb jones"), std::vector<std::string>{"herbert jones"});
  const auto nic = FirstNameVariants("nicolas claxton");
  EXPECT_NE(std::find(nic.begin(), nic.end(), "nic claxton"), nic.end());
  EXPECT_TRUE(FirstNameVariants("lauri markkanen").empty());
  EXPECT_TRUE(FirstNameVariants("nene").empty());
}

}  // namespace
}  // namespace backcourt
