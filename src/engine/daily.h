#pragma once
// daily: the one run a scheduler starts each morning (DESIGN.md §6). For the day before D:
// fetch the results, ingest them, backfill what changed, validate the season so far, grade
// that day's predictions; for D: fetch the schedule and the lines, ingest them, predict and
// write the predictions (CSV and JSON). A rerun changes nothing: fetch skips what is fresh,
// ingest skips unchanged files, backfill runs only when its plan has work, validation is
// recorded only with a backfill, and predictions are recorded and written only when they
// differ from the files already written.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "fetch/fetcher.h"

namespace backcourt {

struct DailyOptions {
  std::string date;                   // D, ISO: predictions for D, results of D - 1
  std::string db_path = "backcourt.db";
  std::string landing_dir = "landing";   // where fetch saves the responses
  std::string out_dir = "predictions";   // predictions_D.csv and predictions_D.json
  std::string model_path;             // empty: the latest trained model
  bool fetch_odds = true;             // The Odds API lines for D (needs ODDS_API_KEY)
  FetchOptions fetch;                 // its out_dir is replaced by landing_dir; its clock
                                      // (`now`) decides what "today" is for expiries
  int workers = 0;                    // backfill threads; 0: the machine's cores
  std::string command_line;           // recorded with the backfill's run
};

enum class StepState { kOk, kPending, kSkipped, kFailed };
const char* StepStateName(StepState state);

struct DailyStep {
  std::string name;    // "fetch results", "ingest", "backfill", ...
  StepState state = StepState::kOk;
  std::string detail;  // one line: counts, or why it failed
};

enum class DayOutcome {
  kComplete,  // every step ok (or skipped by choice) and every game of D - 1 final
  kPending,   // nothing failed, but a game of D - 1 is not final yet: run again later
  kFailed,    // a step failed
};

struct DailyReport {
  std::string date, results_date;  // D and D - 1
  std::vector<DailyStep> steps;
  std::vector<std::string> pending_games;  // "0022400975 WAS@DEN in_progress"
  int64_t predictions = 0;
  bool predictions_changed = false;  // written (and recorded) by this run
  std::string csv_path, json_path;

  DayOutcome outcome() const;
  // "daily 2025-03-16: complete: ..." — what a scheduler's log shows.
  std::string StatusLine() const;
};

// Runs every step, in order, going on after a failed one where the next can still do
// useful work (predictions are written even when yesterday's fetch failed). `on_step` is
// called after each step (progress lines). An error is one that stops the run at once (the
// database cannot be opened).
Result<DailyReport> RunDaily(const DailyOptions& options,
                             const std::function<void(const DailyStep&)>& on_step = {});

}  // namespace backcourt
