#include "validate/thresholds.h"

#include <gtest/gtest.h>

namespace backcourt {
namespace {

TEST(ThresholdsTest, DefaultsAreDesignSection6) {
  const Thresholds t;
  EXPECT_EQ(t.min_minutes_coverage_pct, 99.0);
  EXPECT_EQ(t.min_usage_coverage_pct, 95.0);
  EXPECT_EQ(t.max_points_mismatch_pct, 1.0);
  EXPECT_EQ(t.usage_share.lo, 97.0);
  EXPECT_EQ(t.usage_share.hi, 100.5);
  EXPECT_EQ(t.team_points.lo, 50);
  EXPECT_EQ(t.team_points.hi, 200);
  EXPECT_EQ(t.pace.lo, 70);
  EXPECT_EQ(t.pace.hi, 130);
  EXPECT_EQ(t.player_minutes.hi, 70);
  EXPECT_EQ(t.active_players.lo, 5);
  EXPECT_EQ(t.active_players.hi, 20);
  EXPECT_EQ(t.max_examples, 10);
}

TEST(ThresholdsTest, FileOverridesOnlyWhatItSets) {
  auto t = ParseThresholds(R"(
[coverage]
minutes_pct = 90
[ranges]
team_points = [60, 180.5]
[severity]
"player_game_summary.completeness" = "warning"
)",
                           "t.toml");
  ASSERT_TRUE(t) << t.error().message();
  EXPECT_EQ(t->min_minutes_coverage_pct, 90.0);
  EXPECT_EQ(t->min_usage_coverage_pct, 95.0);
  EXPECT_EQ(t->team_points.lo, 60);
  EXPECT_EQ(t->team_points.hi, 180.5);
  EXPECT_EQ(t->severity.at("player_game_summary.completeness"), "warning");
}

TEST(ThresholdsTest, MisspeltOrMalformedKeysAreRefusedWithTheirPlace) {
  struct Case {
    const char* toml;
    const char* reason;
  };
  const Case cases[] = {
      {"[coverage]\nminute_pct = 90\n", "coverage.minute_pct: unknown key"},
      {"[covrage]\nminutes_pct = 90\n", "unknown section [covrage]"},
      {"[ranges]\npace = [130, 80]\n", "low <= high"},
      {"[ranges]\npace = 80\n", "expected [low, high]"},
      {"[coverage]\nminutes_pct = \"high\"\n", "expected a number"},
      {"[severity]\n\"x.y\" = \"fatal\"\n", "\"blocking\" or \"warning\""},
      {"[coverage\n", "t.toml:1"},
  };
  for (const Case& c : cases) {
    auto t = ParseThresholds(c.toml, "t.toml");
    ASSERT_FALSE(t) << c.toml;
    EXPECT_NE(t.error().message().find(c.reason), std::string::npos)
        << c.toml << " -> " << t.error().message();
  }
}

}  // namespace
}  // namespace backcourt
