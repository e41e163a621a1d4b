// Seasons: labels, windows that tile the calendar, and the two seasons COVID moved.
#include "core/season.h"

#include <gtest/gtest.h>

#include <string>

namespace backcourt {
namespace {

Date Iso(const char* text) { return *Date::ParseIso(text); }

struct DateCase {
  const char* date;
  const char* season;
  const char* why;
};

TEST(SeasonTest, OfDate) {
  const DateCase cases[] = {
      {"2024-07-31", "2023-24", "a window ends on July 31st"},
      {"2024-08-01", "2024-25", "and the next starts on August 1st"},
      {"2024-10-22", "2024-25", "opening night"},
      {"2025-06-22", "2024-25", "the finals"},
      {"2020-03-11", "2019-20", "the night the league stopped"},
      {"2020-07-30", "2019-20", "the bubble's restart"},
      {"2020-08-15", "2019-20", "bubble seeding games and playoffs are 2019-20, not 2020-21"},
      {"2020-10-11", "2019-20", "the bubble finals' last game"},
      {"2020-10-31", "2019-20", "the 2019-20 window runs to October 31st, 2020"},
      {"2020-11-01", "2020-21", "and 2020-21's starts the day after"},
      {"2020-12-22", "2020-21", "2020-21 opening night"},
      {"2021-07-20", "2020-21", "the 2020-21 finals' last game"},
      {"2021-08-01", "2021-22", "2021-22 is back to August"},
      {"1999-02-05", "1998-99", "a lockout season starting in February"},
      {"2012-01-01", "2011-12", "and one starting on Christmas"},
      {"1947-01-01", "1946-47", "the first season"},
  };
  for (const DateCase& c : cases) {
    EXPECT_EQ(Season::Of(Iso(c.date)).label(), c.season) << c.date << ": " << c.why;
    EXPECT_EQ(Season::OfIso(c.date)->label(), c.season) << c.date;
    EXPECT_TRUE(Season::Of(Iso(c.date)).Contains(Iso(c.date))) << c.date;
  }
  EXPECT_FALSE(Season::OfIso("2024-02-30"));
  EXPECT_FALSE(Season::OfIso("2024-8-01"));
  EXPECT_FALSE(Season::OfIso(""));
}

TEST(SeasonTest, Windows) {
  EXPECT_EQ(Season(2023).first().ToIso(), "2023-08-01");
  EXPECT_EQ(Season(2023).last().ToIso(), "2024-07-31");
  EXPECT_EQ(Season(2019).first().ToIso(), "2019-08-01");
  EXPECT_EQ(Season(2019).last().ToIso(), "2020-10-31");
  EXPECT_EQ(Season(2020).first().ToIso(), "2020-11-01");
  EXPECT_EQ(Season(2020).last().ToIso(), "2021-07-31");
  EXPECT_EQ(Season(2021).first().ToIso(), "2021-08-01");
  EXPECT_FALSE(Season(2019).Contains(Iso("2019-07-31")));
  EXPECT_FALSE(Season(2019).Contains(Iso("2020-11-01")));
}

// Every date belongs to exactly one season, and the windows follow each other without a
// hole or an overlap: a backfill that reads season by season reads every date once.
TEST(SeasonTest, WindowsTileTheCalendar) {
  for (int year = 1946; year < 2060; ++year) {
    const Season season(year);
    ASSERT_LT(season.first(), season.last()) << season.label();
    EXPECT_EQ(season.last().AddDays(1), Season(year + 1).first()) << season.label();
    EXPECT_EQ(season.first().year(), year) << season.label();
    EXPECT_EQ(Season::Of(season.first()), season) << season.label();
    EXPECT_EQ(Season::Of(season.last()), season) << season.label();
    EXPECT_EQ(Season::Of(season.first().AddDays(-1)), Season(year - 1)) << season.label();
  }
}

TEST(SeasonTest, ParsesLabels) {
  EXPECT_EQ(Season::Parse("2024-25"), Season(2024));
  EXPECT_EQ(Season::Parse("1999-00"), Season(1999));
  EXPECT_EQ(Season::Parse("1946-47"), Season(1946));
  EXPECT_EQ(Season(1999).label(), "1999-00");
  EXPECT_EQ(Season(2009).label(), "2009-10");
  for (const char* bad : {"2024-26", "24-25", "2024-2025", "2024/25", "1945-46", "", "2024-2a",
                          " 2024-25", "x024-25"}) {
    EXPECT_FALSE(Season::Parse(bad)) << bad;
  }
  for (int year : {1946, 1999, 2019, 2020, 2025}) {
    EXPECT_EQ(Season::Parse(Season(year).label()), Season(year));
  }
}

TEST(SeasonTest, IsOverAfterItsWindow) {
  EXPECT_FALSE(Season(2024).IsOver(Iso("2025-06-30")));
  EXPECT_FALSE(Season(2024).IsOver(Iso("2025-07-31")));
  EXPECT_TRUE(Season(2024).IsOver(Iso("2025-08-01")));
  // The bubble: 2019-20 was still being played in September 2020.
  EXPECT_FALSE(Season(2019).IsOver(Iso("2020-09-15")));
  EXPECT_TRUE(Season(2019).IsOver(Iso("2020-11-01")));
}

TEST(SeasonTest, OrdersByStartYear) {
  EXPECT_LT(Season(2019), Season(2020));
  EXPECT_EQ(Season::Of(Iso("2020-09-01")), Season(2019));
  EXPECT_NE(Season::Of(Iso("2020-09-01")), Season(2020));
}

}  // namespace
}  // namespace backcourt
