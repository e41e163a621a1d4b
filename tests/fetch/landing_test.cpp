// The landing folder on its own: atomic saves, temp files of killed runs, a torn manifest.
#include "fetch/landing.h"

#include <gtest/gtest.h>

#include <fstream>

#include "fetch/fetch_fixture.h"

namespace backcourt::testing {
namespace {

ManifestEntry Entry(const std::string& file, int64_t bytes) {
  return ManifestEntry{
      "http://127.0.0.1/x", file, "2025-01-01T00:00:00Z", 200, bytes, "ab", "never"};
}

TEST(LandingTest, SaveWritesTheBytesAndLeavesNoTempFile) {
  TempDir dir;
  Landing landing(dir.path());
  ASSERT_TRUE(landing.Open());
  ASSERT_TRUE(landing.Save("nba_stats/a.json", "{\"a\":1}"));
  ASSERT_TRUE(landing.Save("nba_stats/a.json", "{\"a\":2}"));  // replaces in one rename
  EXPECT_EQ(ReadBytes(dir.path() + "/nba_stats/a.json"), "{\"a\":2}");
  EXPECT_EQ(FilesUnder(dir.path()), std::vector<std::string>{"nba_stats/a.json"});
}

TEST(LandingTest, OpenRemovesTempFilesOfAnInterruptedRunAndNothingElse) {
  TempDir dir;
  dir.Write("nba_cdn/.scheduleLeagueV2_2024-25.json.part-Ab12Cd", "{\"leagueSch");
  dir.Write("nba_cdn/scheduleLeagueV2_2023-24.json", "{}");
  dir.Write("notes/.hidden", "kept");
  Landing landing(dir.path());
  ASSERT_TRUE(landing.Open());
  EXPECT_EQ(landing.stale_temps_removed(), 1);
  EXPECT_EQ(FilesUnder(dir.path()),
            (std::vector<std::string>{"nba_cdn/scheduleLeagueV2_2023-24.json", "notes/.hidden"}));
}

TEST(LandingTest, ATornLastManifestLineIsIgnoredAndTheNextRowStartsOnItsOwnLine) {
  TempDir dir;
  dir.Write("a.json", "{}");
  {
    Landing landing(dir.path());
    ASSERT_TRUE(landing.Open());
    ASSERT_TRUE(landing.Record(Entry("a.json", 2)));
  }
  std::ofstream(dir.path() + "/manifest.jsonl", std::ios::app) << "{\"url\":\"http://127.0.0.1/b";
  Landing reopened(dir.path());
  ASSERT_TRUE(reopened.Open());
  ASSERT_TRUE(reopened.Latest("a.json"));
  ASSERT_TRUE(reopened.Record(Entry("a.json", 2)));
  const auto lines = ManifestLines(dir.path());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2].front(), '{');
  Landing third(dir.path());
  ASSERT_TRUE(third.Open());
  EXPECT_TRUE(third.Latest("a.json"));
}

TEST(LandingTest, AnEntryCountsOnlyWhileItsFileHasTheRecordedSize) {
  TempDir dir;
  Landing landing(dir.path());
  ASSERT_TRUE(landing.Open());
  ASSERT_TRUE(landing.Record(Entry("gone.json", 2)));
  EXPECT_FALSE(landing.Latest("gone.json"));  // the file is missing
  dir.Write("short.json", "{");
  ASSERT_TRUE(landing.Record(Entry("short.json", 2)));
  EXPECT_FALSE(landing.Latest("short.json"));  // not the size the manifest says
}

TEST(LandingTest, UtcTimesRoundTrip) {
  const auto t = ParseUtc("2025-03-16T09:05:07Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatUtc(*t), "2025-03-16T09:05:07Z");
  EXPECT_FALSE(ParseUtc("2025-03-16 09:05:07"));
}

}  // namespace
}  // namespace backcourt::testing
