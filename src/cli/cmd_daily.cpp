// backcourt daily [--date D] [--out DIR] [--landing DIR] [--model FILE] [--no-odds]
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <chrono>

#include "cli/cli.h"
#include "cli/command_util.h"
#include "cli/date_options.h"
#include "core/timestamp.h"
#include "engine/daily.h"

namespace backcourt {
namespace {

// Exit codes a scheduler reads (documented in --help and the README).
constexpr int kExitComplete = 0;
constexpr int kExitFailed = 1;
constexpr int kExitPending = 75;  // EX_TEMPFAIL: nothing failed, run again later

class DailyCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    AddDateOption(app, "--date", date_,
                  "The day to predict (default: today in US Eastern time); results are those "
                  "of the day before");
    app.add_option("--out", options_.out_dir, "Folder of the prediction files")
        ->capture_default_str();
    app.add_option("--landing", options_.landing_dir, "Landing folder of the fetched responses")
        ->capture_default_str();
    app.add_option("--model", options_.model_path, "Model file (default: the latest trained)");
    app.add_flag("--no-odds", no_odds_, "Do not fetch The Odds API lines (no ODDS_API_KEY)");
    app.add_option("--workers", options_.workers, "Backfill threads (default: the machine's cores)")
        ->check(CLI::Range(1, 256));
    app.add_option("--timeout", timeout_s_, "Seconds for a whole request")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--retries", retries_, "Retries after a failed request")
        ->capture_default_str()
        ->check(CLI::Range(0, 20));
    app.add_option("--min-interval-ms", interval_ms_, "Milliseconds between requests to a host")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    app.add_option("--quota-reserve", options_.fetch.quota_reserve,
                   "Odds API units never spent: stop before going below")
        ->capture_default_str();
    app.footer(
        "For the day before D: fetch the results (NBA.com leaguegamelog, players and teams, every\n"
        "season type, and the box scores of its games), ingest them, backfill what changed in\n"
        "the season up to that day, validate it, grade that day's predictions. For D: fetch the\n"
        "schedule (NBA CDN) and the lines (The Odds API, key in ODDS_API_KEY), ingest them,\n"
        "predict, and write <out>/predictions_D.csv and .json atomically (recorded in the\n"
        "predictions table). One progress line per step, then one status line.\n"
        "A rerun changes nothing: fetch asks only for what expired, unchanged files are not\n"
        "ingested again, the backfill runs only when its plan has work, and the predictions\n"
        "are written and recorded only when they changed.\n"
        "Exit codes: 0 the day is complete; 75 pending: nothing failed but a game of the day\n"
        "before is not final yet (run again later); 1 a step failed; 2 usage error.\n"
        "Base URLs: BACKCOURT_NBA_STATS_URL, BACKCOURT_NBA_CDN_URL, BACKCOURT_ODDS_API_URL.");
  }

  int Run(CliContext& ctx) override {
    const auto now = std::chrono::system_clock::now();
    options_.date = date_.empty()
                        ? UsEasternDate(std::chrono::duration_cast<std::chrono::seconds>(
                                            now.time_since_epoch())
                                            .count())
                              .ToIso()
                        : date_;
    options_.db_path = ctx.db_path;
    options_.command_line = ctx.command_line;
    options_.fetch_odds = !no_odds_;
    options_.fetch.http.total_timeout =
        std::chrono::milliseconds(static_cast<int64_t>(timeout_s_ * 1000));
    options_.fetch.retry.max_attempts = retries_ + 1;
    options_.fetch.min_interval = std::chrono::milliseconds(interval_ms_);
    int step_number = 0;
    auto report = RunDaily(options_, [&](const DailyStep& step) {
      fmt::print(ctx.out, "daily [{}/{}] {:<24} {:<7} {}\n", ++step_number, kSteps, step.name,
                 StepStateName(step.state), step.detail);
    });
    if (!report) return PrintError(ctx, report.error(), "daily");
    fmt::print(ctx.out, "{}\n", report->StatusLine());
    switch (report->outcome()) {
      case DayOutcome::kComplete:
        return kExitComplete;
      case DayOutcome::kPending:
        return kExitPending;
      case DayOutcome::kFailed:
        return kExitFailed;
    }
    return kExitFailed;
  }

 private:
  static constexpr int kSteps = 8;
  DailyOptions options_;
  std::string date_;
  bool no_odds_ = false;
  double timeout_s_ = 120;
  int retries_ = 3;
  int64_t interval_ms_ = 1000;
};

}  // namespace

std::unique_ptr<Command> MakeDailyCommand() { return std::make_unique<DailyCommand>(); }

}  // namespace backcourt
