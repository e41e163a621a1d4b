// nba-injury-report-pdf: the league's real report (tests/data, from the shared availability
// sample) read into exactly the 14 records its README lists, and hand-written PDFs for what
// that one report does not show (other column positions, wraps over three lines, pages
// without a header, summer time, bad rows) and for the reports that must be refused whole.
#include "ingest/injury_report_pdf_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "csv_test_util.h"
#include "ingest/player_names.h"
#include "pdf_test_util.h"

namespace backcourt {
namespace {

using testing::LoadTestData;
using testing::MakePdf;
using testing::PdfPageText;
using testing::ReportLayout;
using testing::ReportPages;
using testing::ReportRow;

constexpr const char* kSample = "Injury-Report_2024-01-04_12PM.pdf";

ParsedFile ReadOk(const InputFile& file) {
  auto parsed = InjuryReportPdfReader().Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed ? std::move(*parsed) : ParsedFile{};
}

std::string Refusal(const std::string& path, std::string content) {
  auto parsed = InjuryReportPdfReader().Read(InputFile{path, std::move(content)});
  EXPECT_FALSE(parsed.has_value()) << path << " was read";
  return parsed ? "" : parsed.error().message();
}

std::vector<InjuryReportRow> Players(const ParsedFile& parsed) {
  std::vector<InjuryReportRow> players;
  for (const InjuryReportRow& row : parsed.injury_reports) {
    if (row.status != kInjuryNotSubmitted) players.push_back(row);
  }
  return players;
}

// (date, tip, matchup, team, player, status, reason) as the availability README lists them.
using Record = std::tuple<std::string, std::string, std::string, std::string, std::string,
                          std::string, std::string>;

std::vector<Record> Records(const std::vector<InjuryReportRow>& rows) {
  std::vector<Record> records;
  for (const InjuryReportRow& r : rows) {
    records.emplace_back(r.game_date, r.game_time_et, r.matchup, r.team, r.player_name, r.status,
                         r.reason);
  }
  return records;
}

TEST(InjuryReportPdfReader, SampleReadsIntoItsFourteenRecords) {
  const InputFile file = LoadTestData(kSample);
  ASSERT_TRUE(InjuryReportPdfReader().Detect(file));
  const ParsedFile parsed = ReadOk(file);
  EXPECT_EQ(parsed.format, "nba-injury-report-pdf");
  EXPECT_TRUE(parsed.rejects.empty());
  const std::string d = "2024-01-04", t1 = "07:30 (ET)", t2 = "10:00 (ET)";
  const std::string ii = "Injury/Illness - ";
  const std::vector<Record> expected = {
      {d, t1, "MIL@SAS", "SAS", "Barlow, Dominick", "questionable", "G League - Two-Way"},
      {d, t1, "MIL@SAS", "SAS", "Bassey, Charles", "out", ii + "Left Acl; Tear"},
      {d, t1, "MIL@SAS", "SAS", "Branham, Malaki", "doubtful", ii + "Right Ankle; Sprain"},
      {d, t1, "MIL@SAS", "SAS", "Cissoko, Sidy", "out", "G League - On Assignment"},
      {d, t1, "MIL@SAS", "SAS", "Collins, Zach", "out", ii + "Right Ankle; Sprain"},
      {d, t1, "MIL@SAS", "SAS", "Diakite, Mamadi", "questionable", "G League - Two-Way"},
      {d, t1, "MIL@SAS", "SAS", "Duke Jr., David", "out", "G League - Two-Way"},
      // The reason printed over two lines, above and below the row's other cells.
      {d, t1, "MIL@SAS", "SAS", "McDermott, Doug", "out", ii + "Right Forearm; Contusion"},
      {d, t2, "DEN@GSW", "DEN", "Cancar, Vlatko", "out", ii + "Left Knee; Surgery"},
      {d, t2, "DEN@GSW", "DEN", "Jackson, Reggie", "probable", ii + "Left Calf; Tightness"},
      {d, t2, "DEN@GSW", "DEN", "Pickett, Jalen", "out", "G League - On Assignment"},
      {d, t2, "DEN@GSW", "DEN", "Tyson, Hunter", "out", "G League - On Assignment"},
      {d, t2, "DEN@GSW", "GSW", "Green, Draymond", "out", "League Suspension"},
      {d, t2, "DEN@GSW", "GSW", "Payton II, Gary", "out", ii + "Left Hamstring; Strain"},
  };
  const std::vector<InjuryReportRow> players = Players(parsed);
  EXPECT_EQ(Records(players), expected);
  for (const InjuryReportRow& row : parsed.injury_reports) {
    EXPECT_EQ(row.report_time_et, "01/04/24 12:30 PM");
    EXPECT_EQ(row.report_time_utc, "2024-01-04T17:30:00Z");  // EST: UTC-5
    EXPECT_EQ(row.report_time_note, "") << "the file name's 12PM agrees with 12:30 PM";
  }
  ASSERT_EQ(players.size(), 14u);
  EXPECT_EQ(players[0].tip_time_utc, "2024-01-05T00:30:00Z");  // 7:30 p.m. EST
  EXPECT_EQ(players[0].away_team, "MIL");
  EXPECT_EQ(players[0].home_team, "SAS");
  EXPECT_EQ(players[0].team_name, "San Antonio Spurs");
  EXPECT_EQ(players[8].tip_time_utc, "2024-01-05T03:00:00Z");
  EXPECT_EQ(players[8].line, 10);  // after Milwaukee's not-submitted row and eight Spurs
}

// The keys are those box scores give the same players ("Gary Payton II", "David Duke Jr.").
TEST(InjuryReportPdfReader, NameKeysMatchTheBoxScoreSpelling) {
  const std::vector<InjuryReportRow> players = Players(ReadOk(LoadTestData(kSample)));
  ASSERT_EQ(players.size(), 14u);
  EXPECT_EQ(players[13].player_name_key, NormalizePlayerName("Gary Payton II"));
  EXPECT_EQ(players[13].player_name_key, "gary payton");
  EXPECT_EQ(players[6].player_name_key, NormalizePlayerName("David Duke Jr."));
  EXPECT_EQ(players[6].player_name_key, "david duke");
  EXPECT_EQ(players[7].player_name_key, "doug mcdermott");
}

// Teams that had not reported: one row each, status not_submitted, no player; the last pages
// (no header row) continue the game of the page before.
TEST(InjuryReportPdfReader, NotSubmittedTeamsOverThreePages) {
  const ParsedFile parsed = ReadOk(LoadTestData(kSample));
  std::vector<std::string> teams;
  for (const InjuryReportRow& row : parsed.injury_reports) {
    if (row.status != kInjuryNotSubmitted) continue;
    EXPECT_EQ(row.player_name, "");
    EXPECT_EQ(row.player_name_key, "");
    EXPECT_EQ(row.reason, "NOT YET SUBMITTED");
    teams.push_back(std::to_string(row.page) + " " + row.game_date + " " + row.matchup + " " +
                    row.team);
  }
  ASSERT_EQ(teams.size(), 29u);  // Milwaukee, and both teams of the 14 games of 01/05
  EXPECT_EQ(teams[0], "1 2024-01-04 MIL@SAS MIL");
  EXPECT_EQ(teams[1], "1 2024-01-05 ATL@IND ATL");
  EXPECT_EQ(teams[3], "2 2024-01-05 UTA@BOS UTA");  // page 2 starts without date or time
  EXPECT_EQ(teams[21], "2 2024-01-05 ORL@DEN ORL");
  EXPECT_EQ(teams[22], "3 2024-01-05 ORL@DEN DEN");  // the game's second team, next page
  EXPECT_EQ(teams[28], "3 2024-01-05 TOR@SAC SAC");
  const InjuryReportRow& last = parsed.injury_reports.back();
  EXPECT_EQ(last.game_time_et, "10:00 (ET)");
  EXPECT_EQ(last.tip_time_utc, "2024-01-06T03:00:00Z");
}

TEST(InjuryReportPdfReader, AnOwnerPasswordAloneDoesNotStopReading) {
  // qpdf --encrypt "" owner 256 -- Injury-Report_2024-01-04_12PM.pdf (qpdf 11.3, Debian).
  const ParsedFile parsed = ReadOk(LoadTestData("hostile/injury_report_owner_password.pdf"));
  EXPECT_EQ(Players(parsed).size(), 14u);
}

TEST(InjuryReportPdfReader, DetectsOnlyPdfs) {
  EXPECT_FALSE(InjuryReportPdfReader().Detect(LoadTestData("team_game_logs_2023-24.csv")));
  EXPECT_FALSE(InjuryReportPdfReader().Detect(InputFile{"x.pdf", " %PDF-1.4"}));
  for (const auto& reader : MakeReaders()) {
    if (reader->format() == InjuryReportPdfReader::kFormat) continue;
    EXPECT_FALSE(reader->Detect(LoadTestData(kSample))) << reader->format();
  }
}

// ---- The report time: the title, the file name, and US Eastern time to UTC.

TEST(InjuryReportPdfReader, FileNameThatDisagreesLosesToTheTitleWithANote) {
  const std::string content = LoadTestData(kSample).content;
  struct Case {
    std::string name, note;
  };
  const std::vector<Case> cases = {
      {"Injury-Report_2024-01-04_12PM.pdf", ""},
      {"Injury-Report_2024-01-04_12_30PM.pdf", ""},
      {"report.pdf", ""},  // no time in the name: the title alone
      {"Injury-Report_2024-01-04_01PM.pdf",
       "the file name says 2024-01-04 01PM; the title's time is used"},
      {"Injury-Report_2024-01-04_12_00PM.pdf",
       "the file name says 2024-01-04 12:00PM; the title's time is used"},
      {"Injury-Report_2024-01-05_12PM.pdf",
       "the file name says 2024-01-05 12PM; the title's time is used"},
      {"Injury-Report_2024-01-04_12AM.pdf",
       "the file name says 2024-01-04 12AM; the title's time is used"},
  };
  for (const Case& c : cases) {
    const ParsedFile parsed = ReadOk(InputFile{"/landing/" + c.name, content});
    ASSERT_FALSE(parsed.injury_reports.empty());
    EXPECT_EQ(parsed.injury_reports[0].report_time_note, c.note) << c.name;
    EXPECT_EQ(parsed.injury_reports[0].report_time_utc, "2024-01-04T17:30:00Z") << c.name;
  }
}

TEST(InjuryReportTimes, TitleTimes) {
  auto t = ParseReportTitleTime("01/04/24 12:30 PM");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->date.ToIso(), "2024-01-04");
  EXPECT_EQ(t->minutes, 12 * 60 + 30);
  t = ParseReportTitleTime("12/25/2025 01:30 AM");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->date.ToIso(), "2025-12-25");
  EXPECT_EQ(t->minutes, 90);
  // US dates are read by the one US-date rule (core/date.h): padding is optional.
  t = ParseReportTitleTime("1/4/24 12:30 PM");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->date.ToIso(), "2024-01-04");
}

