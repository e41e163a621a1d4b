// backcourt backfill [--start-date D] [--end-date D] [--dates D1,D2] [--tables T,...] ...
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "engine/backfill.h"
#include "store/schema.h"

namespace backcourt {
namespace {

class BackfillCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.add_option("--start-date", options_.start_date, "First game date (YYYY-MM-DD)");
    app.add_option("--end-date", options_.end_date, "Last game date (YYYY-MM-DD)");
    app.add_option("--dates", options_.dates, "Exact dates, comma separated")->delimiter(',');
    app.add_option("--tables", options_.tables, "Tables to build, comma separated (default: all)")
        ->delimiter(',');
    app.add_flag("--no-resume", options_.no_resume, "Rebuild every partition in range");
    app.add_flag("--retry-failed", options_.retry_failed, "Run only partitions that failed");
    app.add_flag("--dry-run", options_.dry_run, "Print the plan per table; write nothing");
    app.add_flag("--fail-fast", options_.fail_fast, "Stop at the first failed partition");
    app.add_flag("--allow-partial", options_.allow_partial,
                 "Write incomplete partitions and ignore upstream gates (recorded)");
    app.add_flag("--verbose", verbose_, "One line per partition");
    app.add_option("--format", format_, "Summary format")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    app.footer(
        "Dates come from the schedule: a date without a final game is no_games. A partition runs\n"
        "when it is missing, failed, blocked or stale (processor version or inputs changed) and\n"
        "is skipped when ok and fresh. Each partition's rows and record are written in one\n"
        "transaction. Exit code 0 only when every planned partition is ok or no_games.");
  }

  int Run(CliContext& ctx) override {
    options_.command_line = CommandLine();
    auto db = OpenStore(ctx.db_path);
    if (!db) {
      fmt::print(ctx.err, "backcourt: {}\n", db.error().message());
      return 1;
    }
    const Registry registry = Registry::Default();
    int64_t done = 0, rows = 0;
    auto result = RunBackfill(*db, registry, options_, [&](const std::string& table,
                                                           const std::string& date,
                                                           const std::string& status, int64_t n) {
      ++done;
      rows += n;
      if (verbose_) {
        const bool good = status == "ok" || status == "no_games";
        fmt::print(ctx.out, "{} {} {} {} ({} rows)\n", good ? "✓ Success" : "✗ Failed", table,
                   date, status, n);
      } else if (done % 250 == 0 && format_ == "table") {
        fmt::print(ctx.out, "Progress: {} partitions written, {} records\n", done, rows);
      }
    });
    if (!result) {
      fmt::print(ctx.err, "backcourt: backfill stopped: {}\n", result.error().message());
      return 1;
    }
    if (options_.dry_run) {
      PrintPlan(ctx.out, *result);
      return 0;
    }
    if (format_ == "json") {
      PrintJson(ctx.out, *result);
    } else {
      PrintSummary(ctx.out, *result);
    }
    return result->passed() ? 0 : 1;
  }

 private:
  std::string CommandLine() const {
    std::string line = "backcourt backfill";
    if (!options_.start_date.empty()) line += " --start-date " + options_.start_date;
    if (!options_.end_date.empty()) line += " --end-date " + options_.end_date;
    if (!options_.tables.empty()) line += fmt::format(" --tables {}", fmt::join(options_.tables, ","));
    return line;
  }

  static void PrintPlan(std::ostream& out, const BackfillResult& r) {
    fmt::print(out, "BACKFILL PLAN (dry run: nothing written)\n");
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

  void PrintSummary(std::ostream& out, const BackfillResult& r) const {
    fmt::print(out, "\nBACKFILL SUMMARY (inputs resolved in {:.2f} s, total {:.2f} s)\n",
               r.load_seconds, r.seconds);
    fmt::print(out, "{:<28} {:>6} {:>9} {:>7} {:>8} {:>8} {:>9} {:>8}\n", "table", "ok",
               "no_games", "failed", "blocked", "skipped", "rows", "seconds");
    for (const std::string& table : r.table_order) {
      const TableSummary& s = r.tables.at(table);
      fmt::print(out, "{:<28} {:>6} {:>9} {:>7} {:>8} {:>8} {:>9} {:>8.2f}\n", table, s.ok,
                 s.no_games, s.failed, s.blocked, s.skipped, s.rows, s.seconds);
    }
    if (!r.partials.empty()) {
      fmt::print(out, "\n{} partition(s) written under --allow-partial:\n", r.partials.size());
      for (const FailedPartition& f : r.partials) {
        fmt::print(out, "  ! {} {}: {}\n", f.table, f.date, f.reason);
      }
    }
    if (r.failures.empty()) {
      fmt::print(out, "Verdict: pass\n");
      return;
    }
    fmt::print(out, "\n{} partition(s) not built:\n", r.failures.size());
    std::vector<std::string> dates;
    for (const FailedPartition& f : r.failures) {
      fmt::print(out, "  ✗ {} {} {}: {}\n", f.table, f.date, f.status, f.reason);
      if (std::find(dates.begin(), dates.end(), f.date) == dates.end()) dates.push_back(f.date);
    }
    fmt::print(out, "Retry them with:\n  backcourt backfill --dates {}{}\n", fmt::join(dates, ","),
               options_.tables.empty() ? "" : fmt::format(" --tables {}", fmt::join(options_.tables, ",")));
    fmt::print(out, "Verdict: fail\n");
  }

  static void PrintJson(std::ostream& out, const BackfillResult& r) {
    nlohmann::json j;
    j["tables"] = nlohmann::json::object();
    for (const std::string& table : r.table_order) {
      const TableSummary& s = r.tables.at(table);
      j["tables"][table] = {{"ok", s.ok},           {"no_games", s.no_games},
                            {"failed", s.failed},   {"blocked", s.blocked},
                            {"skipped", s.skipped}, {"rows", s.rows},
                            {"partial", s.partial}, {"seconds", s.seconds}};
    }
    j["failed"] = nlohmann::json::array();
    for (const FailedPartition& f : r.failures) {
      j["failed"].push_back({{"table", f.table}, {"date", f.date}, {"reason", f.reason}});
    }
    j["verdict"] = r.passed() ? "pass" : "fail";
    out << j.dump(2) << "\n";
  }

  BackfillOptions options_;
  bool verbose_ = false;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> MakeBackfillCommand() { return std::make_unique<BackfillCommand>(); }

}  // namespace backcourt
