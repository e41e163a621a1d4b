#pragma once
// Hand-written PDFs for the injury report tests: pages of text placed at given positions, in
// the standard Helvetica font (not embedded: poppler knows its metrics), with an exact
// cross-reference table, so that poppler reads them as it reads a real report.
#include <array>
#include <string>
#include <vector>

namespace backcourt::testing {

struct PdfText {
  double x = 0;  // left edge, points from the page's left
  double y = 0;  // baseline, points from the page's top
  std::string text;
  double size = 10;
};
using PdfPageText = std::vector<PdfText>;

inline std::string PdfString(const std::string& text) {
  std::string out = "(";
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + ")";
}

inline std::string MakePdf(const std::vector<PdfPageText>& pages, double width = 842,
                           double height = 595) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", "",
                                      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                                      "/Encoding /WinAnsiEncoding >>"};
  std::string kids;
  for (const PdfPageText& page : pages) {
    std::string content;
    for (const PdfText& t : page) {
      content += "BT /F1 " + std::to_string(t.size) + " Tf " + std::to_string(t.x) + " " +
                 std::to_string(height - t.y) + " Td " + PdfString(t.text) + " Tj ET\n";
    }
    const size_t page_id = objects.size() + 1;
    kids += std::to_string(page_id) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "] /Contents " + std::to_string(page_id + 1) +
                      " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "endstream");
  }
  objects[1] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// An injury report laid out like the league's: a title on every page, the header row on the
// first, then one table row per entry (7 cells, "" for a blank cell), `pitch` points apart,
// `rows_per_page` to a page, and a "Page N of M" footer. `columns` are the cells' left edges.
struct ReportLayout {
  std::string title = "Injury Report: 01/04/24 12:30 PM";
  std::array<double, 7> columns = {24, 120, 201, 265, 426, 587, 667};
  double pitch = 22;
  size_t rows_per_page = 18;
  bool header = true;
  bool footer = true;
};
using ReportRow = std::array<std::string, 7>;

inline std::vector<PdfPageText> ReportPages(const std::vector<ReportRow>& rows,
                                            const ReportLayout& layout = {}) {
  static const std::array<std::string, 7> kLabels = {
      "Game Date", "Game Time", "Matchup", "Team", "Player Name", "Current Status", "Reason"};
  std::vector<PdfPageText> pages;
  for (size_t first = 0; first < rows.size() || pages.empty(); first += layout.rows_per_page) {
    PdfPageText page = {{290, 50, layout.title, 16}};
    double y = 90;
    if (pages.empty() && layout.header) {
      for (size_t c = 0; c < 7; ++c) page.push_back({layout.columns[c] - 1, y, kLabels[c], 10});
      y += layout.pitch;
    }
    for (size_t r = first; r < rows.size() && r < first + layout.rows_per_page;
         ++r, y += layout.pitch) {
      for (size_t c = 0; c < 7; ++c) {
        if (!rows[r][c].empty()) page.push_back({layout.columns[c], y, rows[r][c], 9});
      }
    }
    pages.push_back(std::move(page));
    if (rows.empty()) break;
  }
  if (layout.footer) {
    for (size_t p = 0; p < pages.size(); ++p) {
      pages[p].push_back(
          {400, 560, "Page " + std::to_string(p + 1) + " of " + std::to_string(pages.size()), 9});
    }
  }
  return pages;
}

// tests/data/injury_report_synthetic.pdf, a fuzz seed small enough to mutate fast (no
// embedded fonts, plain content streams): these rows, three to a page.
inline const std::vector<ReportRow>& SyntheticReportRows() {
  static const std::vector<ReportRow> rows = {
      {"01/04/2024", "07:30 (ET)", "MIL@SAS", "Milwaukee Bucks", "", "", "NOT YET SUBMITTED"},
      {"", "", "", "San Antonio Spurs", "Duke Jr., David", "Out", "G League - Two-Way"},
      {"", "", "", "", "Branham, Malaki", "Doubtful", "Injury/Illness - Right Ankle; Sprain"},
      {"", "10:00 (ET)", "DEN@GSW", "Golden State Warriors", "Payton II, Gary", "Questionable",
       "Injury/Illness - Left Hamstring; Strain"},
      {"", "", "", "", "Green, Draymond", "Available", "League Suspension"},
  };
  return rows;
}
inline std::string SyntheticReportPdf() {
  ReportLayout layout;
  layout.rows_per_page = 3;
  return MakePdf(ReportPages(SyntheticReportRows(), layout));
}

}  // namespace backcourt::testing
