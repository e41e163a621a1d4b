// backcourt status
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.h"
#include "store/schema.h"
#include "engine/backfill.h"
#include "engine/lease.h"
#include "store/status_store.h"

namespace backcourt {
namespace {

class StatusCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.footer("Files by format, rows per raw table and source, the schedule's range and final\n"
               "games per season, rejected rows by reason, partitions and recent runs.");
  }

  int Run(CliContext& ctx) override {
    auto db = OpenStore(ctx.db_path);
    if (!db) {
      fmt::print(ctx.err, "backcourt: {}\n", db.error().message());
      return 1;
    }
    auto summary = SummariseStore(*db);
    if (!summary) {
      fmt::print(ctx.err, "backcourt: {}\n", summary.error().message());
      return 1;
    }
    Print(ctx.out, *summary);
    if (auto lease = CurrentLease(*db)) fmt::print(ctx.out, "{}\n", LeaseLine(*lease));
    PrintStale(ctx);
    return 0;
  }

 private:
  // Stale partitions come from the backfill planner (a dry run): version or inputs changed,
  // or an upstream will be rebuilt.
  static void PrintStale(CliContext& ctx) {
    auto db = OpenStore(ctx.db_path);
    BackfillOptions dry;
    dry.dry_run = true;
    auto plan = db ? RunBackfill(*db, Registry::Default(), dry) : tl::unexpected(db.error());
    if (!plan) {
      fmt::print(ctx.err, "backcourt: cannot plan: {}\n", plan.error().message());
      return;
    }
    std::map<std::string, int64_t> stale;
    std::vector<const PlannedPartition*> examples;
    for (const PlannedPartition& p : plan->plan) {
      if (p.action != PlanAction::kRun || p.why.rfind("stale", 0) != 0) continue;
      stale[p.table]++;
      if (examples.size() < 10) examples.push_back(&p);
    }
    fmt::print(ctx.out, "Stale partitions{}\n", stale.empty() ? ": none" : "");
    for (const auto& [table, count] : stale) fmt::print(ctx.out, "  {:<28} {:>5}\n", table, count);
    for (const PlannedPartition* p : examples) {
      fmt::print(ctx.out, "  e.g. {} {}: {}\n", p->table, p->date, p->why);
    }
  }

  static void Print(std::ostream& out, const StoreSummary& s) {
    fmt::print(out, "Files by format\n");
    for (const CountRow& r : s.files_by_format) {
      fmt::print(out, "  {:<20} {:>4} files {:>9} rows {:>6} rejected\n", r.keys[0], r.count,
                 r.keys[1], r.keys[2]);
    }
    fmt::print(out, "Rows per raw table and source\n");
    for (const CountRow& r : s.rows_by_table_source) {
      fmt::print(out, "  {:<16} {:<30} {:>9}\n", r.keys[0], r.keys[1], r.count);
    }
    fmt::print(out, "Schedule: final games from {} to {}\n",
               s.first_game_date.empty() ? "-" : s.first_game_date,
               s.last_game_date.empty() ? "-" : s.last_game_date);
    for (const CountRow& r : s.final_games_by_season) {
      fmt::print(out, "  {:<8} {:>5} final games\n", r.keys[0], r.count);
    }
    fmt::print(out, "Rejected rows by reason{}\n", s.rejects_by_reason.empty() ? ": none" : "");
    for (const CountRow& r : s.rejects_by_reason) {
      fmt::print(out, "  {:>6}  {}\n", r.count, r.keys[0]);
    }
    fmt::print(out, "Partitions{}\n", s.partitions_by_status.empty() ? ": none built yet" : "");
    for (const CountRow& r : s.partitions_by_status) {
      fmt::print(out, "  {:<28} {:<9} {:>5}\n", r.keys[0], r.keys[1], r.count);
    }
    if (!s.unhealthy_partitions.empty()) fmt::print(out, "Failed and blocked partitions\n");
    for (const CountRow& r : s.unhealthy_partitions) {
      fmt::print(out, "  {} {} {} (attempts {}): {}\n", r.keys[0], r.keys[1], r.keys[2], r.count,
                 r.keys[3]);
    }
    if (!s.partial_partitions.empty()) {
      fmt::print(out, "Partitions written under --allow-partial\n");
    }
    for (const CountRow& r : s.partial_partitions) {
      fmt::print(out, "  {} {} ({} rows): {}\n", r.keys[0], r.keys[1], r.count, r.keys[2]);
    }
    if (!s.recent_runs.empty()) fmt::print(out, "Last runs\n");
    for (const CountRow& r : s.recent_runs) {
      fmt::print(out, "  #{} {} {} {} {}\n", r.count, r.keys[2], r.keys[3], r.keys[0], r.keys[1]);
    }
  }
};

}  // namespace

std::unique_ptr<Command> MakeStatusCommand() { return std::make_unique<StatusCommand>(); }

}  // namespace backcourt
