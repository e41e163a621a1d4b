// backcourt backfill [--start-date D] [--end-date D] [--dates D1,D2] [--tables T,...] ...
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <set>
#include <cstdlib>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/command_util.h"
#include "cli/date_options.h"
#include "core/progress.h"
#include "engine/backfill.h"
#include "engine/lease.h"
#include "store/partition_store.h"
#include "store/schema.h"
#include "validate/render.h"
#include "validate/validate.h"

namespace backcourt {
namespace {

// Set by SIGINT/SIGTERM: the engine stops scheduling and lets in-flight partitions commit;
// the exit code is then 128 + the signal (130 for SIGINT, 143 for SIGTERM).
std::atomic<bool> g_stop_requested{false};
std::atomic<int> g_stop_signal{0};
extern "C" void RequestStop(int signal) {
  g_stop_signal.store(signal);
  g_stop_requested.store(true);
}

// Test seam for the CLI: BACKCOURT_INJECT_FAULT="kind:table:date" with kind "transient"
// (fails the first attempt with a busy error) or "data" (fails every attempt).
std::function<Status(const std::string&, const std::string&, int)> FaultFromEnvironment() {
  const char* spec = std::getenv("BACKCOURT_INJECT_FAULT");
  if (spec == nullptr) return {};
  const std::string text = spec;
  const size_t a = text.find(':'), b = text.find(':', a + 1);
  if (a == std::string::npos || b == std::string::npos) return {};
  const std::string kind = text.substr(0, a), table = text.substr(a + 1, b - a - 1),
                    date = text.substr(b + 1);
  return [=](const std::string& t, const std::string& d, int attempt) -> Status {
    if (t != table || d != date) return {};
    if (kind == "transient" && attempt == 1) {
      return Fail(ErrorKind::kBusy, "injected transient error (database is locked)");
    }
    if (kind == "data") return InvalidInput("injected data error");
    return {};
  };
}

class ProgressObserver : public BackfillObserver {
 public:
  ProgressObserver(std::ostream& out, bool verbose, bool quiet)
      : out_(out), board_(out, isatty(STDOUT_FILENO) == 1), verbose_(verbose), quiet_(quiet) {}
  void OnPlan(const BackfillResult& plan) override {
    for (const std::string& table : plan.table_order) {
      board_.AddRow(table, plan.tables.at(table).planned);
    }
  }
  void OnPartition(const std::string& table, const std::string& date, PartitionStatus status,
                   int64_t rows, const std::string& reason) override {
    recorded_.insert(table + "\n" + date);
    const bool good = IsDone(status);
    if (verbose_) {
      fmt::print(out_, "{} {} {} {} ({} rows){}\n", good ? "✓ Success" : "✗ Failed", table, date,
                 ToString(status), rows, reason.empty() ? "" : ": " + reason);
    } else if (!quiet_) {
      board_.Advance(table, good, rows);
    }
  }
  void Finish() {
    if (!verbose_ && !quiet_) board_.Finish();
  }
  bool Recorded(const std::string& table, const std::string& date) const {
    return recorded_.count(table + "\n" + date) > 0;
  }

