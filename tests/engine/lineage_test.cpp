// Lineage on made-up tables and dates: what a partition reads, its fingerprint, and why it
// is stale (DESIGN.md §5).
#include "engine/lineage.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/fake_processor.h"

namespace backcourt::testing {
namespace {

// Two seasons as the schedule labels them. The bubble's dates (August 2020) are 2019-20.
std::map<std::string, DateInfo> TwoSeasons() {
  return {
      {"2019-10-22", GameDay("2019-20")}, {"2020-02-14", NoGames("2019-20")},
      {"2020-03-11", GameDay("2019-20")}, {"2020-08-15", GameDay("2019-20")},
      {"2020-12-22", GameDay("2020-21")}, {"2020-12-23", GameDay("2020-21")},
  };
}

std::vector<std::string> Dates(const std::vector<PartitionKey>& keys, const std::string& table) {
  std::vector<std::string> dates;
  for (const PartitionKey& key : keys) {
    EXPECT_EQ(key.table, table);
    dates.push_back(key.date);
  }
  return dates;
}

class LineageTest : public ::testing::Test {
 protected:
  LineageTest() : registry_(ThreeTables()), lineage_(registry_, TwoSeasons(), {}) {}
  const Processor& P(const char* name) { return *registry_.Find(name); }
  std::vector<std::string> AllDates() {
    std::vector<std::string> dates;
    for (const auto& [date, info] : lineage_.dates()) dates.push_back(date);
    return dates;
  }

