#include "ingest/injury_report_layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/text.h"

namespace backcourt {
namespace {

constexpr std::string_view kTitlePrefix = "Injury Report:";
constexpr std::string_view kNotSubmitted = "NOT YET SUBMITTED";
// Words on one line have centres closer than this share of their height.
constexpr double kSameLineShare = 0.4;
// Cells start a little right of their header label (the sample: 1 pt): a word belongs to a
// column when it starts no more than this before the label.
constexpr double kColumnSlack = 3.0;
// A wrapped cell's lines sit within half a line of its row's centre line; the next row is
// nearly two lines away. A fragment farther than this from every row is a row of its own.
constexpr double kWrapReach = 1.5;
// A header row must show this many labels to count as one (and then all of them).
constexpr size_t kHeaderMinLabels = 4;

struct Line {
  std::vector<const PdfWord*> words;  // in x order
  double y = 0;                       // centre of the first word
  double height = 0;
  std::string text;
};

std::vector<Line> GroupLines(const PdfPage& page) {
  std::vector<const PdfWord*> words;
  for (const PdfWord& word : page.words) words.push_back(&word);
  std::stable_sort(words.begin(), words.end(), [](const PdfWord* a, const PdfWord* b) {
    return a->y_center() < b->y_center();
  });
  std::vector<Line> lines;
  for (const PdfWord* word : words) {
    const double height = std::max(word->height(), 1.0);
    if (lines.empty() || std::abs(word->y_center() - lines.back().y) >
                             kSameLineShare * std::max(height, lines.back().height)) {
      lines.push_back(Line{{}, word->y_center(), height, ""});
    }
    lines.back().words.push_back(word);
  }
  for (Line& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const PdfWord* a, const PdfWord* b) { return a->x0 < b->x0; });
    for (const PdfWord* word : line.words) line.text += (line.text.empty() ? "" : " ") + word->text;
  }
  return lines;
}

// Left edge of each column, from a line that shows the header labels; nullopt when the line
// is not a header. A header missing some labels refuses the report.
Result<std::optional<std::array<double, kInjuryColumnCount>>> HeaderColumns(const Line& line,
                                                                            int page) {
  std::array<double, kInjuryColumnCount> lefts{};
  std::vector<std::string> missing;
  size_t found = 0;
  for (size_t column = 0; column < kInjuryColumnCount; ++column) {
    const std::vector<std::string_view> label = SplitWords(InjuryColumnLabels()[column]);
    bool matched = false;
    for (size_t w = 0; !matched && w + label.size() <= line.words.size(); ++w) {
      matched =
          std::equal(label.begin(), label.end(), line.words.begin() + static_cast<long>(w),
                     [](std::string_view part, const PdfWord* word) { return word->text == part; });
      if (matched) lefts[column] = line.words[w]->x0;
    }
    if (matched) {
      ++found;
    } else {
      missing.push_back(InjuryColumnLabels()[column]);
    }
  }
  if (found < kHeaderMinLabels) return std::optional<std::array<double, kInjuryColumnCount>>();
  if (!missing.empty()) {
    return InvalidInput(
        fmt::format("page {}: the table header lacks {}", page, fmt::join(missing, ", ")));
  }
  if (!std::is_sorted(lefts.begin(), lefts.end())) {
    return InvalidInput(fmt::format("page {}: the table header's columns are out of order", page));
  }
  return std::optional(lefts);
}

