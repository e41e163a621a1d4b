// backcourt fetch SOURCE [--season S] [--date D] [--game ID]... [--out DIR]
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <optional>

#include "cli/cli.h"
#include "cli/command_util.h"
#include "core/progress.h"
#include "core/season.h"
#include "core/timestamp.h"
#include "fetch/fetcher.h"
#include "fetch/sources.h"

namespace backcourt {
namespace {

class FetchCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.add_option("source", source_, "nba-stats, nba-cdn, nba-injury, odds-api or all")
        ->required()
        ->check(CLI::IsMember(SourceNames()));
    app.add_option("--season", season_, "Season YYYY-YY (default: the season of --date or today)");
    app.add_option("--date", date_, "One US game date YYYY-MM-DD (default: the whole season)");
    app.add_option("--game", games_, "NBA.com game id for a box score (repeatable)");
    app.add_option("--out", options_.out_dir, "Landing folder")->capture_default_str();
    app.add_option("--timeout", timeout_s_, "Seconds for a whole request")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--connect-timeout", connect_timeout_s_, "Seconds to connect")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--retries", retries_, "Retries after a failed attempt")
        ->capture_default_str()
        ->check(CLI::Range(0, 20));
    app.add_option("--min-interval-ms", interval_ms_, "Milliseconds between requests to a host")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    app.add_option("--quota-reserve", options_.quota_reserve,
                   "Odds API units never spent: stop before going below")
        ->capture_default_str();
    app.add_flag("--quiet", quiet_, "Print only failures and the summary");
    app.footer(
        "Downloads into the landing folder, each response as received under a name derived\n"
        "from its request (nba_stats/, nba_cdn/, odds_api/), written atomically, with a line\n"
        "in manifest.jsonl (URL without secrets, time, status, bytes, sha256, expiry). A rerun\n"
        "fetches only what is missing or expired: final box scores and past dates never\n"
        "expire; today's schedule (1 h), logs (1-3 h) and lines (30 min) do.\n"
        "  nba-stats  leaguegamelog P and T for every season type (Regular Season, Playoffs,\n"
        "             PlayIn, IST); with --date, that date only plus its box scores\n"
        "             (boxscoretraditionalv3); --game adds box scores by id\n"
        "  nba-cdn    scheduleLeagueV2 (the CDN serves the current season only)\n"
        "  nba-injury the league's injury report PDFs of --date (default today): every hourly\n"
        "             slot (Injury-Report_YYYY-MM-DD_HHPM.pdf) and from 2025-26 every quarter\n"
        "             hour (..._HH_MMPM.pdf); slots not published (404/403) are skipped\n"
        "  odds-api   The Odds API v4 events of --date (default today) and each event's odds\n"
        "             (player_points, h2h, spreads, totals; US books); a past date uses the\n"
        "             historical endpoints at 15:00 UTC, before any tip. Key: ODDS_API_KEY.\n"
        "Base URLs: BACKCOURT_NBA_STATS_URL, BACKCOURT_NBA_CDN_URL, BACKCOURT_NBA_INJURY_URL,\n"
        "BACKCOURT_ODDS_API_URL.\n"
        "Timeouts, 429 (Retry-After honoured) and 5xx are retried with backoff; other 4xx,\n"
        "HTML pages and bodies that are not JSON fail at once and nothing is saved.\n"
        "Exit code 0 only when no request failed. Then: backcourt ingest DIR.");
  }

  int Run(CliContext& ctx) override {
    const auto now = std::chrono::system_clock::now();
    FetchScope scope;
    // The NBA's date (US Eastern, daylight saving included), as daily computes it.
    scope.today = UsEasternDate(
        std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count());
    scope.games = games_;
    if (!date_.empty()) {
      scope.date = Date::ParseIso(date_);
      if (!scope.date) return PrintError(ctx, fmt::format("--date {}: not YYYY-MM-DD", date_), 2);
    }
    const std::string season_of_date = Season::Of(scope.date.value_or(scope.today)).label();
    scope.season = season_.empty() ? season_of_date : season_;
    if (!Season::Parse(scope.season)) {
      return PrintError(ctx, fmt::format("--season {}: not a season (YYYY-YY)", season_), 2);
    }
    if (scope.date && scope.season != season_of_date) {
      return PrintError(
          ctx, fmt::format("--date {} is in season {}, not {}", date_, season_of_date, season_), 2);
    }
    options_.http.connect_timeout =
        std::chrono::milliseconds(static_cast<int64_t>(connect_timeout_s_ * 1000));
    options_.http.total_timeout =
        std::chrono::milliseconds(static_cast<int64_t>(timeout_s_ * 1000));
    options_.retry.max_attempts = retries_ + 1;
    options_.min_interval = std::chrono::milliseconds(interval_ms_);
    const auto sources = MakeSources(source_);
    auto report = RunFetch(sources, scope, options_, Callbacks(ctx));
    if (board_) board_->Finish();
    if (!report) return PrintError(ctx, report.error().message());
    Summarise(ctx, *report);
    return report->ok() ? 0 : 1;
  }

 private:
  FetchCallbacks Callbacks(CliContext& ctx) {
    FetchCallbacks callbacks;
    const bool terminal = &ctx.out == &std::cout && isatty(STDOUT_FILENO) == 1 && !quiet_;
    if (terminal) {
      callbacks.on_stage = [this, &ctx](const std::map<std::string, int64_t>& counts) {
        if (board_) board_->Finish();
        board_ = std::make_unique<ProgressBoard>(ctx.out, true);
        for (const auto& [source, count] : counts) board_->AddRow(source, count);
      };
    }
    callbacks.on_outcome = [this, &ctx, terminal](const RequestOutcome& o) {
      if (terminal && board_) {
        board_->Advance(o.source, o.action != FetchAction::kFailed, o.bytes);
        return;
      }
      if (quiet_ && o.action != FetchAction::kFailed) return;
      fmt::print(ctx.out, "{:<9} {:>3} {:>10} B  {}\n", FetchActionName(o.action),
                 o.status == 0 ? "-" : std::to_string(o.status), o.bytes,
                 o.file.empty() ? o.source : o.file);
    };
    return callbacks;
  }

  void Summarise(CliContext& ctx, const FetchReport& report) const {
    fmt::print(ctx.out, "FETCH SUMMARY: {} fetched, {} unchanged, {} skipped (fresh), {} failed\n",
               report.Count(FetchAction::kFetched), report.Count(FetchAction::kUnchanged),
               report.Count(FetchAction::kSkipped), report.Count(FetchAction::kFailed));
    for (const RequestOutcome& o : report.outcomes) {
      if (o.action != FetchAction::kFailed) continue;
      fmt::print(ctx.err, "backcourt: fetch failed: {}: {}\n", o.url.empty() ? o.source : o.url,
                 o.reason);
    }
    if (!report.quota.empty()) fmt::print(ctx.out, "The Odds API quota: {}\n", report.quota);
    if (report.stale_temps_removed > 0) {
      fmt::print(ctx.out, "Removed {} temp file(s) of an interrupted run\n",
                 report.stale_temps_removed);
    }
    fmt::print(ctx.out, "Landing folder: {} (ingest it with: backcourt ingest {})\n",
               options_.out_dir, options_.out_dir);
  }

  std::string source_, season_, date_;
  std::vector<std::string> games_;
  FetchOptions options_;
  double timeout_s_ = 120, connect_timeout_s_ = 10;
  int retries_ = 3;
  int64_t interval_ms_ = 1000;
  bool quiet_ = false;
  std::unique_ptr<ProgressBoard> board_;
};

}  // namespace

std::unique_ptr<Command> MakeFetchCommand() { return std::make_unique<FetchCommand>(); }

}  // namespace backcourt
