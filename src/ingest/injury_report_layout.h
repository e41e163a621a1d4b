#pragma once
// The injury report's table, laid out from the positions of its words: lines are words that
// share a baseline; columns start where the header row's labels start (Game Date, Game Time,
// Matchup, Team, Player Name, Current Status, Reason), whatever the page size or font; a
// line holding only the continuation of a wrapped cell (a reason over two lines, printed
// above and below its row's other cells) joins the nearest row. Cells left blank because they
// repeat the row above stay blank here: what they inherit is the reader's business.
#include <array>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/pdf_text.h"

namespace backcourt {

enum class InjuryColumn {
  kGameDate,
  kGameTime,
  kMatchup,
  kTeam,
  kPlayerName,
  kCurrentStatus,
  kReason,
};
inline constexpr size_t kInjuryColumnCount = 7;
// The header label of each column, in column order.
const std::array<std::string, kInjuryColumnCount>& InjuryColumnLabels();

struct InjuryTableRow {
  int page = 0;  // 1-based
  std::array<std::string, kInjuryColumnCount> cells;
  const std::string& cell(InjuryColumn column) const { return cells[static_cast<size_t>(column)]; }
};

struct InjuryReportTable {
  std::string title_time;  // the title after "Injury Report:", e.g. "01/04/24 12:30 PM"
  std::vector<InjuryTableRow> rows;
};

// Refuses the whole report, naming the page, when page 1 has no title or no header row, a
// page has no text, a page's title differs from page 1's, a footer "Page N of M" disagrees
// with the file's pages, or the table has no rows.
Result<InjuryReportTable> LayOutInjuryReport(const std::vector<PdfPage>& pages);

}  // namespace backcourt