 private:
  std::ostream& out_;
  ProgressBoard board_;
  bool verbose_, quiet_;
  std::set<std::string> recorded_;  // "table\ndate" of every partition this run recorded
};

class BackfillCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    AddDateOption(app, "--start-date", options_.start_date, "First game date");
    AddDateOption(app, "--end-date", options_.end_date, "Last game date");
    AddDateListOption(app, "--dates", options_.dates, "Exact dates (override the range)");
    app.add_option("--tables", options_.tables, "Tables to build, comma separated (default: all)")
        ->delimiter(',');
    app.add_option("--workers", options_.workers, "Build threads (default: the machine's cores)")
        ->check(CLI::Range(1, 256));
    app.add_flag("--no-resume", options_.no_resume,
                 "Rebuild every partition in range (a partition that comes out exactly as "
                 "stored keeps its rows; its record is rewritten)");
    app.add_flag("--retry-failed", options_.retry_failed, "Run only partitions that failed");
    app.add_flag("--dry-run", options_.dry_run, "Print the plan per table; write nothing");
    app.add_flag("--queue", options_.queue,
                 "Plan as usual, record the runnable partitions (with what each reads) for "
                 "`backcourt worker` processes, and exit without building");
    app.add_flag("--fail-fast", options_.fail_fast, "Stop at the first failed partition");
    app.add_flag("--allow-partial", allow_partial_,
                 "No longer needed (ignored): a date with missing games is built as partial, "
                 "its gaps listed");
    app.add_flag("--break-lease", break_lease_,
                 "Take the database's lease even from a live holder (only when you know no "
                 "other backfill runs: two writers at once is what the lease prevents)");
    app.add_flag("--verbose", verbose_, "One line per partition");
    app.add_option("--format", format_, "Summary format")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    app.footer(
        "Dates come from the schedule and the raw rows: a date without a final game is no_games.\n"
        "A partition builds every game whose inputs are complete; each game it cannot build is a\n"
        "gap (listed with why) and the partition is partial. A partition runs when it is missing,\n"
        "failed, blocked or stale (processor version or inputs changed) and is skipped when built\n"
        "and fresh. A partition's rows, gaps and record are written in one transaction; a failed\n"
        "or blocked rebuild keeps the last good rows. Exit code 0 only when every planned\n"
        "partition is ok, partial or no_games and validation passes.\n"
        "--queue: the plan is recorded instead of built; `backcourt worker` processes (any number,\n"
        "any host) claim and build its partitions. A backfill refuses while workers hold live claims.");
  }

  int Run(CliContext& ctx) override {
    if (auto range = CheckDateRange("--start-date", options_.start_date, "--end-date", options_.end_date); !range) {
      return PrintError(ctx, range.error().message(), 2);
    }
    options_.command_line = ctx.command_line.empty() ? Rebuilt(ctx.db_path) : ctx.command_line;
    options_.stop = &g_stop_requested;
    options_.fault = FaultFromEnvironment();
    if (options_.queue && options_.dry_run) {
      return PrintError(ctx, "--queue and --dry-run exclude each other", 2);
    }
    if (allow_partial_) {
      fmt::print(ctx.err, "backcourt: --allow-partial is no longer needed and is ignored: "
                          "partial partitions are built and their gaps listed\n");
    }
    // A dry run reads: it never creates, migrates or writes the database.
    auto db = options_.dry_run ? OpenStoreForReading(ctx.db_path) : OpenStore(ctx.db_path);
    if (!db) return PrintError(ctx, db.error());
    std::unique_ptr<Lease> lease;
    if (!options_.dry_run) {
      auto acquired =
          Lease::Acquire(ctx.db_path, options_.command_line, LeaseOptions{break_lease_, &ctx.err});
      if (!acquired) {
        fmt::print(ctx.err, "backcourt: refused: {}\n", acquired.error().message());
        return 1;
      }
      lease = std::move(*acquired);
    }
    g_stop_requested.store(false);
    g_stop_signal.store(0);
    auto previous_int = std::signal(SIGINT, RequestStop);
    auto previous_term = std::signal(SIGTERM, RequestStop);
    ProgressObserver observer(ctx.out, verbose_,
                              format_ == "json" || options_.dry_run || options_.queue);
    auto result = RunBackfill(*db, Registry::Default(), options_, &observer);
    std::signal(SIGINT, previous_int);
    std::signal(SIGTERM, previous_term);
    observer.Finish();
    if (!result) {
      // The run must not stay `running` forever (a full disk, a broken database).
      if (lease) (void)lease->CloseRunningRuns("failed");
      return PrintError(ctx, result.error(), "backfill stopped");
    }
    if (options_.dry_run) {
      PrintPlan(ctx.out, *result);
      return 0;
    }
    if (options_.queue) {
      int64_t skipped = 0;
      for (const auto& [table, s] : result->tables) skipped += s.skipped;
      fmt::print(ctx.out, "Queued {} partition(s) for workers (run {}); {} skipped as ok and "
                          "fresh. Start workers with: backcourt --db {} worker\n",
                 result->queued, result->run_id, skipped, ctx.db_path);
      return 0;
    }
    lease.reset();  // validation only reads
    auto validation = ValidateBuilt(*db, *result);
    if (!validation) {
      fmt::print(ctx.err, "backcourt: validation failed to run: {}\n", validation.error().message());
    }
    if (format_ == "json") {
      PrintJson(ctx.out, *result, validation ? &*validation : nullptr);
    } else {
      PrintSummary(ctx.out, *result, ResumeCommand(ctx.db_path, *result, observer),
                   ctx.db_path);
      if (validation) PrintValidationSummary(ctx.out, *validation);
    }
    if (result->interrupted) return 128 + (g_stop_signal.load() != 0 ? g_stop_signal.load() : SIGINT);
    return result->passed() && validation && validation->passed() ? 0 : 1;
  }

