// Baselines and MAE by minutes bucket on a hand-made case.
#include "ml/evaluation.h"

#include <gtest/gtest.h>

#include "ml/dataset.h"

namespace backcourt {
namespace {

PlayerFeatureRow Row(double last10, double season, double points, double minutes) {
  PlayerFeatureRow row;
  row.pts_avg_last10 = last10, row.pts_avg_season = season;
  row.target_points = points, row.target_minutes = minutes;
  row.games_played_season = 12;
  return row;
}

TEST(EvaluationTest, BaselinesAreTheLast10AndSeasonAverages) {
  const std::vector<PlayerFeatureRow> rows = {
      Row(10, 12, 14, 10),  // bucket 0-15: model 13 -> 1, last10 4, season 2
      Row(20, 18, 16, 24),  // bucket 15-25: model 17 -> 1, last10 4, season 2
      Row(25, 30, 31, 30),  // bucket 25-35: model 31 -> 0, last10 6, season 1
      Row(30, 28, 22, 36),  // bucket 35+:   model 25 -> 3, last10 8, season 6
  };
  const Evaluation e = Evaluate(rows, {13, 17, 31, 25});
  EXPECT_EQ(e.overall.rows, 4);
  EXPECT_DOUBLE_EQ(e.overall.model, 5.0 / 4);
  EXPECT_DOUBLE_EQ(e.overall.last10, 22.0 / 4);
  EXPECT_DOUBLE_EQ(e.overall.season, 11.0 / 4);
  ASSERT_EQ(e.by_minutes.size(), 4u);
  const double model[] = {1, 1, 0, 3}, last10[] = {4, 4, 6, 8}, season[] = {2, 2, 1, 6};
  const char* names[] = {"0-15", "15-25", "25-35", "35+"};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(e.by_minutes[i].bucket, names[i]);
    EXPECT_EQ(e.by_minutes[i].mae.rows, 1);
    EXPECT_DOUBLE_EQ(e.by_minutes[i].mae.model, model[i]);
    EXPECT_DOUBLE_EQ(e.by_minutes[i].mae.last10, last10[i]);
    EXPECT_DOUBLE_EQ(e.by_minutes[i].mae.season, season[i]);
  }
}

TEST(EvaluationTest, BucketEdgesBelongToTheHigherBucket) {
  EXPECT_EQ(MinutesBucket(14.99), "0-15");
  EXPECT_EQ(MinutesBucket(15), "15-25");
  EXPECT_EQ(MinutesBucket(25), "25-35");
  EXPECT_EQ(MinutesBucket(35), "35+");
}

TEST(EvaluationTest, PopulationNeedsMinutesAndTenEarlierGames) {
  PlayerFeatureRow row = Row(10, 10, 10, 20);
  EXPECT_TRUE(InPopulation(row));
  row.games_played_season = 9;
  EXPECT_FALSE(InPopulation(row));
  row.games_played_season = 10, row.target_minutes = 0;
  EXPECT_FALSE(InPopulation(row));
}

TEST(EvaluationTest, ValidationSliceStartsAtADateBoundaryAtTheEnd) {
  std::vector<PlayerFeatureRow> rows(10);
  const char* dates[] = {"a", "a", "b", "b", "b", "c", "c", "c", "d", "d"};
  for (size_t i = 0; i < rows.size(); ++i) rows[i].game_date = dates[i];
  EXPECT_EQ(ValidationStart(rows, 0.2), 8u);   // exactly the last date
  EXPECT_EQ(ValidationStart(rows, 0.3), 8u);   // 7 is inside date c: moved forward
  EXPECT_EQ(ValidationStart(rows, 0.5), 5u);
}

// a - b = 2, 0 on date d1 and -1, 1 on d2: mean 0.5; the dates' summed deviations are +1 and
// -1, so the clustered standard error is sqrt(2/1 * 2) / 4 = 0.5.
TEST(EvaluationTest, PairedDifferenceIntervalClustersTheRowsOfADate) {
  const PairedDifference d =
      PairedMaeDifference({{"d1", 3, 1}, {"d1", 2, 2}, {"d2", 1, 2}, {"d2", 4, 3}});
  EXPECT_EQ(d.rows, 4);
  EXPECT_EQ(d.clusters, 2);
  EXPECT_DOUBLE_EQ(d.mean, 0.5);
  EXPECT_NEAR(d.ci95.low, 0.5 - kZ95 * 0.5, 1e-12);
  EXPECT_NEAR(d.ci95.high, 0.5 + kZ95 * 0.5, 1e-12);
}

// Ten rows that move together on each of two dates are two draws, not twenty: the interval is
// as wide as one row per date would give (a per-row interval would be sqrt(20) times narrower).
TEST(EvaluationTest, RowsThatMoveTogetherDoNotNarrowTheInterval) {
  std::vector<PairedError> rows;
  for (int i = 0; i < 10; ++i) rows.push_back({"up", 2, 1}), rows.push_back({"down", 1, 2});
  const PairedDifference d = PairedMaeDifference(rows);
  EXPECT_DOUBLE_EQ(d.mean, 0);
  EXPECT_NEAR(d.ci95.high - d.ci95.low, 2 * kZ95 * 1.0, 1e-12);
}

TEST(EvaluationTest, PairedDifferenceOfOneDateOrNoRowsHasNoWidth) {
  const PairedDifference one = PairedMaeDifference({{"d", 3, 1}, {"d", 1, 2}});
  EXPECT_DOUBLE_EQ(one.mean, 0.5);
  EXPECT_DOUBLE_EQ(one.ci95.low, 0.5);
  EXPECT_DOUBLE_EQ(one.ci95.high, 0.5);
  EXPECT_EQ(PairedMaeDifference({}).rows, 0);
}

}  // namespace
}  // namespace backcourt
