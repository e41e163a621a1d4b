#pragma once
// The pure rules that turn betting-line snapshots into the lines a table keeps (DESIGN.md §3):
// which snapshot of a book counts (the last captured strictly before tip), which of a book's
// lines is its main line, and the consensus over books. No I/O: unit-tested on synthetic rows.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace backcourt {

// One line a book listed in one snapshot: a point and its two prices (American). For props
// and totals the sides are over/under; for spreads home/away.
struct PricedLine {
  double point = 0;
  std::optional<double> over, under;
};

// The rows of the snapshot to use among `rows` (each with an optional<string> `captured_at`,
// canonical UTC text): those of the latest capture time strictly before `tip`. A snapshot at
// or after tip is never used. Untimed rows (no captured_at) are used only when no timed
// snapshot qualifies and `allow_untimed`; empty when nothing qualifies.
template <class Row>
std::vector<const Row*> LastSnapshotBeforeTip(const std::vector<const Row*>& rows,
                                              const std::string& tip, bool allow_untimed) {
  const std::string* latest = nullptr;
  for (const Row* row : rows) {
    if (!row->captured_at || *row->captured_at >= tip) continue;
    if (latest == nullptr || *row->captured_at > *latest) latest = &*row->captured_at;
  }
  std::vector<const Row*> chosen;
  for (const Row* row : rows) {
    const bool pick = latest != nullptr ? row->captured_at && *row->captured_at == *latest
                                        : allow_untimed && !row->captured_at;
    if (pick) chosen.push_back(row);
  }
  return chosen;
}

// Implied probability of an American price: 100/(A+100) for A > 0, |A|/(|A|+100) otherwise.
double ImpliedProbability(double american);

// The index of the main line among a book's lines of one snapshot (not empty): lines with
// both prices first; among them the one whose two prices are closest (implied probabilities);
// ties go to the point nearest the median of the tied points, then to the lower point.
size_t MainLineIndex(const std::vector<PricedLine>& lines);

// How many distinct points other than `main` the lines list (alternate lines).
int64_t AlternateCount(const std::vector<PricedLine>& lines, double main);

// The median (mean of the middle two for an even count); nullopt for no values.
std::optional<double> Median(std::vector<double> values);

// One book's main line for one player-game, with every line it listed in that snapshot.
struct BookLine {
  std::string book;
  PricedLine main;
  std::vector<PricedLine> listed;  // the main line and its alternates
};

struct ConsensusLine {
  double line = 0;                          // median of the books' main lines
  std::optional<double> over_price, under_price;
  std::optional<std::string> over_book, under_book;
  int64_t books = 0;
};

// The consensus of books' main lines (not empty): the median line, and the best over and best
// under price (highest American) offered at exactly that line, main or alternate; when no book
// lists that line (an even count of books between two lines), the best price among the main
// lines nearest to it. Ties in price go to the book key that sorts first.
ConsensusLine ConsensusOf(const std::vector<BookLine>& books);

// Implied team points from a total and the home spread (< 0: home favoured):
// home = total/2 − spread/2, away = total/2 + spread/2.
struct ImpliedTotals {
  double home = 0, away = 0;
};
ImpliedTotals ImpliedTeamTotals(double total, double spread_home);

}  // namespace backcourt
