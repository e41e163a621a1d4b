#include "ingest/minutes.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace backcourt {
namespace {

struct MinutesCase {
  std::string text;
  MinutesKind kind;
  std::optional<double> minutes;  // expected value; nullopt: did not play
  bool did_not_play;
};

class ParseMinutesValid : public ::testing::TestWithParam<MinutesCase> {};

TEST_P(ParseMinutesValid, ParsesValue) {
  const MinutesCase& c = GetParam();
  auto parsed = ParseMinutes(c.text, c.kind);
  ASSERT_TRUE(parsed.has_value()) << c.text << ": " << parsed.error().message();
  EXPECT_EQ(parsed->did_not_play, c.did_not_play) << c.text;
  ASSERT_EQ(parsed->minutes.has_value(), c.minutes.has_value()) << c.text;
  if (c.minutes) {
    EXPECT_NEAR(*parsed->minutes, *c.minutes, 1e-4) << c.text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseMinutesValid,
    ::testing::Values(MinutesCase{"45:58", MinutesKind::kPlayer, 45.9667, false},
                      MinutesCase{"240:00", MinutesKind::kTeam, 240.0, false},
                      MinutesCase{"265:00", MinutesKind::kTeam, 265.0, false},
                      MinutesCase{"PT34M12.00S", MinutesKind::kPlayer, 34.2, false},
                      MinutesCase{"28", MinutesKind::kPlayer, 28.0, false},
                      MinutesCase{"29.01666667", MinutesKind::kPlayer, 29.01666667, false},
                      MinutesCase{"20:04", MinutesKind::kPlayer, 20.0667, false},
                      MinutesCase{"240", MinutesKind::kTeam, 240.0, false},
                      MinutesCase{"70", MinutesKind::kPlayer, 70.0, false},
                      MinutesCase{"00", MinutesKind::kPlayer, 0.0, true},
                      MinutesCase{"0:00", MinutesKind::kPlayer, 0.0, true},
                      MinutesCase{"", MinutesKind::kPlayer, std::nullopt, true},
                      MinutesCase{"-", MinutesKind::kPlayer, std::nullopt, true},
                      MinutesCase{"null", MinutesKind::kPlayer, std::nullopt, true}));

struct InvalidMinutesCase {
  std::string text;
  MinutesKind kind;
  std::string reason;  // expected substring of the error message
};

class ParseMinutesInvalid : public ::testing::TestWithParam<InvalidMinutesCase> {};

TEST_P(ParseMinutesInvalid, RejectsWithReason) {
  const InvalidMinutesCase& c = GetParam();
  auto parsed = ParseMinutes(c.text, c.kind);
  ASSERT_FALSE(parsed.has_value()) << c.text;
  EXPECT_EQ(parsed.error().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(parsed.error().message().find(c.reason), std::string::npos)
      << c.text << ": " << parsed.error().message();
  EXPECT_NE(parsed.error().message().find(c.text), std::string::npos) << "names the value";
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseMinutesInvalid,
    ::testing::Values(InvalidMinutesCase{"12:75", MinutesKind::kPlayer, "seconds >= 60"},
                      InvalidMinutesCase{"-3", MinutesKind::kPlayer, "negative"},
                      InvalidMinutesCase{"abc", MinutesKind::kPlayer, "not a number"},
                      InvalidMinutesCase{"71", MinutesKind::kPlayer, "exceed 70"},
                      InvalidMinutesCase{"240:00", MinutesKind::kPlayer, "exceed 70"},
                      InvalidMinutesCase{"1:2:3", MinutesKind::kPlayer, "not MM:SS"},
                      InvalidMinutesCase{"PT5M61S", MinutesKind::kPlayer, "seconds >= 60"},
                      InvalidMinutesCase{"401:00", MinutesKind::kTeam, "exceed 400"}));

TEST(MinutesFromNumber, ChecksTheSameLimits) {
  EXPECT_NEAR(*MinutesFromNumber(35.5)->minutes, 35.5, 1e-9);
  EXPECT_TRUE(MinutesFromNumber(0)->did_not_play);
  EXPECT_FALSE(MinutesFromNumber(-1).has_value());
  EXPECT_FALSE(MinutesFromNumber(75).has_value());
  EXPECT_TRUE(MinutesFromNumber(265, MinutesKind::kTeam).has_value());
}

}  // namespace
}  // namespace backcourt