  Registry registry_;
  Lineage lineage_;
};

TEST_F(LineageTest, SameDateTablesReadTheirUpstreamsOfTheDate) {
  EXPECT_TRUE(lineage_.Reads(P("raw"), "2020-03-11").empty());
  EXPECT_EQ(Dates(lineage_.Reads(P("daily"), "2020-03-11"), "raw"),
            std::vector<std::string>{"2020-03-11"});
}

// The schedule's label decides the season: the bubble reads the whole of 2019-20 (its
// no-games dates included), and 2020-21 starts afresh.
TEST_F(LineageTest, SeasonToDateReadsEveryEarlierDateOfTheSchedulesSeason) {
  EXPECT_EQ(Dates(lineage_.Reads(P("history"), "2020-08-15"), "daily"),
            (std::vector<std::string>{"2019-10-22", "2020-02-14", "2020-03-11", "2020-08-15"}));
  EXPECT_EQ(Dates(lineage_.Reads(P("history"), "2020-03-11"), "daily"),
            (std::vector<std::string>{"2019-10-22", "2020-02-14", "2020-03-11"}));
  EXPECT_EQ(Dates(lineage_.Reads(P("history"), "2020-12-23"), "daily"),
            (std::vector<std::string>{"2020-12-22", "2020-12-23"}));
}

TEST_F(LineageTest, HasGamesOnlyForCatalogueDatesWithGames) {
  EXPECT_TRUE(lineage_.HasGames("2020-08-15"));
  EXPECT_FALSE(lineage_.HasGames("2020-02-14"));
  EXPECT_FALSE(lineage_.HasGames("2020-08-16"));  // not in the catalogue
}

TEST_F(LineageTest, WhyStaleNamesWhatIsMissingOrNotDone) {
  EXPECT_EQ(lineage_.WhyStale(P("raw"), "2020-03-11"), "missing");
  lineage_.Update(Record("raw", "2020-03-11", PartitionStatus::kFailed, ""));
  EXPECT_EQ(lineage_.WhyStale(P("raw"), "2020-03-11"), "failed");
  lineage_.Update(Record("raw", "2020-03-11", PartitionStatus::kBlocked, ""));
  EXPECT_EQ(lineage_.WhyStale(P("raw"), "2020-03-11"), "blocked");
  // A date without games is done by a no_games record, never by an ok one (and vice versa).
  lineage_.Update(Record("raw", "2020-02-14", PartitionStatus::kOk, "v"));
  EXPECT_EQ(lineage_.WhyStale(P("raw"), "2020-02-14"), "ok");
  lineage_.Update(Record("raw", "2020-03-11", PartitionStatus::kNoGames, ""));
  EXPECT_EQ(lineage_.WhyStale(P("raw"), "2020-03-11"), "no_games");
}

TEST_F(LineageTest, AFinishedBuildIsFreshAndAPartialOneToo) {
  RecordAllFresh(lineage_, AllDates());
  for (const char* table : {"raw", "daily", "history"}) {
    for (const std::string& date : AllDates()) {
      EXPECT_EQ(lineage_.WhyStale(P(table), date), "") << table << " " << date;
    }
  }
  PartitionRecord partial = *lineage_.Find("daily", "2020-03-11");
  partial.status = PartitionStatus::kPartial;  // built, with a game listed as a gap
  lineage_.Update(partial);
  EXPECT_EQ(lineage_.WhyStale(P("daily"), "2020-03-11"), "");
}

TEST_F(LineageTest, AChangedProcessorVersionIsStale) {
  RecordAllFresh(lineage_, AllDates());
  Registry bumped = [] {
    std::vector<std::unique_ptr<Processor>> processors;
    processors.push_back(std::make_unique<FakeProcessor>(FakeTable{"raw", "1", {}, ReadWindow::kSameDate, true}));
    processors.push_back(
        std::make_unique<FakeProcessor>(FakeTable{"daily", "2", {"raw"}, ReadWindow::kSameDate}));
    return Registry(std::move(processors));
  }();
  Lineage lineage(bumped, TwoSeasons(), {});
  for (const char* table : {"raw", "daily"}) {
    for (const std::string& date : AllDates()) lineage.Update(*lineage_.Find(table, date));
  }
  EXPECT_EQ(lineage.WhyStale(*bumped.Find("daily"), "2020-03-11"), "stale (processor version)");
  EXPECT_EQ(lineage.WhyStale(*bumped.Find("raw"), "2020-03-11"), "");
}

TEST_F(LineageTest, FingerprintFollowsRawInputsOnlyForRawFedTables) {
  const std::string raw = lineage_.Fingerprint(P("raw"), "2020-03-11");
  const std::string daily = lineage_.Fingerprint(P("daily"), "2020-03-11");
  auto dates = TwoSeasons();
  dates["2020-03-11"].fingerprint = "raw-v2";  // a file of that date changed
  Lineage changed(registry_, dates, {});
  EXPECT_NE(changed.Fingerprint(P("raw"), "2020-03-11"), raw);
  EXPECT_EQ(changed.Fingerprint(P("daily"), "2020-03-11"), daily);  // reads no raw rows
  EXPECT_EQ(changed.Fingerprint(P("raw"), "2020-08-15"), lineage_.Fingerprint(P("raw"), "2020-08-15"));
}

TEST_F(LineageTest, FingerprintFollowsTheUpstreamRecordsItReads) {
  RecordAllFresh(lineage_, AllDates());
  const std::string daily = lineage_.Fingerprint(P("daily"), "2020-03-11");
  const std::string bubble = lineage_.Fingerprint(P("history"), "2020-08-15");
  const std::string next_season = lineage_.Fingerprint(P("history"), "2020-12-23");

  PartitionRecord rebuilt = *lineage_.Find("daily", "2020-03-11");
  rebuilt.data_version = "other rows";
  lineage_.Update(rebuilt);
  EXPECT_EQ(lineage_.Fingerprint(P("daily"), "2020-03-11"), daily);  // reads raw, not daily
  EXPECT_NE(lineage_.Fingerprint(P("history"), "2020-08-15"), bubble);
  EXPECT_EQ(lineage_.Fingerprint(P("history"), "2020-12-23"), next_season);

  PartitionRecord raw = *lineage_.Find("raw", "2020-03-11");
  raw.status = PartitionStatus::kPartial;  // same rows, another status: another input
  lineage_.Update(raw);
  EXPECT_NE(lineage_.Fingerprint(P("daily"), "2020-03-11"), daily);
}

// Staleness propagates down the DAG and forward through the season, not into the next one.
TEST_F(LineageTest, ARebuiltUpstreamMakesItsReadersStale) {
  RecordAllFresh(lineage_, AllDates());
  PartitionRecord raw = *lineage_.Find("raw", "2020-03-11");
  raw.processor_version = "0";  // built by older code: it will be rebuilt
  lineage_.Update(raw);
  EXPECT_EQ(lineage_.WhyStale(P("raw"), "2020-03-11"), "stale (processor version)");
  EXPECT_EQ(lineage_.WhyStale(P("daily"), "2020-03-11"),
            "stale (upstream raw 2020-03-11 will be rebuilt)");
  EXPECT_EQ(lineage_.WhyStale(P("history"), "2019-10-22"), "");
  EXPECT_EQ(lineage_.WhyStale(P("history"), "2020-03-11"),
            "stale (upstream daily 2020-03-11 will be rebuilt)");
  EXPECT_EQ(lineage_.WhyStale(P("history"), "2020-08-15"),
            "stale (upstream daily 2020-03-11 will be rebuilt)");
  EXPECT_EQ(lineage_.WhyStale(P("history"), "2020-12-23"), "");
  EXPECT_EQ(lineage_.WhyStale(P("daily"), "2020-08-15"), "");

  PartitionRecord daily = *lineage_.Find("daily", "2020-12-22");
  daily.data_version = "rebuilt";  // recorded after the history partitions were built
  lineage_.Update(daily);
  EXPECT_EQ(lineage_.WhyStale(P("history"), "2020-12-23"), "stale (inputs changed)");
}

}  // namespace
}  // namespace backcourt::testing
