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
      {"[severity]\n\"x.y\" = \"warning\"\n", "no check is called 'x.y'"},
      {"[coverage\n", "t.toml:1"},
  };
  for (const Case& c : cases) {
    auto t = ParseThresholds(c.toml, "t.toml");
    ASSERT_FALSE(t) << c.toml;
    EXPECT_NE(t.error().message().find(c.reason), std::string::npos)
        << c.toml << " -> " << t.error().message();
  }
}

// Regression (issue 13): nan, [nan, nan], misspelt severities and max_examples = 4294967295
// (wrapped to -1, hiding every example) were accepted. Each error names the line and the key.
TEST(ThresholdsTest, NonFiniteOutOfRangeAndUnknownValuesAreRefusedWithLineAndKey) {
  struct Case {
    const char* toml;
    const char* where;   // "file:line: key"
    const char* reason;
  };
  const Case cases[] = {
      {"[coverage]\nminutes_pct = nan\n", "t.toml:2: coverage.minutes_pct", "finite"},
      {"[coverage]\n\nusage_pct = inf\n", "t.toml:3: coverage.usage_pct", "finite"},
      {"[coverage]\nusage_pct = -inf\n", "t.toml:2: coverage.usage_pct", "finite"},
      {"[ranges]\npace = [nan, nan]\n", "t.toml:2: ranges.pace", "finite"},
      {"[ranges]\nteam_points = [50, inf]\n", "t.toml:2: ranges.team_points", "finite"},
      {"[report]\nmax_examples = 4294967295\n", "t.toml:2: report.max_examples", "outside 0..1000"},
      {"[report]\nmax_examples = -1\n", "t.toml:2: report.max_examples", "outside"},
      {"[report]\nmax_examples = 2.5\n", "t.toml:2: report.max_examples", "an integer"},
      {"[retention]\ncheck_runs = 0\n", "t.toml:2: retention.check_runs", "outside 1..100000"},
      {"[coverage]\nminutes_pct = 990\n", "t.toml:2: coverage.minutes_pct", "outside 0..100"},
      {"[coverage]\nminutes_pct = -5\n", "t.toml:2: coverage.minutes_pct", "outside"},
      {"[usage_share]\nmin = 101\nmax = 99\n", "usage_share", "min must be <= max"},
      {"[ranges]\nplayer_minutes = [0, 1e9]\n", "t.toml:2: ranges.player_minutes", "outside"},
      {"[severity]\n\"player_game_summary.completness\" = \"warning\"\n",
       "t.toml:2: severity.player_game_summary.completness", "no check is called"},
      {"[severity]\n\"player_game_summary.completeness\" = \"warn\"\n",
       "t.toml:2: severity.player_game_summary.completeness", "\"blocking\" or \"warning\""},
      {"[coverage]\nminutes_pct = 90\n[covrage]\nusage_pct = 90\n", "t.toml:3", "unknown section"},
      {"[coverage]\nminutes_pct = 90\nminute_pct = 90\n", "t.toml:3: coverage.minute_pct",
       "unknown key"},
  };
  for (const Case& c : cases) {
    auto t = ParseThresholds(c.toml, "t.toml");
    ASSERT_FALSE(t) << c.toml;
    EXPECT_NE(t.error().message().find(c.where), std::string::npos)
        << c.toml << " -> " << t.error().message();
    EXPECT_NE(t.error().message().find(c.reason), std::string::npos)
        << c.toml << " -> " << t.error().message();
  }
  auto ok = ParseThresholds("[report]\nmax_examples = 1000\n[retention]\ncheck_runs = 5\n[severity]\n"
                            "\"team_offense_game_summary.pace_range\" = \"warning\"\n",
                            "t.toml");
  ASSERT_TRUE(ok) << ok.error().message();
  EXPECT_EQ(ok->max_examples, 1000);
  EXPECT_EQ(ok->keep_check_runs, 5);
}

}  // namespace
}  // namespace backcourt