 private:
  // "Done" means verified: every backfill ends by validating the tables and dates it planned,
  // recorded under the backfill's run.
  Result<ValidationResult> ValidateBuilt(Db& db, const BackfillResult& result) const {
    std::vector<std::unique_ptr<Processor>> built;
    for (auto& p : Registry::DefaultProcessors()) {
      const bool wanted = options_.tables.empty() ||
                          std::find(options_.tables.begin(), options_.tables.end(),
                                    std::string(p->name())) != options_.tables.end();
      if (wanted) built.push_back(std::move(p));
    }
    const Registry registry(std::move(built));
    ValidateOptions validate;
    validate.start_date = result.first_date;
    validate.end_date = result.last_date;
    validate.registry = &registry;
    validate.run_id = result.run_id;
    validate.reuse = true;
    // A run that wrote nothing planned the same range and tables as validation would: its
    // stale set is the engine's answer, no second plan needed. (Exact dates or retrying only
    // the failed ones plan less than validation asks about.)
    const bool wrote_nothing =
        std::all_of(result.tables.begin(), result.tables.end(),
                    [](const auto& table) { return table.second.planned == 0; });
    if (wrote_nothing && options_.dates.empty() && !options_.retry_failed) {
      validate.stale = &result.stale;
    }
    return Validate(db, validate);
  }

  // This backfill's options as a command (never with --no-resume or --dry-run); `dates`
  // replaces the range when given.
  std::string Rebuilt(const std::string& db_path,
                      const std::vector<std::string>* dates = nullptr) const {
    std::string line = "backcourt";
    if (db_path != kDefaultDbPath) line += " --db " + Quoted(DisplayTarget(db_path));
    line += " backfill";
    if (dates != nullptr) {
      line += fmt::format(" --dates {}", fmt::join(*dates, ","));
    } else {
      if (!options_.start_date.empty()) line += " --start-date " + options_.start_date;
      if (!options_.end_date.empty()) line += " --end-date " + options_.end_date;
      if (!options_.dates.empty()) line += fmt::format(" --dates {}", fmt::join(options_.dates, ","));
    }
    if (!options_.tables.empty()) line += fmt::format(" --tables {}", fmt::join(options_.tables, ","));
    if (options_.workers > 0) line += fmt::format(" --workers {}", options_.workers);
    if (options_.retry_failed) line += " --retry-failed";
    if (options_.fail_fast) line += " --fail-fast";
    return line;
  }

  static std::string Quoted(const std::string& word) {
    if (word.find_first_of(" '\"$\\`") == std::string::npos) return word;
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  }

