#include "engine/daily.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>

#include "core/files.h"
#include "core/season.h"
#include "core/timestamp.h"
#include "engine/backfill.h"
#include "engine/lease.h"
#include "engine/resolved_schedule.h"
#include "fetch/sources.h"
#include "ingest/ingest.h"
#include "ingest/raw_rows.h"
#include "ml/grade.h"
#include "ml/predict.h"
#include "ml/prediction_files.h"
#include "store/model_store.h"
#include "store/raw_store.h"
#include "store/schema.h"
#include "validate/validate.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

// What one run carries from step to step.
struct DayRun {
  const DailyOptions& options;
  Date date, results_date;
  Date today;  // the US Eastern date of the injected clock, for fetch expiries
  // Landing files to ingest, in fetch order, by the format to read them as ("": detect).
  std::vector<std::pair<std::string, std::string>> landed;
  DailyReport report;
};

std::string FirstDateOfSeason(Date date) { return Season::Of(date).first().ToIso(); }

// The fetcher knows what it asked for: an Odds API events list of a day without games
// ("[]", or a historical "data": []) holds nothing a detector could recognise, yet it is an
// answer, not an unknown file.
std::string FormatOfSource(const std::string& source) {
  return source == "odds-api" ? "odds-api-json" : "";
}

DailyStep FetchStep(DayRun& run, const std::string& name,
                    const std::vector<std::unique_ptr<Source>>& sources, Date season_of,
                    Date date) {
  FetchScope scope;
  scope.season = Season::Of(season_of).label();
  scope.date = date;
  scope.today = run.today;
  FetchOptions fetch = run.options.fetch;
  fetch.out_dir = run.options.landing_dir;
  auto report = RunFetch(sources, scope, fetch);
  if (!report) return {name, StepState::kFailed, report.error().message()};
  std::string failures;
  for (const RequestOutcome& o : report->outcomes) {
    if (o.action == FetchAction::kFailed) {
      failures += fmt::format("; {}: {}", o.url.empty() ? o.source : o.url, o.reason);
    } else {
      run.landed.emplace_back((fs::path(run.options.landing_dir) / o.file).string(),
                              FormatOfSource(o.source));
    }
  }
  std::string detail = fmt::format("{} fetched, {} unchanged, {} skipped (fresh), {} failed",
                                   report->Count(FetchAction::kFetched),
                                   report->Count(FetchAction::kUnchanged),
                                   report->Count(FetchAction::kSkipped),
                                   report->Count(FetchAction::kFailed));
  if (!report->quota.empty()) detail += "; The Odds API quota: " + report->quota;
  return {name, report->ok() ? StepState::kOk : StepState::kFailed, detail + failures};
}

DailyStep IngestStep(DayRun& run, Db& db) {
  std::map<std::string, std::vector<std::string>> by_format;
  std::set<std::string> seen;
  for (const auto& [path, format] : run.landed) {
    if (seen.insert(path).second) by_format[format].push_back(path);
  }
  if (seen.empty()) return {"ingest", StepState::kSkipped, "nothing landed"};
  std::map<IngestAction, int> counts;
  int64_t rows = 0;
  std::string refused;
  for (const auto& [format, paths] : by_format) {
    IngestOptions options;
    options.format = format;
    auto report = Ingest(db, paths, options);
    if (!report) return {"ingest", StepState::kFailed, report.error().message()};
    for (const FileOutcome& f : report->files) {
      counts[f.action]++;
      if (f.action == IngestAction::kLoaded || f.action == IngestAction::kReplaced) rows += f.rows;
      if (f.action == IngestAction::kRefused) refused += fmt::format("; {}: {}", f.path, f.error);
    }
  }
  return {"ingest", refused.empty() ? StepState::kOk : StepState::kFailed,
          fmt::format("{} file(s): {} loaded, {} replaced, {} unchanged, {} not inputs, {} "
                      "refused; {} rows{}",
                      seen.size(), counts[IngestAction::kLoaded], counts[IngestAction::kReplaced],
                      counts[IngestAction::kUnchanged], counts[IngestAction::kSkipped],
                      counts[IngestAction::kRefused], rows, refused)};
}

