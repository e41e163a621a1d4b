#include "ml/grading.h"

#include <fmt/format.h>

#include <cmath>

namespace backcourt {
namespace {

// Calibration edges: (-inf,-3), [-3,-2), ..., [2,3), [3,inf).
const double kCalibrationEdges[] = {-3, -2, -1, 0, 1, 2, 3};

std::vector<CalibrationBin> EmptyCalibration() {
  std::vector<CalibrationBin> bins;
  std::optional<double> low;
  for (double edge : kCalibrationEdges) {
    CalibrationBin bin;
    bin.low = low, bin.high = edge;
    bins.push_back(bin);
    low = edge;
  }
  CalibrationBin last;
  last.low = low;
  bins.push_back(last);
  return bins;
}

CalibrationBin& BinOf(std::vector<CalibrationBin>& bins, double edge) {
  for (CalibrationBin& bin : bins) {
    if (!bin.high || edge < *bin.high) return bin;
  }
  return bins.back();
}

}  // namespace

const char* SideName(Side side) {
  switch (side) {
    case Side::kOver:
      return "OVER";
    case Side::kUnder:
      return "UNDER";
    case Side::kNone:
      break;
  }
  return "";
}

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kWin:
      return "win";
    case Outcome::kLoss:
      return "loss";
    case Outcome::kPush:
      return "push";
    case Outcome::kNoBet:
      break;
  }
  return "";
}

Side ModelSide(double prediction, double line) {
  if (prediction > line) return Side::kOver;
  if (prediction < line) return Side::kUnder;
  return Side::kNone;
}

double WinProfit(double american_price) {
  return american_price > 0 ? american_price / 100 : 100 / -american_price;
}

Interval WilsonInterval(int64_t wins, int64_t trials, double z) {
  const double n = static_cast<double>(trials), p = static_cast<double>(wins) / n;
  const double z2 = z * z, denominator = 1 + z2 / n;
  const double center = (p + z2 / (2 * n)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  return {center - half, center + half};
}

Bet BetOf(const GradeInput& row) {
  Bet bet;
  bet.edge = row.prediction - row.line;
  bet.side = ModelSide(row.prediction, row.line);
  if (bet.side == Side::kNone) return bet;
  const bool over = bet.side == Side::kOver;
  const std::optional<double>& price = over ? row.over_price : row.under_price;
  // A price of 0 is no American price at all (the smallest magnitude is 100).
  if (row.line_kind == "pickem" || !price || std::abs(*price) < 100) {
    bet.price = kAssumedPrice, bet.assumed_price = true;
  } else {
    bet.price = *price, bet.book = over ? row.over_book : row.under_book;
  }
  if (row.actual == row.line) {
    bet.outcome = Outcome::kPush;
  } else {
    bet.outcome = (row.actual > row.line) == over ? Outcome::kWin : Outcome::kLoss;
  }
  return bet;
}

std::string CalibrationBin::Label() const {
  if (!low) return fmt::format("<{:g}", *high);
  if (!high) return fmt::format(">={:g}", *low);
  return fmt::format("{:g}..{:g}", *low, *high);
}

Grading Grade(const std::vector<GradeInput>& rows, const std::vector<double>& min_edges) {
  Grading g;
  g.calibration = EmptyCalibration();
  for (double min_edge : min_edges) {
    EdgeBucket bucket;
    bucket.min_edge = min_edge;
    g.buckets.push_back(bucket);
  }
  for (const GradeInput& row : rows) {
    ++g.rows;
    g.mae_model += std::abs(row.actual - row.prediction);
    g.mae_line += std::abs(row.actual - row.line);
    g.mae_last10 += std::abs(row.actual - row.last10);
    ++g.line_kinds[row.line_kind];
    const Bet bet = BetOf(row);
    CalibrationBin& bin = BinOf(g.calibration, bet.edge);
    if (row.actual == row.line) {
      ++bin.pushes;
    } else {
      ++bin.rows;
      if (row.actual > row.line) ++bin.overs;
    }
    if (bet.side == Side::kNone) continue;
    for (EdgeBucket& b : g.buckets) {
      if (std::abs(bet.edge) < b.min_edge) continue;
      ++b.bets;
      if (bet.assumed_price) ++b.assumed_price_bets;
      if (bet.outcome == Outcome::kPush) ++b.pushes;
      if (bet.outcome == Outcome::kWin) ++b.wins, b.profit += WinProfit(bet.price);
      if (bet.outcome == Outcome::kLoss) ++b.losses, b.profit -= 1;
    }
  }
  if (g.rows > 0) {
    const double n = static_cast<double>(g.rows);
    g.mae_model /= n, g.mae_line /= n, g.mae_last10 /= n;
  }
  for (EdgeBucket& b : g.buckets) {
    const int64_t settled = b.wins + b.losses;
    if (settled == 0) continue;
    b.hit_rate = static_cast<double>(b.wins) / static_cast<double>(settled);
    b.ci95 = WilsonInterval(b.wins, settled);
    b.roi = b.profit / static_cast<double>(settled);
  }
  for (CalibrationBin& bin : g.calibration) {
    if (bin.rows > 0)
      bin.over_rate = static_cast<double>(bin.overs) / static_cast<double>(bin.rows);
  }
  return g;
}

}  // namespace backcourt
