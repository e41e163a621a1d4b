#include "core/timestamp.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace backcourt {
namespace {

struct TimestampCase {
  std::string text;
  std::optional<std::string> canonical;  // nullopt: refused
};

class ParseUtcTimestampTable : public ::testing::TestWithParam<TimestampCase> {};

TEST_P(ParseUtcTimestampTable, ParsesToCanonicalUtc) {
  const auto seconds = ParseUtcTimestamp(GetParam().text);
  ASSERT_EQ(seconds.has_value(), GetParam().canonical.has_value()) << GetParam().text;
  if (seconds) {
    EXPECT_EQ(FormatUtcTimestamp(*seconds), *GetParam().canonical) << GetParam().text;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Spellings, ParseUtcTimestampTable,
    ::testing::Values(TimestampCase{"2024-01-25T03:55:40Z", "2024-01-25T03:55:40Z"},
                      TimestampCase{"2024-01-25T03:55:40.123Z", "2024-01-25T03:55:40Z"},
                      TimestampCase{"2025-10-21T17:00Z", "2025-10-21T17:00:00Z"},
                      TimestampCase{"2025-10-21 17:00:00Z", "2025-10-21T17:00:00Z"},
                      TimestampCase{"2025-10-21T17:00:00+00:00", "2025-10-21T17:00:00Z"},
                      TimestampCase{"2025-10-21T13:00:00-04:00", "2025-10-21T17:00:00Z"},
                      TimestampCase{"2025-10-22T01:30:00+0830", "2025-10-21T17:00:00Z"},
                      TimestampCase{"2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00Z"},
                      TimestampCase{"2025-10-21T17:00:00", std::nullopt},  // zone unknown
                      TimestampCase{"2025-10-21", std::nullopt},
                      TimestampCase{"2025-02-29T10:00:00Z", std::nullopt},
                      TimestampCase{"2025-10-21T24:00:00Z", std::nullopt},
                      TimestampCase{"2025-10-21T17:00:00ZZ", std::nullopt},
                      TimestampCase{"2025-10-21T17:00:00.Z", std::nullopt},
                      TimestampCase{"", std::nullopt}, TimestampCase{"tomorrow", std::nullopt}));

TEST(UsEasternDate, TipOffsLateInTheEveningBelongToTheEasternDay) {
  // 22:20 EST on the 24th.
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2024-01-25T03:20:30Z")).ToIso(), "2024-01-24");
  // 19:00 EDT on the 21st (daylight time: UTC-4).
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-10-21T23:00:00Z")).ToIso(), "2025-10-21");
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-10-22T03:59:59Z")).ToIso(), "2025-10-21");
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-10-22T04:00:00Z")).ToIso(), "2025-10-22");
  // Standard time: UTC-5.
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-12-02T04:59:59Z")).ToIso(), "2025-12-01");
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-12-02T05:00:00Z")).ToIso(), "2025-12-02");
}

TEST(UsEasternDate, DaylightSavingSwitchesAtTwoLocal) {
  // 2025: daylight time from Sunday 9 March 07:00Z to Sunday 2 November 06:00Z.
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-03-09T04:59:59Z")).ToIso(), "2025-03-08");
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-03-10T04:30:00Z")).ToIso(), "2025-03-10");
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-11-02T04:30:00Z")).ToIso(), "2025-11-02");
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2025-11-03T04:30:00Z")).ToIso(), "2025-11-02");
  // Before 2007: first Sunday of April (2 April 2006) to last Sunday of October (29th).
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2006-04-01T04:30:00Z")).ToIso(), "2006-03-31");
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2006-04-03T04:30:00Z")).ToIso(), "2006-04-03");
  EXPECT_EQ(UsEasternDate(*ParseUtcTimestamp("2006-10-30T04:30:00Z")).ToIso(), "2006-10-29");
}

TEST(FormatUtcTimestamp, SortsAsTextInTimeOrder) {
  EXPECT_EQ(FormatUtcTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_LT(FormatUtcTimestamp(*ParseUtcTimestamp("2024-01-25T03:20:30Z")),
            FormatUtcTimestamp(*ParseUtcTimestamp("2024-01-25T03:55:40Z")));
}

}  // namespace
}  // namespace backcourt