TEST(InjuryReportTimes, BadTitleTimes) {
  for (const char* text :
       {"", "01/04/24", "01/04/24 12:30", "13/04/24 12:30 PM", "02/30/24 12:30 PM",
        "01/04/24 13:30 PM", "01/04/24 12:60 PM", "01/04/24 12:30 XM", "01/04/024 12:30 PM"}) {
    EXPECT_FALSE(ParseReportTitleTime(text)) << text;
  }
}

TEST(InjuryReportTimes, FileNameTimes) {
  auto t = ParseReportFileNameTime("/x/Injury-Report_2024-01-04_12PM.pdf");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->date.ToIso(), "2024-01-04");
  EXPECT_EQ(t->minutes, 12 * 60);
  EXPECT_FALSE(t->has_minutes);
  t = ParseReportFileNameTime("Injury-Report_2025-12-01_05_30PM.pdf");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->minutes, 17 * 60 + 30);
  EXPECT_TRUE(t->has_minutes);
  EXPECT_EQ(ParseReportFileNameTime("Injury-Report_2025-12-01_11AM.pdf")->minutes, 11 * 60);
  for (const char* name :
       {"Injury-Report_2024-01-04.pdf", "Injury-Report_2024-01-04_13PM.pdf",
        "Injury-Report_2024-02-30_12PM.pdf", "Injury-Report_2024-01-04_12-30PM.pdf",
        "Injury-Report_2024-01-04_12PM.txt", "report_2024-01-04_12PM.pdf"}) {
    EXPECT_FALSE(ParseReportFileNameTime(name)) << name;
  }
}

