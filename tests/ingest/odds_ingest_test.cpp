// Betting lines through ingest into the store: the raw tables hold every snapshot with its
// capture time, re-ingesting changes nothing, --captured-at fills in what files lack, and
// lines leave the box-score tables' fingerprints alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "engine/resolved_schedule.h"
#include "ingest/hostile_test_util.h"
#include "ingest/ingest.h"
#include "store/raw_store.h"
#include "store/schema.h"
#include "test_files.h"

namespace backcourt {
namespace {

using testing::RawDigest;
using testing::TestData;

class OddsIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenStore(":memory:");
    ASSERT_TRUE(db) << db.error().message();
    db_.emplace(std::move(*db));
  }

  IngestReport IngestOk(const std::vector<std::string>& paths,
                        const std::string& captured_at = "") {
    IngestOptions options;
    options.captured_at = captured_at;
    auto report = Ingest(*db_, paths, options);
    EXPECT_TRUE(report) << report.error().message();
    return report ? *report : IngestReport{};
  }

  int64_t Count(const std::string& sql) {
    auto value = db_->QueryInt(sql);
    EXPECT_TRUE(value) << sql << ": " << value.error().message();
    return value.value_or(-1);
  }

  std::optional<Db> db_;
};

TEST_F(OddsIngestTest, FixtureFolderLoadsIntoTheRawTables) {
  const IngestReport report = IngestOk({TestData("odds")});
  EXPECT_TRUE(report.ok());
  int loaded = 0;
  for (const FileOutcome& f : report.files) loaded += f.action == IngestAction::kLoaded;
  EXPECT_EQ(loaded, 10);  // SOURCES.md is not even looked at (ExpandPaths leaves .md out)
  EXPECT_EQ(report.files.size(), 10u);
  // Book CSV 23, pick'em 3 + 3, live JSON 3.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines"), 32);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines WHERE line_kind = 'pickem'"), 6);
  // History 19, consensus 10, historical h2h 2, spreads and totals 4.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_game_lines"), 35);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_odds_events"), 29);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_rejects"), 1);  // the moneyline "8"
  EXPECT_EQ(Count("SELECT SUM(rows) FROM raw_skips"), 24 + 2 + 4 + 4);
  EXPECT_EQ(Count("SELECT SUM(rows_loaded) FROM raw_files"), 32 + 35 + 29);
  // Unknown capture times are NULL, so no SQL comparison with the tip is true for them.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines WHERE captured_at IS NULL"), 6);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines WHERE captured_at < commence_time"), 26);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_game_lines WHERE captured_at IS NULL"), 29);
}

// The 2024-01-25T03:55Z historical snapshot was taken after the GSW-ATL tip (03:20:30Z):
// every one of its rows is recognisable as in-play by SQL on the raw table alone.
TEST_F(OddsIngestTest, AfterTipSnapshotIsInPlayInTheRawTable) {
  IngestOk({TestData("odds/historical_event_odds_h2h_2024-01-25T0355Z.json"),
            TestData("odds/historical_event_odds_spreads_totals_2024-01-25T0355Z.json")});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_game_lines"), 6);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_game_lines WHERE captured_at >= commence_time"), 6);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_game_lines WHERE game_date = '2024-01-24' AND "
                  "home_team = 'GSW' AND away_team = 'ATL'"),
            6);
}

TEST_F(OddsIngestTest, ReingestIsANoOpAndLoadersRoundTripNulls) {
  IngestOk({TestData("odds")});
  const std::string before = RawDigest(*db_);
  const IngestReport again = IngestOk({TestData("odds")});
  for (const FileOutcome& f : again.files) {
    if (f.action == IngestAction::kSkipped) continue;
    EXPECT_EQ(ActionName(f.action), "unchanged") << f.path;
    if (f.path.ends_with("raw_20251111_170000.csv")) {
      EXPECT_EQ(f.skipped, 24);
    }
  }
  EXPECT_EQ(RawDigest(*db_), before);

  RawStore store(*db_);
  auto props = store.LoadPropLines("2025-11-11", "2025-11-11");
  ASSERT_TRUE(props) << props.error().message();
  ASSERT_EQ(props->size(), 23u);
  const auto over_only_it = std::find_if(props->begin(), props->end(), [](const PropLineRow& r) {
    return r.bookmaker == "fanatics" && r.player_name == "Ben Sheppard";
  });
  ASSERT_NE(over_only_it, props->end());
  const PropLineRow& over_only = *over_only_it;
  EXPECT_EQ(over_only.under_price, std::nullopt);
  EXPECT_EQ(over_only.source, "odds-props-csv");
  EXPECT_EQ(over_only.captured_at, "2025-11-11T17:00:00Z");
  auto games = store.LoadGameLines("2007-10-30", "2007-10-30");
  ASSERT_TRUE(games) << games.error().message();
  ASSERT_EQ(games->size(), 9u);  // three games, three markets each
  EXPECT_EQ((*games)[0].commence_time, std::nullopt);
  EXPECT_EQ((*games)[0].captured_at, std::nullopt);
  EXPECT_EQ((*games)[0].capture_basis, "closing");
  auto events = store.LoadOddsEvents("2025-03-09", "2025-03-10");
  ASSERT_TRUE(events) << events.error().message();
  EXPECT_EQ(events->size(), 16u);
}

