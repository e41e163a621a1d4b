// Dates: the calendar, and the one parser every command's date options go through.
#include "core/date.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace backcourt {
namespace {

TEST(DateTest, RoundTripsThroughDaysSinceEpoch) {
  for (const char* iso : {"1970-01-01", "2000-02-29", "2023-10-24", "2024-12-31", "2100-03-01"}) {
    const auto date = Date::ParseIso(iso);
    ASSERT_TRUE(date) << iso;
    EXPECT_EQ(date->ToIso(), iso);
    EXPECT_EQ(Date::FromYmd(date->year(), date->month(), date->day()), *date);
  }
  EXPECT_EQ(Date::ParseIso("1970-01-01")->days(), 0);
  EXPECT_EQ(Date::ParseIso("2024-03-01")->AddDays(-1).ToIso(), "2024-02-29");
}

struct DateArgumentCase {
  const char* text;
  const char* expected;  // ISO form, or nullptr when refused
  const char* why;
};

// Regression (issue 13): dates were compared as text, so "2024-1-5" and " 2024-01-05"
// planned the wrong ranges and "2024-02-30", "yesterday", "2024-13-01" were accepted.
TEST(DateTest, DateArgumentsAreIsoCalendarDaysWithSpacesTrimmed) {
  const std::vector<DateArgumentCase> cases = {
      {"2024-01-05", "2024-01-05", "ISO"},
      {" 2024-01-05", "2024-01-05", "leading space trimmed"},
      {"2024-01-05  ", "2024-01-05", "trailing spaces trimmed"},
      {"\t2024-01-05", "2024-01-05", "tab trimmed"},
      {"2024-02-29", "2024-02-29", "leap day"},
      {"2000-02-29", "2000-02-29", "leap century"},
      {"2024-1-5", nullptr, "no zero padding"},
      {"2024-01-5", nullptr, "no zero padding on the day"},
      {"2024-02-30", nullptr, "no such day"},
      {"2023-02-29", nullptr, "not a leap year"},
      {"1900-02-29", nullptr, "century that is not a leap year"},
      {"2024-13-01", nullptr, "no month 13"},
      {"2024-00-10", nullptr, "no month 0"},
      {"2024-04-31", nullptr, "April has 30 days"},
      {"2024-01-00", nullptr, "no day 0"},
      {"yesterday", nullptr, "words"},
      {"", nullptr, "empty"},
      {"   ", nullptr, "only spaces"},
      {"20240105", nullptr, "no dashes"},
      {"2024/01/05", nullptr, "slashes"},
      {"05/01/2024", nullptr, "day first"},
      {"2024-01-05T00:00", nullptr, "a time"},
      {"2024-01-05x", nullptr, "trailing text"},
      {"2024 -01-05", nullptr, "inner space"},
      {"+024-01-05", nullptr, "sign"},
  };
  for (const DateArgumentCase& c : cases) {
    const auto date = ParseDateArgument("--start-date", c.text);
    if (c.expected == nullptr) {
      ASSERT_FALSE(date) << "'" << c.text << "' accepted: " << c.why;
      EXPECT_NE(date.error().message().find("--start-date"), std::string::npos)
          << date.error().message();
      EXPECT_NE(date.error().message().find("YYYY-MM-DD"), std::string::npos)
          << date.error().message();
    } else {
      ASSERT_TRUE(date) << "'" << c.text << "' refused (" << c.why
                        << "): " << date.error().message();
      EXPECT_EQ(date->ToIso(), c.expected) << c.why;
    }
  }
}

TEST(DateTest, DateListsSplitOnCommasWithSpaces) {
  const auto two = ParseDateList("--dates", "2024-01-05, 2024-01-06");
  ASSERT_TRUE(two) << two.error().message();
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[1].ToIso(), "2024-01-06");
  const auto repeated = ParseDateList("--dates", "2024-01-06 ,2024-01-05,2024-01-06");
  ASSERT_TRUE(repeated);
  ASSERT_EQ(repeated->size(), 2u);  // kept once, in the order given
  EXPECT_EQ((*repeated)[0].ToIso(), "2024-01-06");
  for (const char* bad : {"2024-01-05,,2024-01-06", "2024-01-05,", ",", "2024-01-05, 2024-02-30",
                          "2024-01-05 2024-01-06"}) {
    const auto dates = ParseDateList("--dates", bad);
    EXPECT_FALSE(dates) << bad;
    if (!dates) {
      EXPECT_NE(dates.error().message().find("--dates"), std::string::npos);
    }
  }
}

TEST(DateTest, ReversedRangesAreErrorsNamingBothOptions) {
  const Date a = *Date::ParseIso("2024-01-05"), b = *Date::ParseIso("2024-01-06");
  EXPECT_TRUE(CheckDateOrder("--start-date", a, "--end-date", b));
  EXPECT_TRUE(CheckDateOrder("--start-date", a, "--end-date", a));
  EXPECT_FALSE(CheckDateOrder("--train-end", a, "--test-start", a, /*strict=*/true));
  const Status reversed = CheckDateOrder("--start-date", b, "--end-date", a);
  ASSERT_FALSE(reversed);
  EXPECT_NE(reversed.error().message().find("--start-date 2024-01-06"), std::string::npos)
      << reversed.error().message();
  EXPECT_NE(reversed.error().message().find("--end-date 2024-01-05"), std::string::npos);
}

}  // namespace
}  // namespace backcourt
