#include "core/timestamp.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

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

// The injury report's wall-clock times (its title, tip times) as instants.
TEST(UsEasternTime, DaylightSavingBoundaries) {
  struct Case {
    int y, m, d, minutes;
    std::string utc;
  };
  const std::vector<Case> cases = {
      {2024, 1, 4, 12 * 60 + 30, "2024-01-04T17:30:00Z"},  // EST
      {2024, 3, 10, 60 + 59, "2024-03-10T06:59:00Z"},      // last minute of EST, 2nd Sunday
      {2024, 3, 10, 3 * 60, "2024-03-10T07:00:00Z"},       // 03:00 EDT
      {2024, 3, 9, 19 * 60, "2024-03-10T00:00:00Z"},       // Saturday: still EST
      {2024, 11, 3, 0, "2024-11-03T04:00:00Z"},            // 1st Sunday of Nov: EDT until 02:00
      {2024, 11, 3, 3 * 60, "2024-11-03T08:00:00Z"},       // EST
      {2025, 3, 9, 19 * 60, "2025-03-09T23:00:00Z"},
      {2025, 11, 2, 19 * 60, "2025-11-03T00:00:00Z"},
      {2006, 4, 2, 12 * 60, "2006-04-02T16:00:00Z"},  // old rule: 1st Sunday of April
      {2006, 3, 31, 12 * 60, "2006-03-31T17:00:00Z"},
      {2006, 10, 29, 12 * 60, "2006-10-29T17:00:00Z"},  // last Sunday of October: EST
      {2006, 10, 28, 12 * 60, "2006-10-28T16:00:00Z"},
      {2024, 12, 31, 23 * 60 + 59, "2025-01-01T04:59:00Z"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FormatUtcTimestamp(UsEasternToUnixSeconds(Date::FromYmd(c.y, c.m, c.d), c.minutes)),
              c.utc)
        << c.y << "-" << c.m << "-" << c.d << " " << c.minutes;
  }
}

TEST(UsEasternTime, RulesOf1987To2006AndTheHoursThatChange) {
  const auto utc = [](int y, int m, int d, int minutes) {
    return FormatUtcTimestamp(UsEasternToUnixSeconds(Date::FromYmd(y, m, d), minutes));
  };
  // 1987: first Sunday of April was the 5th, last Sunday of October the 25th.
  EXPECT_EQ(utc(1987, 4, 4, 12 * 60), "1987-04-04T17:00:00Z");
  EXPECT_EQ(utc(1987, 4, 5, 12 * 60), "1987-04-05T16:00:00Z");
  EXPECT_EQ(utc(1987, 10, 24, 12 * 60), "1987-10-24T16:00:00Z");
  EXPECT_EQ(utc(1987, 10, 25, 12 * 60), "1987-10-25T17:00:00Z");
  // 02:30 on 10 March 2024 does not exist and 01:30 on 3 November 2024 occurs twice: EDT.
  EXPECT_EQ(utc(2024, 3, 10, 2 * 60 + 30), "2024-03-10T06:30:00Z");
  EXPECT_EQ(utc(2024, 11, 3, 60 + 30), "2024-11-03T05:30:00Z");
}

// Both directions follow the one rule: each Eastern midnight of 1987 to 2026, read from the
// wall clock, is the instant the UTC-to-date direction starts that date (a day on which the
// two disagreed about EDT would be an hour off).
TEST(UsEasternTime, WallClockAndDateAgreeAtEveryMidnight) {
  for (Date date = Date::FromYmd(1987, 1, 1); date < Date::FromYmd(2027, 1, 1);
       date = date.AddDays(1)) {
    const int64_t midnight = UsEasternToUnixSeconds(date, 0);
    ASSERT_EQ(UsEasternDate(midnight), date) << date.ToIso();
    ASSERT_EQ(UsEasternDate(midnight - 1), date.AddDays(-1)) << date.ToIso();
  }
}

TEST(FormatUtcTimestamp, FormatsBeforeAndAfterTheEpoch) {
  EXPECT_EQ(FormatUtcTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtcTimestamp(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatUtcTimestamp(1704389400), "2024-01-04T17:30:00Z");
}

}  // namespace
}  // namespace backcourt
