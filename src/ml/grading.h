#pragma once
// Grading a points model against the betting line (DESIGN.md §7), as pure arithmetic on rows:
// MAE of the model, the line and last-10 on the same rows; the model's side and its hit rate
// by edge bucket with a 95% Wilson interval; ROI per unit at the best price of the side; a
// calibration table (edge -> realised over rate). No I/O: grade.h feeds it from the database.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace backcourt {

enum class Side { kNone, kOver, kUnder };
const char* SideName(Side side);  // "OVER", "UNDER", "" (none)

// OVER when prediction > line, UNDER when <, none when equal.
Side ModelSide(double prediction, double line);

// The price a pick'em line (fixed payout, no real price) is graded at.
inline constexpr double kAssumedPrice = -110;

struct GradeInput {
  double prediction = 0, line = 0, actual = 0, last10 = 0;
  std::optional<double> over_price, under_price;  // American; best price of each side
  std::string line_kind = "book";                 // "book" (real prices) or "pickem"
  std::string over_book, under_book;              // books of those prices
};

enum class Outcome { kNoBet, kWin, kLoss, kPush };
const char* OutcomeName(Outcome outcome);  // "win", "loss", "push", "" (no bet)

// The bet a row implies: its side, outcome, and the price it is settled at (real, or
// kAssumedPrice when the line is pick'em or the side has no price: then `assumed_price`).
struct Bet {
  Side side = Side::kNone;
  Outcome outcome = Outcome::kNoBet;
  double edge = 0;  // prediction - line
  double price = 0;
  bool assumed_price = false;
  std::string book;  // the book of the price; empty when assumed
};
Bet BetOf(const GradeInput& row);

// Profit of one unit staked at an American price when the bet wins (+150 -> 1.5, -110 ->
// 0.909...); a loss costs the unit, a push returns it.
double WinProfit(double american_price);

struct Interval {
  double low = 0, high = 0;
};
inline constexpr double kZ95 = 1.959963984540054;  // the normal quantile of a 95% interval
// 95% Wilson score interval of `wins` out of `trials` (trials > 0).
Interval WilsonInterval(int64_t wins, int64_t trials, double z = kZ95);

// Bets with |edge| >= min_edge (and a side). A push is neither a win nor a loss: hit rate and
// ROI are over the settled bets (wins + losses), a pushed stake is returned.
struct EdgeBucket {
  double min_edge = 0;
  int64_t bets = 0, wins = 0, losses = 0, pushes = 0;
  int64_t assumed_price_bets = 0;  // settled at kAssumedPrice (pick'em, or no price)
  double profit = 0;               // units, over the settled bets
  std::optional<double> hit_rate;  // wins / (wins + losses); none without a settled bet
  std::optional<Interval> ci95;
  std::optional<double> roi;  // profit / (wins + losses)
};

// Rows whose edge lies in [low, high) (no bound: open), pushes apart.
struct CalibrationBin {
  std::optional<double> low, high;
  int64_t rows = 0, overs = 0, pushes = 0;  // rows: settled (actual != line)
  std::optional<double> over_rate;          // overs / rows
  std::string Label() const;                // "<-3", "-3..-2", ..., ">=3"
};

struct Grading {
  int64_t rows = 0;
  double mae_model = 0, mae_line = 0, mae_last10 = 0;
  std::vector<EdgeBucket> buckets;  // one per requested min edge, in order
  std::vector<CalibrationBin> calibration;
  std::map<std::string, int64_t> line_kinds;  // rows per line kind
};

inline const std::vector<double>& DefaultEdgeBuckets() {
  static const std::vector<double> kBuckets = {0, 1, 2, 3};
  return kBuckets;
}

Grading Grade(const std::vector<GradeInput>& rows,
              const std::vector<double>& min_edges = DefaultEdgeBuckets());

}  // namespace backcourt
