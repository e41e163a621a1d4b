#pragma once
// nba-injury-report-pdf: the league's official injury report, a PDF published several times a
// day (Injury-Report_YYYY-MM-DD_HHPM.pdf, since late 2025 also ..._HH_MMPM.pdf). Columns are
// found from the header row's positions (injury_report_layout.h); cells left blank repeat the
// row above (across pages too), a blank Game Date/Game Time/Matchup only while the cells to
// its right are blank as well. Each player listed gives one InjuryReportRow; a team listed as
// "NOT YET SUBMITTED" gives one row with status not_submitted and no player.
//
// The report time is the title's ("Injury Report: 01/04/24 12:30 PM", US Eastern), stored as
// printed and in UTC. The file name's time must agree (same date and hour; and minute when the
// name has one); when it does not, the title wins and every row says so in report_time_note.
// Tip times ("07:30 (ET)") carry no AM/PM: 12 is noon, 11 is morning, 1 to 10 are afternoon
// and evening, the hours NBA games tip at. A row that cannot be read (unknown status, team or
// matchup) is rejected with its page and reason; the rest loads.
#include <optional>
#include <string_view>

#include "core/date.h"
#include "ingest/reader.h"

namespace backcourt {

class InjuryReportPdfReader : public Reader {
 public:
  static constexpr std::string_view kFormat = "nba-injury-report-pdf";
  std::string_view format() const override { return kFormat; }
  // The PDF magic "%PDF-" (no other input format is a PDF).
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

// An Eastern wall-clock time as the report prints it.
struct EasternTime {
  Date date;
  int minutes = 0;          // after midnight
  bool has_minutes = true;  // false for file names without minutes ("..._12PM.pdf")
};
// "01/04/24 12:30 PM" (also a four-digit year).
std::optional<EasternTime> ParseReportTitleTime(std::string_view text);
// The time in a report's file name, e.g. "Injury-Report_2024-01-04_12PM.pdf" or
// "Injury-Report_2025-12-01_01_30PM.pdf" (any folder); nullopt when the name has none.
std::optional<EasternTime> ParseReportFileNameTime(std::string_view path);
// Minutes after midnight of a tip time "07:30 (ET)" (see the rule above); "07:30 PM" too.
std::optional<int> ParseTipTime(std::string_view text);
// "Payton II, Gary" -> "Gary Payton II": the order box scores write names in.
std::string FirstNameFirst(std::string_view last_comma_first);

}  // namespace backcourt
