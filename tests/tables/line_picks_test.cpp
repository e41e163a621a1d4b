// The rules that pick lines from betting snapshots (tables/line_picks.h), on synthetic rows:
// the last snapshot strictly before tip, the main line among alternates, the consensus.
#include "tables/line_picks.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace backcourt {
namespace {

struct Snap {
  std::optional<std::string> captured_at;
  double point = 0;
};

std::vector<double> PointsOf(const std::vector<const Snap*>& rows) {
  std::vector<double> points;
  for (const Snap* r : rows) points.push_back(r->point);
  return points;
}

TEST(LastSnapshotBeforeTipTest, TakesTheLatestCaptureStrictlyBeforeTip) {
  const std::vector<Snap> rows = {{"2025-11-11T17:00:00Z", 20.5},
                                  {"2025-11-11T23:00:00Z", 21.5},
                                  {"2025-11-11T23:00:00Z", 22.5},
                                  {"2025-11-12T00:30:00Z", 25.5},   // at tip: in-play
                                  {"2025-11-12T01:00:00Z", 26.5}};  // after tip
  std::vector<const Snap*> ptrs;
  for (const Snap& r : rows) ptrs.push_back(&r);
  const auto chosen = LastSnapshotBeforeTip(ptrs, "2025-11-12T00:30:00Z", true);
  EXPECT_EQ(PointsOf(chosen), (std::vector<double>{21.5, 22.5}));
}

TEST(LastSnapshotBeforeTipTest, SnapshotAtOrAfterTipIsNeverUsed) {
  const std::vector<Snap> rows = {{"2024-01-25T03:20:30Z", 1}, {"2024-01-25T03:55:40Z", 2}};
  std::vector<const Snap*> ptrs = {&rows[0], &rows[1]};
  EXPECT_TRUE(LastSnapshotBeforeTip(ptrs, "2024-01-25T03:20:30Z", true).empty());
}

TEST(LastSnapshotBeforeTipTest, UntimedRowsOnlyWhenNoTimedSnapshotQualifiesAndAllowed) {
  const std::vector<Snap> rows = {{std::nullopt, 7}, {"2025-01-01T10:00:00Z", 8}};
  std::vector<const Snap*> ptrs = {&rows[0], &rows[1]};
  EXPECT_EQ(PointsOf(LastSnapshotBeforeTip(ptrs, "2025-01-02T00:00:00Z", true)),
            std::vector<double>{8});
  // The timed one is after tip: the untimed one stands in, unless untimed rows are refused.
  EXPECT_EQ(PointsOf(LastSnapshotBeforeTip(ptrs, "2025-01-01T09:00:00Z", true)),
            std::vector<double>{7});
  EXPECT_TRUE(LastSnapshotBeforeTip(ptrs, "2025-01-01T09:00:00Z", false).empty());
}

struct MainLineCase {
  std::vector<PricedLine> lines;
  double main;
  int64_t alternates;
  std::string why;
};

TEST(MainLineTest, PricesClosestAmongAlternates) {
  const std::vector<MainLineCase> cases = {
      {{{18.5, -250, 190}, {20.5, -115, -105}, {22.5, 150, -190}}, 20.5, 2,
       "Bovada-style ladder: the line priced nearest even on both sides"},
      {{{24.5, -110, -110}}, 24.5, 0, "one line"},
      {{{7.5, -107, std::nullopt}, {8.5, -130, 100}}, 8.5, 1,
       "a line with both prices beats a one-sided one whatever its prices"},
      {{{0.5, -137, std::nullopt}, {26.5, -137, -137}}, 26.5, 1,
       "pick'em: the one-sided 0.5 is not the main line"},
      {{{19.5, -137, -137}, {21.5, -137, -137}, {23.5, -137, -137}}, 21.5, 2,
       "equal prices: the point nearest the median of the tied lines"},
      {{{19.5, -137, -137}, {21.5, -137, -137}}, 19.5, 1, "equal prices, even count: lower point"},
      {{{5.5, 105, -125}, {5.5, 105, -125}}, 5.5, 0, "a duplicated line is no alternate"},
  };
  for (const MainLineCase& c : cases) {
    const size_t main = MainLineIndex(c.lines);
    EXPECT_EQ(c.lines[main].point, c.main) << c.why;
    EXPECT_EQ(AlternateCount(c.lines, c.main), c.alternates) << c.why;
  }
}

TEST(MainLineTest, ImpliedProbabilityOfAmericanPrices) {
  EXPECT_NEAR(ImpliedProbability(-110), 110.0 / 210.0, 1e-12);
  EXPECT_NEAR(ImpliedProbability(150), 0.4, 1e-12);
  EXPECT_NEAR(ImpliedProbability(-100), 0.5, 1e-12);
  EXPECT_NEAR(ImpliedProbability(100), 0.5, 1e-12);
}

TEST(MedianTest, OddEvenEmpty) {
  EXPECT_EQ(Median({3, 1, 2}), 2.0);
  EXPECT_EQ(Median({20.5, 21.5}), 21.0);
  EXPECT_EQ(Median({}), std::nullopt);
}

BookLine Book(std::string name, PricedLine main, std::vector<PricedLine> alternates = {}) {
  alternates.push_back(main);
  return BookLine{std::move(name), main, std::move(alternates)};
}

TEST(ConsensusTest, MedianLineBestPricesAtThatLineWithTheirBooks) {
  const ConsensusLine c = ConsensusOf({Book("draftkings", {22.5, -115, -105}),
                                       Book("fanduel", {22.5, -110, -110}),
                                       Book("betmgm", {23.5, 105, -135}),
                                       Book("bovada", {21.5, -140, 110}, {{22.5, -102, -128}})});
  EXPECT_EQ(c.line, 22.5);
  EXPECT_EQ(c.books, 4);
  // Bovada's alternate at the consensus line offers the best over; DraftKings the best under.
  EXPECT_EQ(c.over_price, -102);
  EXPECT_EQ(c.over_book, "bovada");
  EXPECT_EQ(c.under_price, -105);
  EXPECT_EQ(c.under_book, "draftkings");
}

TEST(ConsensusTest, BetweenTwoLinesTheNearestMainLinesPrice) {
  const ConsensusLine c =
      ConsensusOf({Book("fanduel", {20.5, -110, -110}), Book("williamhill_us", {21.5, 120, -150})});
  EXPECT_EQ(c.line, 21.0);
  EXPECT_EQ(c.over_price, 120);
  EXPECT_EQ(c.over_book, "williamhill_us");
  EXPECT_EQ(c.under_price, -110);
  EXPECT_EQ(c.under_book, "fanduel");
}

TEST(ConsensusTest, EqualPricesGoToTheBookThatSortsFirst) {
  const ConsensusLine c =
      ConsensusOf({Book("underdog", {12.5, -137, -137}), Book("prizepicks", {12.5, -137, -137})});
  EXPECT_EQ(c.over_book, "prizepicks");
  EXPECT_EQ(c.under_book, "prizepicks");
}

TEST(ImpliedTotalsTest, FavouriteGetsMore) {
  const ImpliedTotals t = ImpliedTeamTotals(225.5, -6.5);
  EXPECT_DOUBLE_EQ(t.home, 116.0);
  EXPECT_DOUBLE_EQ(t.away, 109.5);
  EXPECT_DOUBLE_EQ(t.home + t.away, 225.5);
}

}  // namespace
}  // namespace backcourt
