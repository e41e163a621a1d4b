// The league's injury report PDFs against the local server: every slot of a date under both
// file-name patterns, unpublished slots skipped (not failed), PDFs checked, landed files that
// ingest reads.
#include <gtest/gtest.h>

#include <algorithm>

#include "fetch/fetch_fixture.h"
#include "fetch/nba_injury_source.h"
#include "ingest/ingest.h"
#include "store/raw_store.h"
#include "store/schema.h"

namespace backcourt::testing {
namespace {

class InjuryFetchTest : public FetchTest {
 protected:
  void SetUp() override {
    pdf_ = ReadBytes(TestData("Injury-Report_2024-01-04_12PM.pdf"));
    auto serve = [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(pdf_, "application/pdf");
    };
    server_.Route("/referee/injury/Injury-Report_2024-01-04_12PM.pdf", serve);
    server_.Route("/referee/injury/Injury-Report_2025-12-01_01_30PM.pdf", serve);
    server_.Route("/referee/injury/Injury-Report_2024-01-04_05PM.pdf",
                  [](const httplib::Request&, httplib::Response& res) {
                    res.set_content("<html>blocked</html>", "text/html");
                  });
    server_.Start();
  }
  std::unique_ptr<Source> Injury() { return MakeNbaInjurySource(server_.url() + "/referee/injury"); }
  std::string pdf_;
};

TEST(InjuryReportFileNames, HourlyBeforeTheQuarterHourlyPatternThenBoth) {
  const auto old_names = InjuryReportFileNames(*Date::ParseIso("2024-01-04"));
  ASSERT_EQ(old_names.size(), 24u);
  EXPECT_EQ(old_names.front(), "Injury-Report_2024-01-04_12AM.pdf");
  EXPECT_EQ(old_names[12], "Injury-Report_2024-01-04_12PM.pdf");
  EXPECT_EQ(old_names.back(), "Injury-Report_2024-01-04_11PM.pdf");
  const auto new_names = InjuryReportFileNames(*Date::ParseIso("2025-12-01"));
  EXPECT_EQ(new_names.size(), 24u * 5);
  for (const char* name : {"Injury-Report_2025-12-01_01PM.pdf", "Injury-Report_2025-12-01_01_30PM.pdf",
                           "Injury-Report_2025-12-01_12_00AM.pdf", "Injury-Report_2025-12-01_11_45PM.pdf"}) {
    EXPECT_NE(std::find(new_names.begin(), new_names.end(), name), new_names.end()) << name;
  }
}

TEST_F(InjuryFetchTest, PublishedSlotsLandUnpublishedAreSkippedAndABlockPageFails) {
  const FetchReport report = Run(Injury(), Scope("2023-24", "2024-01-06T12:00:00Z", "2024-01-04"));
  ASSERT_EQ(report.outcomes.size(), 24u);
  EXPECT_EQ(report.Count(FetchAction::kFetched), 1);
  EXPECT_EQ(report.Count(FetchAction::kSkipped), 22);
  ASSERT_EQ(report.Count(FetchAction::kFailed), 1);
  for (const RequestOutcome& o : report.outcomes) {
    if (o.action == FetchAction::kFailed) {
      EXPECT_NE(o.reason.find("HTML"), std::string::npos) << o.reason;
    }
    if (o.action == FetchAction::kSkipped) {
      EXPECT_NE(o.reason.find("not published"), std::string::npos) << o.reason;
    }
  }
  EXPECT_EQ(Landed("nba_injury/Injury-Report_2024-01-04_12PM.pdf"), pdf_);
  // The landed report is an ordinary ingest input: its 14 players (+ not-submitted teams).
  auto db = OpenStore(dir_.path() + "/i.db");
  ASSERT_TRUE(db);
  auto ingested = Ingest(*db, {landing_ + "/nba_injury"}, IngestOptions{});
  ASSERT_TRUE(ingested) << ingested.error().message();
  auto rows = RawStore(*db).LoadInjuryReports("2024-01-04", "2024-01-04");
  ASSERT_TRUE(rows);
  EXPECT_EQ(std::count_if(rows->begin(), rows->end(),
                          [](const InjuryReportRow& r) { return !r.player_name.empty(); }),
            14);
  // A past date's landed report never expires: a rerun asks only for the missing slots.
  const FetchReport again = Run(Injury(), Scope("2023-24", "2024-01-07T12:00:00Z", "2024-01-04"));
  EXPECT_EQ(again.Count(FetchAction::kFetched), 0);
  EXPECT_EQ(again.Count(FetchAction::kSkipped), 23);
}

TEST_F(InjuryFetchTest, QuarterHourlyNamesAreAskedForFromTheNewPattern) {
  const FetchReport report = Run(Injury(), Scope("2025-26", "2025-12-01T20:00:00Z", "2025-12-01"));
  EXPECT_EQ(report.outcomes.size(), 120u);
  EXPECT_EQ(report.Count(FetchAction::kFetched), 1);
  EXPECT_EQ(report.Count(FetchAction::kFailed), 0);
  EXPECT_EQ(Landed("nba_injury/Injury-Report_2025-12-01_01_30PM.pdf"), pdf_);
}

TEST_F(InjuryFetchTest, AFutureDateIsRefused) {
  const FetchReport report = Run(Injury(), Scope("2025-26", "2025-12-01T20:00:00Z", "2025-12-03"));
  ASSERT_EQ(report.outcomes.size(), 1u);
  EXPECT_EQ(report.outcomes[0].action, FetchAction::kFailed);
  EXPECT_NE(report.outcomes[0].reason.find("future"), std::string::npos);
}

}  // namespace
}  // namespace backcourt::testing