  // The command that finishes an interrupted run. Resuming skips partitions that are ok and
  // fresh, which is right for an ordinary run; after --no-resume it would skip the ones not
  // yet rebuilt, so the hint rebuilds the dates not started, with --no-resume again.
  std::string ResumeCommand(const std::string& db_path, const BackfillResult& r,
                            const ProgressObserver& observer) const {
    if (!options_.no_resume) return Rebuilt(db_path);
    std::string first, last;
    for (const PlannedPartition& p : r.plan) {
      if (p.action != PlanAction::kRun || observer.Recorded(p.table, p.date)) continue;
      if (first.empty() || p.date < first) first = p.date;
      if (last.empty() || p.date > last) last = p.date;
    }
    if (first.empty()) return Rebuilt(db_path);
    BackfillCommand rest = *this;
    rest.options_.start_date = first, rest.options_.end_date = last, rest.options_.dates.clear();
    return rest.Rebuilt(db_path) + " --no-resume";
  }

  static void PrintPlan(std::ostream& out, const BackfillResult& r) {
    fmt::print(out, "BACKFILL PLAN (dry run: nothing written)\n");
    for (const std::string& table : r.schema_changes) {
      fmt::print(out, "{}: its schema changed; a backfill will drop, recreate and rebuild it\n",
                 table);
    }
    fmt::print(out, "{:<28} {:>6} {:>6} {:>9}\n", "table", "run", "skip", "no_games");
    for (const std::string& table : r.table_order) {
      int run = 0, skip = 0, none = 0;
      for (const PlannedPartition& p : r.plan) {
        if (p.table != table) continue;
        run += p.action == PlanAction::kRun;
        skip += p.action == PlanAction::kSkip;
        none += p.action == PlanAction::kNoGames;
      }
      fmt::print(out, "{:<28} {:>6} {:>6} {:>9}\n", table, run, skip, none);
    }
    int listed = 0;
    for (const PlannedPartition& p : r.plan) {
      if (p.action != PlanAction::kRun || listed++ >= 20) continue;
      fmt::print(out, "  run {} {}: {}\n", p.table, p.date, p.why);
    }
  }

  void PrintSummary(std::ostream& out, const BackfillResult& r, const std::string& resume,
                    const std::string& db_path) const {
    fmt::print(out, "\nBACKFILL SUMMARY ({} workers; raw inputs resolved in {:.2f} s alongside "
                    "the builds; total {:.2f} s)\n",
               r.workers, r.load_seconds, r.seconds);
    for (const std::string& table : r.schema_changes) {
      fmt::print(out, "{}: its schema changed: the table was dropped, recreated and rebuilt\n",
                 table);
    }
    if (r.interrupted) {
      fmt::print(out, "Interrupted: in-flight partitions were committed; {} planned partition(s) "
                      "not started. To resume:\n  {}\n", r.not_run, resume);
    } else if (r.not_run > 0) {
      fmt::print(out, "Stopped at the first failure (--fail-fast): {} planned partition(s) not "
                      "started.\n", r.not_run);
    }
    fmt::print(out, "{:<28} {:>6} {:>8} {:>9} {:>7} {:>8} {:>8} {:>9} {:>6} {:>8}\n", "table",
               "ok", "partial", "no_games", "failed", "blocked", "skipped", "rows", "gaps",
               "seconds");
    for (const std::string& table : r.table_order) {
      const TableSummary& s = r.tables.at(table);
      fmt::print(out, "{:<28} {:>6} {:>8} {:>9} {:>7} {:>8} {:>8} {:>9} {:>6} {:>8.2f}\n", table,
                 s.ok, s.partial, s.no_games, s.failed, s.blocked, s.skipped, s.rows, s.gaps,
                 s.seconds);
    }
    int64_t kept = 0;
    for (const auto& [table, s] : r.tables) kept += s.kept;
    if (kept > 0) {
      fmt::print(out, "Unchanged: {} rebuilt partition(s) came out exactly as stored (same data "
                      "version and rows): their rows were kept, their records rewritten\n",
                 kept);
    }
    if (r.unplaced_rows + r.inferred_games + r.unresolved_players > 0) {
      fmt::print(out, "Identity: {} raw row(s) fit no game, {} game(s) inferred without a "
                      "schedule row, {} player-game(s) kept under a name key\n",
                 r.unplaced_rows, r.inferred_games, r.unresolved_players);
      for (const auto& [reason, count] : r.unplaced_reasons) {
        fmt::print(out, "  {:>6} rows: {}\n", count, reason);
      }
    }
    PrintGaps(out, r);
    if (r.failures.empty()) {
      fmt::print(out, "Backfill: every planned partition is built (ok or partial) or no_games\n");
      return;
    }
    fmt::print(out, "\n{} partition(s) not built:\n", r.failures.size());
    std::vector<std::string> dates;
    for (const FailedPartition& f : r.failures) {
      fmt::print(out, "  ✗ {} {} {}: {}\n", f.table, f.date, ToString(f.status), f.reason);
      if (std::find(dates.begin(), dates.end(), f.date) == dates.end()) dates.push_back(f.date);
    }
    BackfillCommand retry = *this;
    retry.options_.retry_failed = false;
    fmt::print(out, "Retry them with:\n  {}\n", retry.Rebuilt(db_path, &dates));
  }

