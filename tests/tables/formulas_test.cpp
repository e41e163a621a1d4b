// The Basketball-Reference formulas of DESIGN.md §4, as data tables: inputs, expected value,
// and why the case matters. nullopt means "undefined" (a zero denominator or no minutes).
#include "tables/formulas.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace backcourt {
namespace {

constexpr double kTolerance = 1e-9;

void ExpectOptionalNear(const std::optional<double>& actual, const std::optional<double>& expected,
                        const std::string& why) {
  ASSERT_EQ(actual.has_value(), expected.has_value()) << why;
  if (expected) {
    EXPECT_NEAR(*actual, *expected, 1e-6) << why;
  }
}

struct PossessionCase {
  PossessionInputs team, opponent;
  double team_side, game;
  std::string why;
};

TEST(FormulaPossessionsTest, SideAndGameEstimates) {
  // Side: FGA + 0.4·FTA − 1.07·(ORB/(ORB+OppDRB))·(FGA−FGM) + TOV.
  const std::vector<PossessionCase> cases = {
      // 90 + 8 − 1.07·(10/40)·48 + 14 = 99.16; opponent 85 + 10 − 1.07·(8/40)·45 + 12 = 97.37.
      {{90, 42, 20, 10, 14, 30}, {85, 40, 25, 8, 12, 32}, 99.16, 98.265, "typical game"},
      {{80, 40, 0, 0, 10, 0},
       {80, 40, 0, 0, 10, 0},
       90,
       90,
       "no rebound chances: the offensive rebound term is 0, not NaN"},
      {{0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}, 0, 0, "empty box"},
      {{88, 41, 22, 12, 15, 33},
       {88, 41, 22, 12, 15, 33},
       88 + 8.8 - 1.07 * (12.0 / 45) * 47 + 15,
       88 + 8.8 - 1.07 * (12.0 / 45) * 47 + 15,
       "symmetric sides: the game value is the side's"},
  };
  for (const PossessionCase& c : cases) {
    EXPECT_NEAR(SidePossessions(c.team), c.team_side, kTolerance) << c.why;
    EXPECT_NEAR(GamePossessions(c.team, c.opponent), c.game, kTolerance) << c.why;
    EXPECT_NEAR(GamePossessions(c.team, c.opponent), GamePossessions(c.opponent, c.team),
                kTolerance)
        << c.why << ": both teams get the same possessions";
  }
}

struct PaceCase {
  double possessions, team_minutes;
  std::optional<double> pace;
  std::string why;
};

TEST(FormulaPaceTest, UsesRealTeamMinutes) {
  const std::vector<PaceCase> cases = {
      {100, 240, 100.0, "regulation: pace equals possessions"},
      {110.4, 265, 48.0 * 110.4 / 53.0, "one overtime: 265 minutes, not 240"},
      {110.4, 265, 99.98490566037736, "one overtime, literal value"},
      {120, 290, 48.0 * 120 / 58.0, "two overtimes"},
      {100, 0, std::nullopt, "no minutes: undefined"},
      {100, -5, std::nullopt, "negative minutes: undefined"},
      {0, 240, 0.0, "0 possessions is a value"},
  };
  for (const PaceCase& c : cases)
    ExpectOptionalNear(Pace(c.possessions, c.team_minutes), c.pace, c.why);
}

struct RatingCase {
  double points, possessions;
  std::optional<double> rating;
  std::string why;
};

TEST(FormulaRatingTest, PerHundredPossessions) {
  const std::vector<RatingCase> cases = {
      {110, 100, 110.0, "per 100 possessions"},
      {103, 98.265, 100.0 * 103 / 98.265, "fractional possessions"},
      {0, 95, 0.0, "0 points is a value"},
      {100, 0, std::nullopt, "no possessions: undefined"},
  };
  for (const RatingCase& c : cases)
    ExpectOptionalNear(Rating(c.points, c.possessions), c.rating, c.why);
}

struct ShootingCase {
  double points, fgm, fg3m, fga, fta;
  std::optional<double> ts, efg;
  std::string why;
};

TEST(FormulaShootingTest, TrueShootingAndEffectiveFieldGoal) {
  const std::vector<ShootingCase> cases = {
      {25, 9, 3, 18, 5, 25 / (2 * (18 + 2.2)), (9 + 1.5) / 18, "typical line"},
      {4, 0, 0, 0, 4, 4 / (2 * 1.76), std::nullopt,
       "free throws only: TS defined, eFG has a zero denominator"},
      {0, 0, 0, 0, 0, std::nullopt, std::nullopt, "no attempts: both undefined, not 0"},
      {0, 0, 0, 5, 0, 0.0, 0.0, "missed everything: 0 is a value"},
  };
  for (const ShootingCase& c : cases) {
    ExpectOptionalNear(TrueShooting(c.points, c.fga, c.fta), c.ts, c.why + " (TS)");
    ExpectOptionalNear(EffectiveFgPct(c.fgm, c.fg3m, c.fga), c.efg, c.why + " (eFG)");
  }
}

struct UsageCase {
  double fga, fta, tov, minutes;
  double team_fga, team_fta, team_tov, team_minutes;
  std::optional<double> usage;
  std::string why;
};

TEST(FormulaUsageTest, BasketballReferenceDefinition) {
  // 100 × (FGA + 0.44·FTA + TOV) × (TmMIN/5) / (MIN × (TmFGA + 0.44·TmFTA + TmTOV)).
  const double team_plays = 88 + 0.44 * 22 + 14;
  const std::vector<UsageCase> cases = {
      {20, 5, 3, 36, 88, 22, 14, 240, 100.0 * 25.2 * 48 / (36 * team_plays), "regulation"},
      {20, 5, 3, 36, 88, 22, 14, 265, 100.0 * 25.2 * 53 / (36 * team_plays),
       "overtime: TmMIN 265 raises usage by 265/240"},
      {0, 0, 0, 12, 88, 22, 14, 240, 0.0, "no plays in 12 minutes: 0 stays 0, not NULL"},
      {0, 0, 0, 0, 88, 22, 14, 240, std::nullopt, "MIN 0: undefined"},
      {2, 0, 0, 0, 88, 22, 14, 240, std::nullopt, "MIN 0 with attempts: still undefined"},
      {5, 2, 1, 10, 0, 0, 0, 240, std::nullopt, "team without plays: undefined"},
      {5, 2, 1, 10, 88, 22, 14, 0, std::nullopt, "no team minutes: undefined"},
  };
  for (const UsageCase& c : cases) {
    ExpectOptionalNear(UsageRate(c.fga, c.fta, c.tov, c.minutes, c.team_fga, c.team_fta, c.team_tov,
                                 c.team_minutes),
                       c.usage, c.why);
  }
}

TEST(FormulaUsageTest, FiveEqualPlayersOverRegulationShareOneHundred) {
  // Σ usage × MIN / (TmMIN/5) = 100 when player plays sum to the team's (DESIGN.md §4).
  double total = 0;
  for (int i = 0; i < 5; ++i) {
    const auto usage = UsageRate(17.6, 4.4, 2.8, 48, 88, 22, 14, 240);
    ASSERT_TRUE(usage);
    total += *usage * 48 / (240.0 / 5);
  }
  EXPECT_NEAR(total, 100.0, kTolerance);
}

struct OvertimeCase {
  double team_minutes;
  int periods;
  std::string why;
};

TEST(FormulaOvertimeTest, PeriodsFromTeamMinutes) {
  const std::vector<OvertimeCase> cases = {
      {240, 0, "regulation"},      {265, 1, "one overtime"},      {290, 2, "two overtimes"},
      {315, 3, "three overtimes"}, {264.98, 1, "rounding noise"}, {239.5, 0, "a second short"},
      {200, 0, "never negative"},  {0, 0, "never negative"},
  };
  for (const OvertimeCase& c : cases) {
    EXPECT_EQ(OvertimePeriods(c.team_minutes), c.periods) << c.team_minutes << ": " << c.why;
  }
}

struct TeamMinutesCase {
  double player_sum, team_minutes;
  std::string why;
};

TEST(FormulaTeamMinutesTest, PlayerSumRoundsToRegulationPlusOvertime) {
  const std::vector<TeamMinutesCase> cases = {
      {240, 240, "exact regulation"},
      {239.97, 240, "seconds lost to rounding of player minutes"},
      {241, 240, "a little over"},
      {264.98, 265, "one overtime with rounding noise"},
      {265.02, 265, "one overtime, a little over"},
      {289.9, 290, "two overtimes"},
      {238, 240, "integer minutes summing short"},
      {100, 240, "incomplete player rows: never below regulation"},
      {0, 240, "never below regulation"},
  };
  for (const TeamMinutesCase& c : cases) {
    EXPECT_DOUBLE_EQ(TeamMinutesFromPlayers(c.player_sum), c.team_minutes)
        << c.player_sum << ": " << c.why;
  }
}

}  // namespace
}  // namespace backcourt
