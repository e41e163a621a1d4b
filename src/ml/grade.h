#pragma once
// grade: a stored model judged against the betting line on the player-games of a date range
// that have a line (player_prop_lines: the consensus row, or one book's) and a result
// (player_game_features: target minutes > 0). The model scores the built feature rows of
// each date through PredictDate, so grade sees what predict would have printed that day.
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ml/evaluation.h"
#include "ml/grading.h"
#include "store/db.h"
#include "tables/market_lines.h"

namespace backcourt {

struct GradeOptions {
  std::string start_date, end_date;  // game dates, inclusive; both required
  std::string model_path;            // empty: the latest model in model_runs
  std::string book;                  // empty: the consensus line; else that book's line
  // The bets the record keeps (side OVER/UNDER; below it PASS) and an extra bucket when it
  // is not one of 0, 1, 2, 3.
  double min_edge = 0;
  bool record = false;  // write the graded rows into `predictions` (needs a writable store)
  // A second model scored on the same graded rows: this file; empty: the model's twin
  // without availability when train stored one (see TrainOptions::availability_twin).
  std::string compare_model_path;
  // Off here (daily and report grade one model); the grade command turns it on unless
  // --no-compare, train for its test range.
  bool compare = false;
};

// One lined player-game that has a result.
struct GradedRow {
  PropLine line;
  std::string team, opponent;  // from the feature row
  GradeInput input;
  Bet bet;
};

// The second model on exactly the graded rows (its predictions, the same lines and results).
struct GradeComparison {
  int64_t model_id = 0;  // 0 when the file is not in model_runs
  std::string model_path;
  bool twin = false;     // the model's twin without availability
  Grading grading;
  // The model's absolute error minus the second model's, by row, dates as clusters.
  PairedDifference mae_difference;
};

struct GradeReport {
  int64_t model_id = 0;  // 0 when the model file is not in model_runs (and not recorded)
  std::string model_path;
  bool model_registered = false;  // --record registered the file in model_runs just now
  std::string line_basis;  // "consensus" or the book key
  // The snapshots the lines came from: earliest and latest captured_at, and lines without one.
  std::optional<std::string> captured_first, captured_last;
  int64_t lines_without_capture = 0;
  // Every lined player-game of the range falls in exactly one of these.
  int64_t lined = 0;
  int64_t graded = 0;            // == rows.size()
  int64_t unplayed_lined = 0;    // the game has a result, the player did not play (or 0 min)
  int64_t unresolved_lined = 0;  // no NBA.com id for the name, and no result under it
  int64_t no_history = 0;        // played, but no earlier game this season (no last-10)
  int64_t no_result = 0;         // the game is not built (or not played) yet
  std::vector<GradedRow> rows;   // by date, game, player
  Grading grading;               // buckets 0, 1, 2, 3 (and min_edge when another)
  std::optional<GradeComparison> comparison;
  int64_t recorded = 0;          // rows written with `record`
};

Result<GradeReport> GradeRange(Db& db, const GradeOptions& options);

}  // namespace backcourt