// Every game of D - 1 must be final (or postponed, cancelled) for the day to be complete.
DailyStep ResultsStep(DayRun& run, Db& db) {
  const std::string day = run.results_date.ToIso();
  // The day's games as the resolver placed them (a final row of any source wins its game).
  auto games = ResolvedGames(db, day, day);
  if (!games) return {"results", StepState::kFailed, games.error().message()};
  int final_games = 0;
  for (const Game& game : *games) {
    if (game.final()) ++final_games;
    if (game.status == kStatusScheduled || game.status == kStatusInProgress) {
      run.report.pending_games.push_back(fmt::format("{} {}@{} {}", game.game_id, game.away_team,
                                                     game.home_team, game.status));
    }
  }
  if (games->empty()) return {"results", StepState::kOk, fmt::format("no games on {}", day)};
  if (!run.report.pending_games.empty()) {
    return {"results", StepState::kPending,
            fmt::format("{} of {} game(s) not final yet: {}", run.report.pending_games.size(),
                        games->size(), fmt::join(run.report.pending_games, ", "))};
  }
  return {"results", StepState::kOk, fmt::format("{} final game(s) on {}", final_games, day)};
}

// Plans first (read-only): a run with nothing to build neither takes the lease nor records
// a run, so a rerun leaves the database as it was.
DailyStep BackfillStep(DayRun& run, Db& db, int64_t& run_id) {
  BackfillOptions options;
  options.start_date = FirstDateOfSeason(run.results_date);
  options.end_date = run.results_date.ToIso();
  options.workers = run.options.workers;
  options.command_line = run.options.command_line;
  options.dry_run = true;
  auto plan = RunBackfill(db, Registry::Default(), options);
  if (!plan) return {"backfill", StepState::kFailed, plan.error().message()};
  int64_t to_run = 0;
  for (const PlannedPartition& p : plan->plan) to_run += p.action == PlanAction::kRun ? 1 : 0;
  const std::string range = fmt::format("{}..{}", options.start_date, options.end_date);
  if (to_run == 0) {
    return {"backfill", StepState::kOk,
            fmt::format("nothing changed in {} ({} partitions fresh)", range, plan->plan.size())};
  }
  auto lease = Lease::Acquire(run.options.db_path, run.options.command_line);
  if (!lease) return {"backfill", StepState::kFailed, lease.error().message()};
  options.dry_run = false;
  auto result = RunBackfill(db, Registry::Default(), options);
  if (!result) {
    (void)(*lease)->CloseRunningRuns("failed");
    return {"backfill", StepState::kFailed, result.error().message()};
  }
  run_id = result->run_id;
  int64_t ok = 0, partial = 0, gaps = 0;
  for (const auto& [table, s] : result->tables) ok += s.ok, partial += s.partial, gaps += s.gaps;
  std::string detail = fmt::format("{}: {} partition(s) run: {} ok, {} partial ({} gaps), {} "
                                   "failed or blocked",
                                   range, to_run, ok, partial, gaps, result->failures.size());
  for (const FailedPartition& f : result->failures) {
    detail += fmt::format("; {} {} {}: {}", f.table, f.date, ToString(f.status), f.reason);
  }
  return {"backfill", result->passed() ? StepState::kOk : StepState::kFailed, detail};
}