  // Every gap at its origin, by date and game; gaps carried downstream are counted.
  static void PrintGaps(std::ostream& out, const BackfillResult& r) {
    std::vector<const GapRecord*> origins;
    int64_t carried = 0;
    for (const GapRecord& g : r.gaps) {
      if (g.reason.rfind("upstream ", 0) == 0) {
        ++carried;
      } else {
        origins.push_back(&g);
      }
    }
    if (origins.empty() && carried == 0) return;
    fmt::print(out, "\nGaps: {} team-game(s) could not be built{}:\n", origins.size(),
               carried ? fmt::format(" ({} more downstream, same team-games)", carried) : "");
    constexpr size_t kShown = 30;
    for (size_t i = 0; i < origins.size() && i < kShown; ++i) {
      const GapRecord& g = *origins[i];
      fmt::print(out, "  - {} {} {} {}: {}\n", g.date, g.game_id, g.team, g.table, g.reason);
    }
    if (origins.size() > kShown) {
      fmt::print(out, "  ... and {} more: `backcourt gaps` lists every one\n",
                 origins.size() - kShown);
    }
  }

  static void PrintJson(std::ostream& out, const BackfillResult& r,
                        const ValidationResult* validation) {
    nlohmann::json j;
    j["tables"] = nlohmann::json::object();
    for (const std::string& table : r.table_order) {
      const TableSummary& s = r.tables.at(table);
      j["tables"][table] = {{"ok", s.ok},           {"no_games", s.no_games},
                            {"failed", s.failed},   {"blocked", s.blocked},
                            {"skipped", s.skipped}, {"rows", s.rows},
                            {"partial", s.partial}, {"gaps", s.gaps},
                            {"kept", s.kept},       {"seconds", s.seconds}};
    }
    j["gaps"] = nlohmann::json::array();
    for (const GapRecord& g : r.gaps) {
      j["gaps"].push_back({{"table", g.table}, {"date", g.date}, {"game_id", g.game_id},
                           {"team", g.team}, {"reason", g.reason}});
    }
    j["failed"] = nlohmann::json::array();
    for (const FailedPartition& f : r.failures) {
      j["failed"].push_back({{"table", f.table}, {"date", f.date}, {"reason", f.reason}});
    }
    const bool valid = validation != nullptr && validation->passed();
    j["verdict"] = r.passed() && valid ? "pass" : "fail";
    if (validation != nullptr) j["validation"] = ValidationJson(*validation);
    out << j.dump(2) << "\n";
  }

  BackfillOptions options_;
  bool allow_partial_ = false;
  bool verbose_ = false;
  bool break_lease_ = false;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> MakeBackfillCommand() { return std::make_unique<BackfillCommand>(); }

}  // namespace backcourt
