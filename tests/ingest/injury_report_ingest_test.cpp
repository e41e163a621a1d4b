// The injury report through ingest: the real sample into raw_injury_reports (through
// backcourt::Ingest and through `backcourt ingest`), and hostile reports refused whole with
// the store left as it was, by the hostile-input harness.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "ingest/hostile_test_util.h"
#include "ingest/pdf_test_util.h"
#include "test_files.h"

namespace backcourt {
namespace {

using testing::Expect;
using testing::ExpectOutcome;
using testing::HostileCase;
using testing::HostileStore;
using testing::ReadBytes;
using testing::TempDir;
using testing::TestData;

constexpr const char* kSample = "Injury-Report_2024-01-04_12PM.pdf";

std::string Rows(Db& db, const std::string& sql) {
  auto stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt) << sql;
  std::string text;
  while (stmt && *stmt->Step()) {
    for (int c = 0; c < stmt->ColumnCount(); ++c) {
      if (c > 0) text += "|";
      text += stmt->Text(c);
    }
    text += "\n";
  }
  return text;
}

TEST(InjuryReportIngest, SampleLoadsEveryRecordAndReingestsAsUnchanged) {
  HostileStore store;  // holds a box score already: the report must not touch it
  const std::string path = TestData(kSample);
  const std::string boxes = testing::TableRows(store.db(), "raw_player_box");
  const auto loaded = store.Ingest(path);
  EXPECT_EQ(ActionName(loaded.outcome.action), "loaded") << loaded.outcome.error;
  EXPECT_EQ(loaded.outcome.format, "nba-injury-report-pdf");
  EXPECT_EQ(loaded.outcome.rows, 43);  // 14 players and 29 teams not yet submitted
  EXPECT_TRUE(loaded.rejects.empty());
  Db& db = store.db();
  EXPECT_EQ(Rows(db, "SELECT status, COUNT(*) FROM raw_injury_reports GROUP BY status ORDER BY 1"),
            "doubtful|1\nnot_submitted|29\nout|10\nprobable|1\nquestionable|2\n");
  EXPECT_EQ(Rows(db,
                 "SELECT source, report_time_utc, report_time_et, game_date, tip_time_utc, "
                 "away_team, home_team, team, player_name, player_name_key, status, reason "
                 "FROM raw_injury_reports WHERE player_name LIKE 'McDermott%'"),
            "nba-injury-report-pdf|2024-01-04T17:30:00Z|01/04/24 12:30 PM|2024-01-04|"
            "2024-01-05T00:30:00Z|MIL|SAS|SAS|McDermott, Doug|doug mcdermott|out|"
            "Injury/Illness - Right Forearm; Contusion\n");
  EXPECT_EQ(Rows(db, "SELECT format, rows_loaded, rows_rejected FROM raw_files WHERE path = '" +
                         path + "'"),
            "nba-injury-report-pdf|43|0\n");
  EXPECT_EQ(testing::TableRows(db, "raw_player_box"), boxes);

  const std::string before = testing::RawDigest(db);
  EXPECT_EQ(ActionName(store.Ingest(path).outcome.action), "unchanged");
  EXPECT_EQ(testing::RawDigest(db), before);
}

// A changed report at the same path replaces exactly its own rows.
TEST(InjuryReportIngest, AChangedReportReplacesItsRows) {
  TempDir dir;
  HostileStore store;
  const std::string path =
      dir.Write("Injury-Report_2024-01-04_12PM.pdf", ReadBytes(TestData(kSample)));
  EXPECT_EQ(store.Ingest(path).outcome.rows, 43);
  const std::vector<testing::ReportRow> rows = {
      {"01/04/2024", "07:30 (ET)", "MIL@SAS", "Milwaukee Bucks", "Lillard, Damian", "Out", "Rest"}};
  dir.Write("Injury-Report_2024-01-04_12PM.pdf", testing::MakePdf(testing::ReportPages(rows)));
  const auto replaced = store.Ingest(path);
  EXPECT_EQ(ActionName(replaced.outcome.action), "replaced") << replaced.outcome.error;
  EXPECT_EQ(replaced.outcome.rows, 1);
  EXPECT_EQ(Rows(store.db(), "SELECT team, player_name_key, status FROM raw_injury_reports"),
            "MIL|damian lillard|out\n");
}

class InjuryReportHostileTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(InjuryReportHostileTest, IsRefusedAndChangesNothing) {
  const HostileCase& c = GetParam();
  TempDir dir;
  const std::string sample = ReadBytes(TestData(kSample));
  std::string path;
  if (std::string(c.fixture) == "truncated.pdf") {
    path = dir.Write(c.fixture, sample.substr(0, sample.size() * 2 / 3));
  } else if (std::string(c.fixture) == "no_table.pdf") {
    path = dir.Write(c.fixture, testing::MakePdf({{{72, 72, "Injury Report: 01/04/24 12:30 PM", 16},
                                                   {72, 120, "No games today.", 10}}}));
  } else if (std::string(c.fixture) == "report.csv") {
    path = dir.Write(c.fixture, "not,a,pdf\n1,2,3\n");
  } else {
    path = testing::HostileFixture(c.fixture);
  }
  ExpectOutcome(c, path);
}

// clang-format off
const HostileCase kHostileReports[] = {
    {"TruncatedReport", "truncated.pdf", Expect::kRefused,
     "truncated PDF (no %%EOF marker at its end)", 0, {}},
    {"EncryptedReport", "injury_report_encrypted.pdf", Expect::kRefused,
     "encrypted PDF: it needs a password to be opened, its text cannot be read", 0, {}},
    {"PdfWithoutATable", "no_table.pdf", Expect::kRefused,
     "page 1: no injury report table (no header row Game Date, Game Time, Matchup, Team, "
     "Player Name, Current Status, Reason)", 0, {}},
    {"NotAPdfForcedAsAReport", "report.csv", Expect::kRefused,
     "not a PDF (the file does not start with %PDF-)", 0, {}, "nba-injury-report-pdf"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Catalogue, InjuryReportHostileTest, ::testing::ValuesIn(kHostileReports),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(InjuryReportIngest, BackcourtIngestCommandLoadsTheSample) {
  TempDir dir;
  const std::string db = dir.path() + "/test.db";
  const std::string path = TestData(kSample);
  std::vector<const char*> argv = {"backcourt", "--db", db.c_str(), "ingest", path.c_str()};
  std::ostringstream out, err;
  EXPECT_EQ(RunCli(static_cast<int>(argv.size()), argv.data(), out, err), 0) << err.str();
  EXPECT_NE(out.str().find("nba-injury-report-pdf"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("Ingest: 1 loaded, 0 replaced, 0 unchanged, 0 skipped, 0 refused; "
                           "43 rows, 0 rejects written"),
            std::string::npos)
      << out.str();
  // `status` shows the reports by status, the teams that had not reported among them.
  std::vector<const char*> status = {"backcourt", "--db", db.c_str(), "status"};
  std::ostringstream status_out, status_err;
  EXPECT_EQ(RunCli(static_cast<int>(status.size()), status.data(), status_out, status_err), 0)
      << status_err.str();
  EXPECT_NE(status_out.str().find("raw_injury_reports status not_submitted                  29"),
            std::string::npos)
      << status_out.str();
  auto store = OpenStore(db);
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->QueryInt("SELECT COUNT(*) FROM raw_injury_reports WHERE status <> "
                             "'not_submitted'"),
            14);
}

}  // namespace
}  // namespace backcourt