// "Page 2 of 3" -> {2, 3}.
std::optional<std::pair<int, int>> ParseFooter(std::string_view text) {
  const std::vector<std::string_view> parts = SplitWords(text);
  if (parts.size() != 4 || parts[0] != "Page" || parts[2] != "of") return std::nullopt;
  auto number = [](std::string_view digits) -> std::optional<int> {
    if (digits.empty() || digits.size() > 6) return std::nullopt;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  auto page = number(parts[1]);
  auto pages = number(parts[3]);
  if (!page || !pages) return std::nullopt;
  return std::pair(*page, *pages);
}

using Cells = std::array<std::string, kInjuryColumnCount>;

Cells CellsOf(const Line& line, const std::array<double, kInjuryColumnCount>& lefts) {
  Cells cells;
  for (const PdfWord* word : line.words) {
    size_t column = 0;
    for (size_t c = 0; c < kInjuryColumnCount; ++c) {
      if (word->x0 >= lefts[c] - kColumnSlack) column = c;
    }
    std::string& cell = cells[column];
    cell += (cell.empty() ? "" : " ") + word->text;
  }
  return cells;
}

// A line that holds only the continuation of a player's name or of a reason.
bool IsFragment(const Cells& cells) {
  for (InjuryColumn column :
       {InjuryColumn::kGameDate, InjuryColumn::kGameTime, InjuryColumn::kMatchup,
        InjuryColumn::kTeam, InjuryColumn::kCurrentStatus}) {
    if (!cells[static_cast<size_t>(column)].empty()) return false;
  }
  return cells[static_cast<size_t>(InjuryColumn::kReason)] != kNotSubmitted;
}

struct BodyLine {
  Cells cells;
  double y = 0;
  double height = 0;
};

// Rows of one page: fragments join the nearest row within reach, in top-to-bottom order.
std::vector<InjuryTableRow> RowsOfPage(const std::vector<BodyLine>& lines, int page) {
  std::vector<size_t> anchors;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsFragment(lines[i].cells)) anchors.push_back(i);
  }
  std::vector<std::vector<size_t>> members(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    std::optional<size_t> nearest;
    double distance = 0;
    if (IsFragment(lines[i].cells)) {
      for (size_t anchor : anchors) {
        const double d = std::abs(lines[anchor].y - lines[i].y);
        if (!nearest || d < distance) {
          nearest = anchor;
          distance = d;
        }
      }
    }
    if (nearest && distance <= kWrapReach * lines[i].height) {
      members[*nearest].push_back(i);
    } else {
      members[i].push_back(i);
    }
  }
  std::vector<InjuryTableRow> rows;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (members[i].empty()) continue;
    std::sort(members[i].begin(), members[i].end());  // lines are in y order
    InjuryTableRow& row = rows.emplace_back();
    row.page = page;
    for (size_t member : members[i]) {
      for (size_t c = 0; c < kInjuryColumnCount; ++c) {
        const std::string& part = lines[member].cells[c];
        if (part.empty()) continue;
        row.cells[c] += (row.cells[c].empty() ? "" : " ") + part;
      }
    }
  }
  return rows;
}

}  // namespace

const std::array<std::string, kInjuryColumnCount>& InjuryColumnLabels() {
  static const std::array<std::string, kInjuryColumnCount> labels = {
      "Game Date", "Game Time", "Matchup", "Team", "Player Name", "Current Status", "Reason"};
  return labels;
}

Result<InjuryReportTable> LayOutInjuryReport(const std::vector<PdfPage>& pages) {
  InjuryReportTable table;
  std::optional<std::array<double, kInjuryColumnCount>> columns;
  const int page_count = static_cast<int>(pages.size());
  for (const PdfPage& page : pages) {
    const int number = page.number;
    if (page.words.empty()) {
      return InvalidInput(fmt::format("page {}: no text (an image or a damaged page)", number));
    }
    std::optional<std::string> title;
    std::vector<BodyLine> body;
    bool header_seen = false;
    for (const Line& line : GroupLines(page)) {
      if (line.text.starts_with(kTitlePrefix)) {
        title = std::string(Trim(line.text.substr(kTitlePrefix.size())));
        continue;
      }
      if (auto footer = ParseFooter(line.text)) {
        if (footer->first != number || footer->second != page_count) {
          return InvalidInput(fmt::format("page {}: its footer says '{}' but the file has {} pages",
                                          number, line.text, page_count));
        }
        continue;
      }
      BC_ASSIGN_OR_RETURN(auto header, HeaderColumns(line, number));
      if (header) {
        columns = header;
        header_seen = true;
        body.clear();  // anything above the header is not the table
        continue;
      }
      if (number == 1 && !header_seen) continue;
      if (columns) body.push_back(BodyLine{CellsOf(line, *columns), line.y, line.height});
    }
    if (number == 1) {
      if (!title) {
        return InvalidInput("page 1: no title 'Injury Report: MM/DD/YY hh:mm AM|PM'");
      }
      if (!columns) {
        return InvalidInput(fmt::format("page 1: no injury report table (no header row {})",
                                        fmt::join(InjuryColumnLabels(), ", ")));
      }
      table.title_time = *title;
    } else if (title && *title != table.title_time) {
      return InvalidInput(fmt::format("page {}: its title says '{}' but page 1 says '{}'", number,
                                      Abbreviate(*title, 80), Abbreviate(table.title_time, 80)));
    }
    for (InjuryTableRow& row : RowsOfPage(body, number)) table.rows.push_back(std::move(row));
  }
  if (table.rows.empty()) return InvalidInput("page 1: the table has no rows");
  return table;
}

}  // namespace backcourt