TEST_F(OddsIngestTest, CapturedAtOptionFillsFilesWithoutATime) {
  IngestOk({TestData("odds/pickem_01_02_2025.csv"), TestData("odds/raw_20251111_170000.csv")},
           "2025-01-01T12:00:00-05:00");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines WHERE captured_at = "
                  "'2025-01-01T17:00:00Z' AND capture_basis = 'option'"),
            3);
  // The file name's time wins over the option.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines WHERE capture_basis = 'file_name'"), 23);

  IngestOptions bad;
  bad.captured_at = "2025-01-01 noon";
  auto report = Ingest(*db_, {TestData("odds/pickem_10_22_2024.csv")}, bad);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().message(),
            "--captured-at '2025-01-01 noon' is not an ISO-8601 UTC time (e.g. "
            "2025-10-21T17:00:00Z)");
}

TEST_F(OddsIngestTest, LinesDoNotChangeTheBoxScoreFingerprintOfTheirDate) {
  IngestOk({TestData("team_game_logs_2023-24.csv")});
  RawStore store(*db_);
  auto before = DateCatalog(*db_, "2024-01-24", "2024-01-24");
  ASSERT_TRUE(before) << before.error().message();
  ASSERT_EQ(before->size(), 1u);
  IngestOk({TestData("odds/historical_event_odds_h2h_2024-01-25T0355Z.json")});
  auto after = DateCatalog(*db_, "2024-01-24", "2024-01-24");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->at("2024-01-24").fingerprint, before->at("2024-01-24").fingerprint);
  // The lines' own hashes are there, under their prefix, for the tables that read them.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_date_hashes WHERE key = 'odds:2024-01-24'"), 1);
  auto odds = store.OddsFingerprints("2024-01-24", "2024-01-25");
  ASSERT_TRUE(odds) << odds.error().message();
  ASSERT_EQ(odds->size(), 1u);
  const std::string one_file = odds->at("2024-01-24");
  IngestOk({TestData("odds/historical_event_odds_spreads_totals_2024-01-25T0355Z.json")});
  const std::string two_files =
      store.OddsFingerprints("2024-01-24", "2024-01-24")->at("2024-01-24");
  EXPECT_NE(two_files, one_file);
}

// The lines' fingerprint of a date does not depend on the order files were ingested in.
TEST_F(OddsIngestTest, OddsFingerprintIsIndependentOfIngestOrder) {
  const std::string a = TestData("odds/historical_event_odds_h2h_2024-01-25T0355Z.json");
  const std::string b = TestData("odds/historical_event_odds_spreads_totals_2024-01-25T0355Z.json");
  IngestOk({a, b});
  auto forward = RawStore(*db_).OddsFingerprints("2024-01-24", "2024-01-24");
  auto other = OpenStore(":memory:");
  ASSERT_TRUE(other && forward);
  ASSERT_TRUE(Ingest(*other, {b, a}, IngestOptions{}));
  auto backward = RawStore(*other).OddsFingerprints("2024-01-24", "2024-01-24");
  ASSERT_TRUE(backward);
  EXPECT_EQ(*forward, *backward);
  EXPECT_EQ(forward->size(), 1u);
}

TEST_F(OddsIngestTest, ChangedFileReplacesItsLinesAndSkips) {
  testing::TempDir dir;
  const std::string path = dir.Write("raw_20251111_170000.csv",
                                     testing::ReadBytes(TestData("odds/raw_20251111_170000.csv")));
  IngestOk({path});
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines"), 23);
  std::string bytes = testing::ReadBytes(path);
  bytes =
      bytes.substr(0, bytes.find('\n') + 1) +
      "e,A B,player_points,10.5,fd,Boston Celtics @ Miami Heat,2025-11-12T00:30:00Z,-110,-110\n";
  dir.Write("raw_20251111_170000.csv", bytes);
  const IngestReport report = IngestOk({path});
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(ActionName(report.files[0].action), "replaced");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_prop_lines"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM raw_skips"), 0);
}

}  // namespace
}  // namespace backcourt