DailyStep ValidateStep(DayRun& run, Db& db, int64_t backfill_run_id) {
  ValidateOptions options;
  options.start_date = FirstDateOfSeason(run.results_date);
  options.end_date = run.results_date.ToIso();
  // Recorded under the backfill that built something; otherwise only read.
  options.record = backfill_run_id != 0;
  options.run_id = backfill_run_id;
  auto result = Validate(db, options);
  if (!result) return {"validate", StepState::kFailed, result.error().message()};
  if (result->expected_games == 0) {
    return {"validate", StepState::kSkipped,
            fmt::format("no final game in {}..{}", options.start_date, options.end_date)};
  }
  const auto failed = result->Failed();
  std::string detail = fmt::format("{} checks over {}..{} ({} final games, {} gaps listed)",
                                   result->checks.size(), result->start_date, result->end_date,
                                   result->expected_games, result->gaps.size());
  if (result->passed()) return {"validate", StepState::kOk, "pass: " + detail};
  for (const CheckResult* c : failed) {
    if (c->blocks()) detail += fmt::format("; {}.{}: {}", c->table, c->check, c->message);
  }
  return {"validate", StepState::kFailed, "fail: " + detail};
}

// Grades D - 1 against its lines and records the grades in `predictions` — once, and again
// only when the backfill rebuilt something (the grades' inputs are derived tables), so a
// rerun writes nothing.
DailyStep GradeStep(DayRun& run, Db& db, bool rebuilt) {
  GradeOptions options;
  options.start_date = options.end_date = run.results_date.ToIso();
  options.model_path = run.options.model_path;
  auto report = GradeRange(db, options);
  if (!report) return {"grade", StepState::kFailed, report.error().message()};
  if (report->graded == 0) {
    return {"grade", StepState::kSkipped,
            fmt::format("nothing to grade on {}: {} lined player-game(s), {} without a result",
                        options.start_date, report->lined, report->no_result)};
  }
  const Grading& g = report->grading;
  std::string detail = fmt::format("{} of {} lined player-game(s) graded (model {}): MAE model "
                                   "{:.2f}, line {:.2f}, last-10 {:.2f}",
                                   report->graded, report->lined, report->model_id, g.mae_model,
                                   g.mae_line, g.mae_last10);
  if (report->model_id == 0) return {"grade", StepState::kOk, detail + "; not recorded"};
  auto graded = ModelStore(db).CountGraded(report->model_id, options.start_date,
                                           options.end_date);
  if (!graded) return {"grade", StepState::kFailed, graded.error().message()};
  if (*graded > 0 && !rebuilt) return {"grade", StepState::kOk, detail + "; already recorded"};
  options.record = true;
  if (auto recorded = GradeRange(db, options); !recorded) {
    return {"grade", StepState::kFailed, recorded.error().message()};
  }
  return {"grade", StepState::kOk, detail + "; recorded in predictions"};
}

// Writes the files and records the predictions only when they differ from the files
// already written: the same predictions leave both the folder and the database as they were.
DailyStep PredictStep(DayRun& run, Db& db) {
  PredictOptions options;
  options.date = run.date.ToIso();
  options.model_path = run.options.model_path;
  auto report = PredictDate(db, options);
  if (!report) return {"predict", StepState::kFailed, report.error().message()};
  const std::string csv = PredictionsCsv(*report), json = PredictionsJson(*report, options.date);
  const fs::path dir = run.options.out_dir;
  DailyReport& r = run.report;
  r.predictions = static_cast<int64_t>(report->players.size());
  r.csv_path = (dir / fmt::format("predictions_{}.csv", options.date)).string();
  r.json_path = (dir / fmt::format("predictions_{}.json", options.date)).string();
  auto old_csv = ReadWholeFile(r.csv_path);
  auto old_json = ReadWholeFile(r.json_path);
  const std::string what = fmt::format("{} player(s) of {}{} with model {}", r.predictions,
                                       options.date, report->projected ? " (projected)" : "",
                                       report->model_id);
  if (old_csv && *old_csv == csv && old_json && *old_json == json) {
    return {"predict", StepState::kOk, what + ": unchanged, " + r.csv_path};
  }
  if (report->model_id != 0) {
    options.store = true;
    if (auto stored = PredictDate(db, options); !stored) {
      return {"predict", StepState::kFailed, stored.error().message()};
    }
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return {"predict", StepState::kFailed, dir.string() + ": " + ec.message()};
  for (const auto& [path, bytes] : {std::pair{r.csv_path, csv}, std::pair{r.json_path, json}}) {
    if (Status written = WriteFileAtomically(path, bytes); !written) {
      return {"predict", StepState::kFailed, written.error().message()};
    }
  }
  r.predictions_changed = true;
  return {"predict", StepState::kOk, what + ": written to " + r.csv_path + " and .json"};
}

}  // namespace

