// Dates: the calendar, the one parser every command's date options go through, and the one
// parser of every textual date form a reader accepts.
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
  // Zero padding of every part, and years past four digits as fmt writes them.
  EXPECT_EQ(Date::FromYmd(7, 3, 9).ToIso(), "0007-03-09");
  EXPECT_EQ(Date::FromYmd(1000, 10, 10).ToIso(), "1000-10-10");
  EXPECT_EQ(Date::FromYmd(12345, 1, 2).ToIso(), "12345-01-02");
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

struct SourceDateCase {
  const char* text;
  DateFormats formats;
  const char* expected;  // ISO form, or nullptr when refused
  const char* why;
};

constexpr DateFormats kIso = {.iso = true};
constexpr DateFormats kIsoTime = {.iso = true, .time_of_day = true};
constexpr DateFormats kUs = {.us_slash = true};
constexpr DateFormats kUsTime = {.us_slash = true, .time_of_day = true};
constexpr DateFormats kDayFirst = {.day_first_slash = true};
constexpr DateFormats kMonthName = {.month_name = true};
constexpr DateFormats kAll = {
    .iso = true, .us_slash = true, .month_name = true, .time_of_day = true};

// Every form a reader accepts, the variants its sources write, and what each form refuses.
TEST(ParseDate, EveryFormAndItsRejects) {
  const std::vector<SourceDateCase> cases = {
      // ISO
      {"2024-01-15", kIso, "2024-01-15", "ISO"},
      {" 2024-01-15\r", kIso, "2024-01-15", "trimmed"},
      {"2024-02-29", kIso, "2024-02-29", "leap day"},
      {"2023-02-29", kIso, nullptr, "not a leap year"},
      {"2024-1-15", kIso, nullptr, "ISO is zero padded"},
      {"2024-01-15T00:00:00", kIso, nullptr, "a time needs time_of_day"},
      {"1850-01-01", kIso, nullptr, "before 1900"},
      {"2024-13-01", kIso, nullptr, "no month 13"},
      {"2024-00-15", kIso, nullptr, "no month 0"},
      {"2024-01-15x", kIso, nullptr, "trailing garbage"},
      {"2024-01-15 x", kIso, nullptr, "trailing word"},
      {"x2024-01-15", kIso, nullptr, "leading garbage"},
      {"2100-02-29", kIso, nullptr, "2100 is no leap year"},
      {"2000-02-29", kIso, "2000-02-29", "2000 is"},
      // ISO with a clock time
      {"2024-12-05T00:00:00", kIsoTime, "2024-12-05", "NBA.com GAME_DATE"},
      {"2024-01-15T00:00:00.000Z", kIsoTime, "2024-01-15", "balldontlie"},
      {"2024-11-04T00:00:00Z", kIsoTime, "2024-11-04", "CDN gameDateEst"},
      {"2024-01-15 19:30", kIsoTime, "2024-01-15", "space before the time"},
      {"2024-01-15T19:30:00-05:00", kIsoTime, "2024-01-15", "offset kept as written"},
      {"2024-01-15T", kIsoTime, nullptr, "no time after the T"},
      {"2024-01-15Tnoon", kIsoTime, nullptr, "not a clock time"},
      {"2024-01-15T24:00", kIsoTime, nullptr, "hour 24"},
      {"2024-01-15T12:60", kIsoTime, nullptr, "minute 60"},
      {"2024-01-15T12:00 PM", kIsoTime, nullptr, "AM/PM is not a clock time here"},
      {"2024-02-30T00:00:00", kIsoTime, nullptr, "the date part must exist"},
      // US, month first
      {"01/15/2024", kUs, "2024-01-15", "padded"},
      {"6/9/2013", kUs, "2013-06-09", "spreadsheet re-save"},
      {"10/30/12", kUs, "2012-10-30", "two-digit year, 20yy"},
      {"12/31/99", kUs, "1999-12-31", "two-digit year from 70 on, 19yy"},
      {"1/1/70", kUs, "1970-01-01", "pivot year"},
      {"1/1/69", kUs, "2069-01-01", "below the pivot"},
      {"30/10/12", kUs, nullptr, "month 30"},
      {"13/01/2024", kUs, nullptr, "month 13"},
      {"2/29/2024", kUs, "2024-02-29", "leap day"},
      {"2/29/2023", kUs, nullptr, "leap day of a common year"},
      {"01/15/2024x", kUs, nullptr, "trailing garbage"},
      {"01/15/2024x", kUsTime, nullptr, "trailing garbage is no clock time"},
      {"2/30/2024", kUs, nullptr, "no such day"},
      {"10/30/123", kUs, nullptr, "three-digit year"},
      {"10/30/2012/1", kUs, nullptr, "three slashes"},
      {"010/30/2012", kUs, nullptr, "three-digit month"},
      {"+1/30/2012", kUs, nullptr, "sign"},
      {"1.0/30/2012", kUs, nullptr, "a decimal"},
      {"10/04/2024 00:00:00", kUsTime, "2024-10-04", "CDN gameDates entry"},
      {"10/04/2024 00:00:00", kUs, nullptr, "a time needs time_of_day"},
      {"2024-10-04", kUs, nullptr, "ISO not asked for"},
      // Day first (Basketball-Reference)
      {"22/10/2024", kDayFirst, "2024-10-22", "day first"},
      {"5/1/2025", kDayFirst, "2025-01-05", "unpadded"},
      {"31/02/2024", kDayFirst, nullptr, "no such day"},
      {"10/22/2024", kDayFirst, nullptr, "month first is month 22"},
      {"22/10/24", kDayFirst, nullptr, "two-digit year"},
      // Month name
      {"Apr 14, 2024", kMonthName, "2024-04-14", "NBA.com playergamelog"},
      {"APR 14, 2024", kMonthName, "2024-04-14", "upper case"},
      {"feb 5, 2026", kMonthName, "2026-02-05", "lower case, one-digit day"},
      {"Feb 30, 2024", kMonthName, nullptr, "no such day"},
      {"April 14, 2024", kMonthName, nullptr, "full month names are not a source's form"},
      {"Apr 14 2024", kMonthName, nullptr, "no comma"},
      {"Apr 14, 24", kMonthName, nullptr, "two-digit year"},
      {"Abc 14, 2024", kMonthName, nullptr, "no such month"},
      {"Apr , 2024", kMonthName, nullptr, "no day"},
      {"Feb 29, 2024", kMonthName, "2024-02-29", "leap day"},
      {"Apr 14, 2024x", kMonthName, nullptr, "trailing garbage"},
      // Several forms at once, as the JSON readers ask
      {"Feb 20, 2026", kAll, "2026-02-20", "month name among all"},
      {"2025-03-15", kAll, "2025-03-15", "ISO among all"},
      {"03/15/2025", kAll, "2025-03-15", "US among all"},
      {"15/03/2025", kAll, nullptr, "day first not asked for"},
      {"", kAll, nullptr, "empty"},
      {"  ", kAll, nullptr, "blank"},
      {"yesterday", kAll, nullptr, "words"},
  };
  for (const SourceDateCase& c : cases) {
    const auto date = ParseDate(c.text, c.formats);
    if (c.expected == nullptr) {
      EXPECT_FALSE(date) << "'" << c.text << "' accepted as " << date->ToIso() << ": " << c.why;
    } else {
      ASSERT_TRUE(date) << "'" << c.text << "' refused: " << c.why;
      EXPECT_EQ(date->ToIso(), c.expected) << c.why;
    }
  }
}

TEST(ParseDate, NothingIsAcceptedWithoutAForm) {
  EXPECT_FALSE(ParseDate("2024-01-15", DateFormats{}));
}

TEST(ParseDateField, ReasonsNameTheField) {
  EXPECT_EQ(ParseDateField("GAME_DATE", "Apr 14, 2024", kMonthName)->ToIso(), "2024-04-14");
  EXPECT_EQ(ParseDateField("GAME_DATE", " ", kAll).error().message(), "missing GAME_DATE");
  EXPECT_EQ(ParseDateField("Date", " 31/02/2024 ", kDayFirst).error().message(),
            "invalid Date '31/02/2024'");
}

}  // namespace
}  // namespace backcourt