TEST(InjuryReportTimes, TipTimesWithoutMeridiemAreAfternoonExceptEleven) {
  const std::vector<std::pair<std::string, int>> cases = {
      {"07:30 (ET)", 19 * 60 + 30},    {"12:00 (ET)", 12 * 60}, {"01:00 (ET)", 13 * 60},
      {"10:30 (ET)", 22 * 60 + 30},    {"11:00 (ET)", 11 * 60}, {"07:30 PM ET", 19 * 60 + 30},
      {"11:30 AM (ET)", 11 * 60 + 30}, {"03:00 PM", 15 * 60},
  };
  for (const auto& [text, minutes] : cases) {
    auto parsed = ParseTipTime(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(*parsed, minutes) << text;
  }
  for (const char* text : {"", "(ET)", "7:30 (ET)", "19:30 (ET)", "07:30 XM", "TBD"}) {
    EXPECT_FALSE(ParseTipTime(text)) << text;
  }
}

TEST(InjuryReportNames, LastCommaFirstBecomesFirstLast) {
  EXPECT_EQ(FirstNameFirst("Payton II, Gary"), "Gary Payton II");
  EXPECT_EQ(FirstNameFirst("Duke Jr., David"), "David Duke Jr.");
  EXPECT_EQ(FirstNameFirst("  Jokic ,  Nikola "), "Nikola Jokic");
  EXPECT_EQ(FirstNameFirst("Nene"), "Nene");
  EXPECT_EQ(FirstNameFirst("Hilario,"), "Hilario");
}

// ---- Hand-written reports.

std::string Report(const std::vector<ReportRow>& rows, const ReportLayout& layout = {}) {
  return MakePdf(ReportPages(rows, layout));
}

const ReportRow kNotSubmitted = {"", "", "", "Milwaukee Bucks", "", "", "NOT YET SUBMITTED"};

TEST(InjuryReportPdfReader, ColumnsComeFromTheHeaderNotFromFixedOffsets) {
  const std::vector<ReportRow> rows = {
      {"03/15/2025", "08:00 (ET)", "MIL@SAS", "Milwaukee Bucks", "Antetokounmpo, Giannis",
       "Available", "Injury/Illness - Left Knee; Soreness"},
      {"", "", "", "San Antonio Spurs", "Wembanyama, Victor", "Out",
       "Injury/Illness - Right Shoulder; Deep Vein Thrombosis"},
  };
  // Narrow columns, far left; and wide ones, shifted right on a wider page.
  for (const std::array<double, 7>& columns :
       {std::array<double, 7>{10, 80, 150, 210, 330, 460, 530},
        std::array<double, 7>{60, 170, 260, 340, 520, 700, 790}}) {
    ReportLayout layout;
    layout.columns = columns;
    layout.title = "Injury Report: 03/15/25 05:30 PM";
    const std::string pdf = MakePdf(ReportPages(rows, layout), 1000, 600);
    const ParsedFile parsed = ReadOk(InputFile{"Injury-Report_2025-03-15_05_30PM.pdf", pdf});
    EXPECT_TRUE(parsed.rejects.empty());
    ASSERT_EQ(parsed.injury_reports.size(), 2u) << columns[0];
    const InjuryReportRow& giannis = parsed.injury_reports[0];
    EXPECT_EQ(giannis.team, "MIL");
    EXPECT_EQ(giannis.player_name, "Antetokounmpo, Giannis");
    EXPECT_EQ(giannis.player_name_key, "giannis antetokounmpo");
    EXPECT_EQ(giannis.status, "available");
    EXPECT_EQ(giannis.reason, "Injury/Illness - Left Knee; Soreness");
    // 15 March 2025 is after the second Sunday of March: EDT, UTC-4.
    EXPECT_EQ(giannis.report_time_utc, "2025-03-15T21:30:00Z");
    EXPECT_EQ(giannis.tip_time_utc, "2025-03-16T00:00:00Z");
    EXPECT_EQ(giannis.report_time_note, "");
    const InjuryReportRow& victor = parsed.injury_reports[1];
    EXPECT_EQ(victor.team, "SAS");
    EXPECT_EQ(victor.game_date, "2025-03-15");
    EXPECT_EQ(victor.reason, "Injury/Illness - Right Shoulder; Deep Vein Thrombosis");
  }
}

// A reason over three lines, a name over two: the fragments join their row, in order, and
// the rows around them stay as they are.
TEST(InjuryReportPdfReader, WrappedCellsJoinTheirRow) {
  const std::array<double, 7> x = {24, 120, 201, 265, 426, 587, 667};
  PdfPageText page = {{290, 50, "Injury Report: 01/04/24 12:30 PM", 16}};
  const std::vector<std::string> labels = {"Game Date",   "Game Time",      "Matchup", "Team",
                                           "Player Name", "Current Status", "Reason"};
  for (size_t c = 0; c < 7; ++c) page.push_back({x[c] - 1, 90, labels[c], 10});
  auto cell = [&](size_t c, double y, const std::string& text) {
    page.push_back({x[c], y, text, 9});
  };
  cell(0, 112, "01/04/2024");
  cell(1, 112, "07:30 (ET)");
  cell(2, 112, "MIL@SAS");
  cell(3, 112, "San Antonio Spurs");
  cell(4, 112, "Barlow, Dominick");
  cell(5, 112, "Questionable");
  cell(6, 112, "G League - Two-Way");
  // Row centred on 145: a three-line reason at 134, 145, 156; a two-line name at 139.5, 150.5.
  cell(6, 134, "Injury/Illness - Right");
  cell(4, 139.5, "Wembanyama-Longname,");
  cell(5, 145, "Out");
  cell(6, 145, "Forearm; Contusion;");
  cell(4, 150.5, "Victor");
  cell(6, 156, "Surgery");
  cell(4, 178, "Collins, Zach");
  cell(5, 178, "Doubtful");
  cell(6, 178, "Injury/Illness - Right Ankle; Sprain");
  const ParsedFile parsed = ReadOk(InputFile{"wrapped.pdf", MakePdf({page})});
  EXPECT_TRUE(parsed.rejects.empty()) << parsed.rejects[0].reason;
  ASSERT_EQ(parsed.injury_reports.size(), 3u);
  EXPECT_EQ(parsed.injury_reports[0].reason, "G League - Two-Way");
  EXPECT_EQ(parsed.injury_reports[1].player_name, "Wembanyama-Longname, Victor");
  EXPECT_EQ(parsed.injury_reports[1].status, "out");
  EXPECT_EQ(parsed.injury_reports[1].reason, "Injury/Illness - Right Forearm; Contusion; Surgery");
  EXPECT_EQ(parsed.injury_reports[2].player_name, "Collins, Zach");
  EXPECT_EQ(parsed.injury_reports[2].reason, "Injury/Illness - Right Ankle; Sprain");
}

TEST(InjuryReportPdfReader, ContinuationAcrossPagesWithoutHeader) {
  std::vector<ReportRow> rows = {{"07/04/2024", "12:00 (ET)", "BOS@NYK", "Boston Celtics",
                                  "Tatum, Jayson", "Probable", "Rest"}};
  for (int i = 0; i < 5; ++i)
    rows.push_back({"", "", "", "", "Player, Number" + std::to_string(i), "Out", "Rest"});
  rows.push_back({"", "", "", "New York Knicks", "", "", "NOT YET SUBMITTED"});
  ReportLayout layout;
  layout.rows_per_page = 3;
  layout.title = "Injury Report: 07/04/24 11:30 AM";
  const ParsedFile parsed =
      ReadOk(InputFile{"Injury-Report_2024-07-04_11AM.pdf", Report(rows, layout)});
  EXPECT_TRUE(parsed.rejects.empty());
  ASSERT_EQ(parsed.injury_reports.size(), 7u);
  for (const InjuryReportRow& row : parsed.injury_reports) {
    EXPECT_EQ(row.game_date, "2024-07-04");
    EXPECT_EQ(row.tip_time_utc, "2024-07-04T16:00:00Z");  // noon EDT
    EXPECT_EQ(row.report_time_utc, "2024-07-04T15:30:00Z");
    EXPECT_EQ(row.matchup, "BOS@NYK");
  }
  EXPECT_EQ(parsed.injury_reports[5].page, 2);
  EXPECT_EQ(parsed.injury_reports[5].team, "BOS");
  EXPECT_EQ(parsed.injury_reports[6].page, 3);
  EXPECT_EQ(parsed.injury_reports[6].team, "NYK");
  EXPECT_EQ(parsed.injury_reports[6].status, "not_submitted");
}

// A bad row is rejected with its page and reason; rows that continue it (blank cells that
// would inherit a bad matchup) are rejected too, and the next game loads again.
TEST(InjuryReportPdfReader, BadRowsAreRejectedWithPageAndReason) {
  const std::vector<ReportRow> rows = {
      {"01/04/2024", "07:30 (ET)", "MIL@SAS", "San Antonio Spurs", "Barlow, Dominick", "Injured",
       "G League"},
      {"", "", "", "", "Bassey, Charles", "", "Injury/Illness - Left Acl; Tear"},
      {"", "", "", "Seattle Storm", "Stewart, Breanna", "Out", "Rest"},
      {"", "", "", "Boston Celtics", "Tatum, Jayson", "Out", "Rest"},
      {"", "", "MIL@MIL", "Milwaukee Bucks", "Lillard, Damian", "Out", "Rest"},
      {"", "", "", "", "Lopez, Brook", "Out", "Rest"},
      {"", "08:00 (ET)", "DEN@GSW", "Denver Nuggets", "", "", ""},
      {"", "", "", "", "Jokic, Nikola", "Out", "Rest"},
      {"13/40/2024", "08:00 (ET)", "DEN@GSW", "Denver Nuggets", "Murray, Jamal", "Out", "Rest"},
      {"01/04/2024", "25:00 (ET)", "DEN@GSW", "Denver Nuggets", "Gordon, Aaron", "Out", "Rest"},
      {"01/04/2024", "", "DEN@GSW", "Denver Nuggets", "Porter Jr., Michael", "Out", "Rest"},
      {"01/04/2024", "09:00 (ET)", "DEN@GSW", "Denver Nuggets", "Braun, Christian", "Out", "Rest"},
  };
  const ParsedFile parsed = ReadOk(InputFile{"bad.pdf", Report(rows)});
  std::vector<std::string> rejects;
  for (const RejectRow& r : parsed.rejects)
    rejects.push_back(std::to_string(r.line) + ": " + r.reason);
  const std::vector<std::string> expected = {
      "1: page 1: unknown Current Status 'Injured'",
      "2: page 1: no Current Status for 'Bassey, Charles'",
      "3: page 1: unknown Team 'Seattle Storm'",
      "4: page 1: Team 'Boston Celtics' is not in Matchup 'MIL@SAS'",
      "5: page 1: Matchup 'MIL@MIL' is not AWAY@HOME tricodes",
      "6: page 1: Matchup 'MIL@MIL' is not AWAY@HOME tricodes",
      "7: page 1: no Player Name for DEN (and not 'NOT YET SUBMITTED')",
      "9: page 1: Game Date '13/40/2024' is not MM/DD/YYYY",
      "10: page 1: Game Time '25:00 (ET)' is not hh:mm (ET)",
      "11: page 1: no Game Time",
  };
  EXPECT_EQ(rejects, expected);
  ASSERT_EQ(parsed.injury_reports.size(), 2u);
  EXPECT_EQ(parsed.injury_reports[0].player_name, "Jokic, Nikola");
  EXPECT_EQ(parsed.injury_reports[0].line, 8);
  EXPECT_EQ(parsed.injury_reports[0].game_time_et, "08:00 (ET)");
  EXPECT_EQ(parsed.injury_reports[1].player_name, "Braun, Christian");
  ASSERT_FALSE(parsed.rejects.empty());
  EXPECT_EQ(parsed.rejects[0].content,
            "01/04/2024 | 07:30 (ET) | MIL@SAS | San Antonio Spurs | Barlow, Dominick | Injured | "
            "G League");
}

// The fuzz seed in tests/data is exactly what the generator writes, and reads as it says.
TEST(InjuryReportPdfReader, SyntheticFixtureIsTheGeneratorsOutput) {
  const InputFile file = LoadTestData("injury_report_synthetic.pdf");
  EXPECT_EQ(file.content, testing::SyntheticReportPdf())
      << "regenerate tests/data/injury_report_synthetic.pdf from SyntheticReportPdf()";
  const ParsedFile parsed = ReadOk(file);
  EXPECT_TRUE(parsed.rejects.empty());
  std::vector<std::string> rows;
  for (const InjuryReportRow& r : parsed.injury_reports) {
    rows.push_back(std::to_string(r.page) + " " + r.matchup + " " + r.team + " " +
                   r.player_name_key + " " + r.status);
  }
  const std::vector<std::string> expected = {
      "1 MIL@SAS MIL  not_submitted", "1 MIL@SAS SAS david duke out",
      "1 MIL@SAS SAS malaki branham doubtful", "2 DEN@GSW GSW gary payton questionable",
      "2 DEN@GSW GSW draymond green available"};
  EXPECT_EQ(rows, expected);
}

// ---- Reports that cannot be read: refused whole, naming the page where there is one.

TEST(InjuryReportPdfReader, RefusesTruncatedReports) {
  const std::string sample = LoadTestData(kSample).content;
  for (size_t size : {size_t{8}, size_t{1000}, sample.size() / 2, sample.size() - 40}) {
    EXPECT_EQ(Refusal("cut.pdf", sample.substr(0, size)),
              "truncated PDF (no %%EOF marker at its end)")
        << size;
  }
}

TEST(InjuryReportPdfReader, RefusesWhatIsNotAPdf) {
  EXPECT_EQ(Refusal("x.csv", LoadTestData("team_game_logs_2023-24.csv").content),
            "not a PDF (the file does not start with %PDF-)");
  EXPECT_EQ(Refusal("x.pdf", ""), "not a PDF (the file does not start with %PDF-)");
  EXPECT_EQ(Refusal("x.pdf", "%PDF-1.4\ngarbage\n%%EOF\n").substr(0, 16), "unreadable PDF: ");
}

TEST(InjuryReportPdfReader, RefusesEncryptedReports) {
  // qpdf --encrypt secret owner 256 -- <a one-page PDF> (qpdf 11.3, Debian): a user password.
  EXPECT_EQ(Refusal("e.pdf", LoadTestData("hostile/injury_report_encrypted.pdf").content),
            "encrypted PDF: it needs a password to be opened, its text cannot be read");
}

TEST(InjuryReportPdfReader, RefusesPdfsWithoutTheTable) {
  const std::string no_header =
      "page 1: no injury report table (no header row Game Date, Game Time, Matchup, Team, "
      "Player Name, Current Status, Reason)";
  EXPECT_EQ(Refusal("a.pdf", MakePdf({{{72, 72, "Injury Report: 01/04/24 12:30 PM", 16},
                                       {72, 120, "Dear reader, there is no table here.", 10}}})),
            no_header);
  ReportLayout headless;
  headless.header = false;
  EXPECT_EQ(Refusal("b.pdf", Report({kNotSubmitted}, headless)), no_header);
  EXPECT_EQ(Refusal("c.pdf", Report({})), "page 1: the table has no rows");
  EXPECT_EQ(Refusal("d.pdf", MakePdf({{}})), "page 1: no text (an image or a damaged page)");
  ReportLayout untitled;
  untitled.title = "Daily Report";
  EXPECT_EQ(Refusal("e.pdf", Report({kNotSubmitted}, untitled)),
            "page 1: no title 'Injury Report: MM/DD/YY hh:mm AM|PM'");
  ReportLayout badly_timed;
  badly_timed.title = "Injury Report: 01/04/24 noon";
  EXPECT_EQ(Refusal("f.pdf", Report({kNotSubmitted}, badly_timed)),
            "page 1: title 'Injury Report: 01/04/24 noon' has no time MM/DD/YY hh:mm AM|PM");
  PdfPageText partial_header = {{290, 50, "Injury Report: 01/04/24 12:30 PM", 16},
                                {24, 90, "Game Date", 10},
                                {120, 90, "Game Time", 10},
                                {201, 90, "Matchup", 10},
                                {265, 90, "Team", 10},
                                {426, 90, "Player", 10}};
  EXPECT_EQ(Refusal("g.pdf", MakePdf({partial_header})),
            "page 1: the table header lacks Player Name, Current Status, Reason");
}

TEST(InjuryReportPdfReader, RefusesPagesThatDoNotBelong) {
  std::vector<PdfPageText> pages = ReportPages({kNotSubmitted, kNotSubmitted}, [] {
    ReportLayout layout;
    layout.rows_per_page = 1;
    return layout;
  }());
  ASSERT_EQ(pages.size(), 2u);
  std::vector<PdfPageText> other_title = pages;
  other_title[1][0].text = "Injury Report: 01/04/24 01:30 PM";
  EXPECT_EQ(Refusal("a.pdf", MakePdf(other_title)),
            "page 2: its title says '01/04/24 01:30 PM' but page 1 says '01/04/24 12:30 PM'");
  std::vector<PdfPageText> missing_page = {pages[0]};  // its footer still says "Page 1 of 2"
  EXPECT_EQ(Refusal("b.pdf", MakePdf(missing_page)),
            "page 1: its footer says 'Page 1 of 2' but the file has 1 pages");
  std::vector<PdfPageText> blank_page = {pages[0], pages[1], {}};
  EXPECT_EQ(Refusal("c.pdf", MakePdf(blank_page)),
            "page 1: its footer says 'Page 1 of 2' but the file has 3 pages");
}

}  // namespace
}  // namespace backcourt
