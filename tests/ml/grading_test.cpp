// Grading arithmetic on synthetic rows whose answers are computed by hand in the comments.
#include "ml/grading.h"

#include <gtest/gtest.h>

namespace backcourt {
namespace {

GradeInput Row(double prediction, double line, double actual, double last10,
               std::optional<double> over, std::optional<double> under, std::string kind = "book") {
  GradeInput r;
  r.prediction = prediction, r.line = line, r.actual = actual, r.last10 = last10;
  r.over_price = over, r.under_price = under, r.line_kind = std::move(kind);
  r.over_book = "over_book", r.under_book = "under_book";
  return r;
}

// edge  side   outcome  price        |  model err  line err  last10 err
//  4.5  OVER   win      -120 (real)  |  1          3.5       2
// -2.5  UNDER  loss     -105 (real)  |  7          4.5       6
//  1.0  OVER   push     -110         |  1          0         0
//  0    none   -        -            |  2          2         2
//  0.7  OVER   win      -110 assumed |  0.8        1.5       1     (pick'em, -137 ignored)
//  3.5  OVER   loss     +120         |  10         6.5       8
std::vector<GradeInput> SixRows() {
  return {Row(25, 20.5, 24, 22, -120, 100),
          Row(18, 20.5, 25, 19, -110, -105),
          Row(21, 20, 20, 20, -110, -110),
          Row(10, 10, 12, 10, -110, -110),
          Row(15.2, 14.5, 16, 15, -137, -137, "pickem"),
          Row(30, 26.5, 20, 28, 120, -140)};
}

TEST(Grading, MaeOfModelLineAndLast10OnTheSameRows) {
  const Grading g = Grade(SixRows());
  EXPECT_EQ(g.rows, 6);
  EXPECT_NEAR(g.mae_model, 21.8 / 6, 1e-9);
  EXPECT_NEAR(g.mae_line, 18.0 / 6, 1e-9);
  EXPECT_NEAR(g.mae_last10, 19.0 / 6, 1e-9);
  EXPECT_EQ(g.line_kinds.at("book"), 5);
  EXPECT_EQ(g.line_kinds.at("pickem"), 1);
}

TEST(Grading, BucketsCountPushesApartAndPriceTheSideTaken) {
  const Grading g = Grade(SixRows(), {0, 1, 2, 3, 5});
  ASSERT_EQ(g.buckets.size(), 5u);
  const EdgeBucket& all = g.buckets[0];
  EXPECT_EQ(all.bets, 5);  // the edge-0 row has no side
  EXPECT_EQ(all.wins, 2);
  EXPECT_EQ(all.losses, 2);
  EXPECT_EQ(all.pushes, 1);
  EXPECT_EQ(all.assumed_price_bets, 1);
  ASSERT_TRUE(all.hit_rate && all.roi && all.ci95);
  EXPECT_DOUBLE_EQ(*all.hit_rate, 0.5);
  // wins at -120 (100/120) and at the assumed -110 (100/110); two losses; 4 settled stakes.
  EXPECT_NEAR(all.profit, 100.0 / 120 + 100.0 / 110 - 2, 1e-9);
  EXPECT_NEAR(*all.roi, (100.0 / 120 + 100.0 / 110 - 2) / 4, 1e-9);
  EXPECT_NEAR(all.ci95->low, 0.15003, 1e-4);  // Wilson 2 of 4
  EXPECT_NEAR(all.ci95->high, 0.84997, 1e-4);

  const EdgeBucket& one = g.buckets[1];  // edges 4.5, -2.5, 1.0 (push), 3.5
  EXPECT_EQ(one.bets, 4);
  EXPECT_EQ(one.wins, 1);
  EXPECT_EQ(one.losses, 2);
  EXPECT_EQ(one.pushes, 1);
  EXPECT_NEAR(*one.hit_rate, 1.0 / 3, 1e-12);
  EXPECT_NEAR(*one.roi, (100.0 / 120 - 2) / 3, 1e-9);

  const EdgeBucket& two = g.buckets[2];
  EXPECT_EQ(two.bets, 3);
  EXPECT_EQ(two.pushes, 0);
  const EdgeBucket& three = g.buckets[3];  // 4.5 win at -120, 3.5 loss
  EXPECT_EQ(three.bets, 2);
  EXPECT_EQ(three.wins, 1);
  EXPECT_NEAR(*three.roi, (100.0 / 120 - 1) / 2, 1e-9);
  EXPECT_EQ(three.assumed_price_bets, 0);

  const EdgeBucket& five = g.buckets[4];  // nobody
  EXPECT_EQ(five.bets, 0);
  EXPECT_FALSE(five.hit_rate);
  EXPECT_FALSE(five.ci95);
  EXPECT_FALSE(five.roi);
}

TEST(Grading, CalibrationBinsByEdgeWithPushesApart) {
  const Grading g = Grade(SixRows());
  ASSERT_EQ(g.calibration.size(), 8u);
  std::vector<std::string> labels;
  for (const CalibrationBin& c : g.calibration) labels.push_back(c.Label());
  EXPECT_EQ(labels, (std::vector<std::string>{"<-3", "-3..-2", "-2..-1", "-1..0", "0..1", "1..2",
                                              "2..3", ">=3"}));
  EXPECT_EQ(g.calibration[0].rows, 0);
  EXPECT_FALSE(g.calibration[0].over_rate);
  EXPECT_EQ(g.calibration[1].rows, 1);  // -2.5, went over
  EXPECT_EQ(g.calibration[1].overs, 1);
  EXPECT_EQ(g.calibration[4].rows, 2);  // edges 0 and 0.7, both over
  EXPECT_DOUBLE_EQ(*g.calibration[4].over_rate, 1.0);
  EXPECT_EQ(g.calibration[5].rows, 0);  // 1.0 pushed
  EXPECT_EQ(g.calibration[5].pushes, 1);
  EXPECT_FALSE(g.calibration[5].over_rate);
  EXPECT_EQ(g.calibration[7].rows, 2);  // 4.5 over, 3.5 under
  EXPECT_DOUBLE_EQ(*g.calibration[7].over_rate, 0.5);
}

TEST(Grading, SideAndPriceOfOneBet) {
  EXPECT_EQ(ModelSide(20.1, 20), Side::kOver);
  EXPECT_EQ(ModelSide(19.9, 20), Side::kUnder);
  EXPECT_EQ(ModelSide(20, 20), Side::kNone);
  const Bet under = BetOf(Row(18, 20.5, 25, 19, -110, -105));
  EXPECT_EQ(under.side, Side::kUnder);
  EXPECT_EQ(under.outcome, Outcome::kLoss);
  EXPECT_EQ(under.price, -105);
  EXPECT_EQ(under.book, "under_book");
  // A book line without a price for the side taken is settled at the assumed price.
  const Bet no_price = BetOf(Row(25, 20.5, 21, 20, std::nullopt, -105));
  EXPECT_TRUE(no_price.assumed_price);
  EXPECT_EQ(no_price.price, kAssumedPrice);
  EXPECT_EQ(no_price.outcome, Outcome::kWin);
  EXPECT_TRUE(no_price.book.empty());
}

TEST(Grading, AmericanPricesAndWilsonBounds) {
  EXPECT_DOUBLE_EQ(WinProfit(150), 1.5);
  EXPECT_NEAR(WinProfit(-110), 0.909090909, 1e-9);
  EXPECT_DOUBLE_EQ(WinProfit(-200), 0.5);
  const Interval none = WilsonInterval(0, 10);
  EXPECT_NEAR(none.low, 0, 1e-12);
  EXPECT_NEAR(none.high, 0.27753, 1e-4);
  const Interval all = WilsonInterval(10, 10);
  EXPECT_NEAR(all.high, 1, 1e-12);
  EXPECT_NEAR(all.low, 0.72247, 1e-4);
}

TEST(Grading, NoRowsGivesEmptyBucketsNotNaN) {
  const Grading g = Grade({});
  EXPECT_EQ(g.rows, 0);
  EXPECT_EQ(g.mae_model, 0);
  ASSERT_EQ(g.buckets.size(), 4u);
  for (const EdgeBucket& b : g.buckets) EXPECT_FALSE(b.hit_rate);
}

}  // namespace
}  // namespace backcourt
