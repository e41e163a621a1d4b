#include "tables/line_picks.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace backcourt {

double ImpliedProbability(double american) {
  return american > 0 ? 100.0 / (american + 100.0) : -american / (-american + 100.0);
}

std::optional<double> Median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

size_t MainLineIndex(const std::vector<PricedLine>& lines) {
  // (one-sided, price gap) per line; the smallest wins, then the tie-break below.
  auto rank = [](const PricedLine& l) {
    const bool both = l.over && l.under;
    const double gap =
        both ? std::abs(ImpliedProbability(*l.over) - ImpliedProbability(*l.under)) : 0.0;
    return std::tuple<bool, double>{!both, gap};
  };
  constexpr double kSamePrice = 1e-9;
  auto best = rank(lines.front());
  for (const PricedLine& l : lines) {
    const auto r = rank(l);
    if (std::get<0>(r) < std::get<0>(best) ||
        (std::get<0>(r) == std::get<0>(best) && std::get<1>(r) < std::get<1>(best) - kSamePrice)) {
      best = r;
    }
  }
  std::vector<size_t> tied;
  std::vector<double> tied_points;
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto r = rank(lines[i]);
    if (std::get<0>(r) == std::get<0>(best) && std::get<1>(r) <= std::get<1>(best) + kSamePrice) {
      tied.push_back(i);
      tied_points.push_back(lines[i].point);
    }
  }
  const double median = *Median(tied_points);
  size_t pick = tied.front();
  for (size_t i : tied) {
    const double d = std::abs(lines[i].point - median), e = std::abs(lines[pick].point - median);
    if (d < e || (d == e && lines[i].point < lines[pick].point)) pick = i;
  }
  return pick;
}

int64_t AlternateCount(const std::vector<PricedLine>& lines, double main) {
  std::set<double> points;
  for (const PricedLine& l : lines) {
    if (l.point != main) points.insert(l.point);
  }
  return static_cast<int64_t>(points.size());
}

namespace {

// Keeps the higher price; equal prices keep the book that sorts first.
void Offer(const std::optional<double>& price, const std::string& book,
           std::optional<double>& best, std::optional<std::string>& best_book) {
  if (!price) return;
  if (!best || *price > *best || (*price == *best && book < *best_book)) {
    best = price;
    best_book = book;
  }
}

}  // namespace

ConsensusLine ConsensusOf(const std::vector<BookLine>& books) {
  ConsensusLine out;
  std::vector<double> mains;
  for (const BookLine& b : books) mains.push_back(b.main.point);
  out.line = *Median(mains);
  out.books = static_cast<int64_t>(books.size());
  for (const BookLine& b : books) {
    for (const PricedLine& l : b.listed) {
      if (l.point != out.line) continue;
      Offer(l.over, b.book, out.over_price, out.over_book);
      Offer(l.under, b.book, out.under_price, out.under_book);
    }
  }
  if (out.over_price || out.under_price) return out;
  double nearest = INFINITY;
  for (const BookLine& b : books) nearest = std::min(nearest, std::abs(b.main.point - out.line));
  for (const BookLine& b : books) {
    if (std::abs(b.main.point - out.line) != nearest) continue;
    Offer(b.main.over, b.book, out.over_price, out.over_book);
    Offer(b.main.under, b.book, out.under_price, out.under_book);
  }
  return out;
}

ImpliedTotals ImpliedTeamTotals(double total, double spread_home) {
  return {total / 2.0 - spread_home / 2.0, total / 2.0 + spread_home / 2.0};
}

}  // namespace backcourt