const char* StepStateName(StepState state) {
  switch (state) {
    case StepState::kOk:
      return "ok";
    case StepState::kPending:
      return "pending";
    case StepState::kSkipped:
      return "skipped";
    case StepState::kFailed:
      return "failed";
  }
  return "?";
}

DayOutcome DailyReport::outcome() const {
  bool pending = false;
  for (const DailyStep& s : steps) {
    if (s.state == StepState::kFailed) return DayOutcome::kFailed;
    pending = pending || s.state == StepState::kPending;
  }
  return pending ? DayOutcome::kPending : DayOutcome::kComplete;
}

std::string DailyReport::StatusLine() const {
  std::vector<std::string> parts;
  for (const DailyStep& s : steps) {
    if (s.state == StepState::kFailed) parts.push_back(s.name + " failed");
  }
  if (!pending_games.empty()) {
    parts.push_back(fmt::format("{} game(s) of {} not final yet", pending_games.size(),
                                results_date));
  }
  for (const DailyStep& s : steps) {
    if (s.state == StepState::kSkipped) parts.push_back(s.name + " skipped");
  }
  if (!csv_path.empty()) {
    parts.push_back(fmt::format("{} prediction(s) for {} {}", predictions, date,
                                predictions_changed ? "written to " + csv_path : "unchanged"));
  }
  const char* outcome_name = outcome() == DayOutcome::kComplete  ? "complete"
                             : outcome() == DayOutcome::kPending ? "pending (run again later)"
                                                                 : "failed";
  return fmt::format("daily {}: {}: {}", date, outcome_name, fmt::join(parts, "; "));
}

Result<DailyReport> RunDaily(const DailyOptions& options,
                             const std::function<void(const DailyStep&)>& on_step) {
  const auto date = Date::ParseIso(options.date);
  if (!date) return InvalidInput(fmt::format("--date {}: not YYYY-MM-DD", options.date));
  const auto now = options.fetch.now ? options.fetch.now() : std::chrono::system_clock::now();
  const int64_t now_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  DayRun run{options, *date, date->AddDays(-1), UsEasternDate(now_seconds), {}, {}};
  run.report.date = date->ToIso();
  run.report.results_date = run.results_date.ToIso();
  BC_ASSIGN_OR_RETURN(Db db, OpenStore(options.db_path));
  auto add = [&](DailyStep step) {
    if (on_step) on_step(step);
    run.report.steps.push_back(std::move(step));
  };
  add(FetchStep(run, "fetch results", MakeSources("nba-stats"), run.results_date,
                run.results_date));
  std::vector<std::unique_ptr<Source>> today = MakeSources("nba-cdn");
  if (options.fetch_odds) today.push_back(std::move(MakeSources("odds-api").front()));
  add(FetchStep(run, "fetch schedule and lines", today, run.date, run.date));
  add(IngestStep(run, db));
  add(ResultsStep(run, db));
  int64_t backfill_run_id = 0;
  add(BackfillStep(run, db, backfill_run_id));
  add(ValidateStep(run, db, backfill_run_id));
  add(GradeStep(run, db, backfill_run_id != 0));
  add(PredictStep(run, db));
  return std::move(run.report);
}

}  // namespace backcourt
