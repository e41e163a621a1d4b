// backcourt status
#include <algorithm>
#include <map>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.h"
#include "store/schema.h"
#include "engine/backfill.h"
#include "engine/lease.h"
#include "engine/resolved_schedule.h"
#include "store/claim_store.h"
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
    auto db = OpenStoreForReading(ctx.db_path);
    if (!db) {
      fmt::print(ctx.err, "backcourt: {}\n", db.error().message());
      return 1;
    }
    auto summary = SummariseStore(*db);
    if (!summary) {
      fmt::print(ctx.err, "backcourt: {}\n", summary.error().message());
      return 1;
    }
    if (Status added = AddFinalGames(*db, *summary); !added) {
      fmt::print(ctx.err, "backcourt: {}\n", added.error().message());
      return 1;
    }
    Print(ctx.out, *summary);
    if (auto lease = CurrentLease(*db)) fmt::print(ctx.out, "{}\n", LeaseLine(*lease));
    if (int code = PrintWorkers(ctx, *db); code != 0) return code;
    return PrintStale(ctx, *db);
  }

 private:
  // Final games as the resolver placed them: one per game id whatever the sources say.
  static Status AddFinalGames(Db& db, StoreSummary& s) {
    BC_ASSIGN_OR_RETURN(std::vector<Game> games, ResolvedGames(db, "", "9999-12-31"));
    std::map<std::string, int64_t> by_season;
    for (const Game& g : games) {
      if (!g.final()) continue;
      ++by_season[g.season];
      if (s.first_game_date.empty() || g.game_date < s.first_game_date) {
        s.first_game_date = g.game_date;
      }
      s.last_game_date = std::max(s.last_game_date, g.game_date);
    }
    for (const auto& [season, count] : by_season) s.final_games_by_season.push_back({{season}, count});
    return {};
  }

  // The workers not finished (live, or presumed dead once their heartbeat is older than
  // their expiry), their claims, and the queue.
  static int PrintWorkers(CliContext& ctx, Db& db) {
    ClaimStore store(db);
    auto workers = store.Workers();
    auto claims = workers ? store.Claims() : decltype(store.Claims())(tl::unexpected(workers.error()));
    auto counts = claims ? store.Counts() : decltype(store.Counts())(tl::unexpected(claims.error()));
    if (!counts) {
      fmt::print(ctx.err, "backcourt: {}\n", counts.error().message());
      return 1;
    }
    const auto database_now = store.DatabaseMillis();
    if (!database_now) {
      fmt::print(ctx.err, "backcourt: {}\n", database_now.error().message());
      return 1;
    }
    const int64_t now = *database_now;  // the clock claims are judged in
    fmt::print(ctx.out, "Workers{}\n", workers->empty() ? ": none running" : "");
    for (const WorkerRow& w : *workers) {
      const double age = static_cast<double>(now - w.heartbeat) / 1000.0;
      const bool live = w.heartbeat + w.identity.expiry_ms >= now;
      std::vector<std::string> held;
      for (const LiveClaim& c : *claims) {
        if (c.holder.worker_id == w.identity.worker_id) held.push_back(c.table + " " + c.date);
      }
      fmt::print(ctx.out, "  worker {} pid {} on {}: heartbeat {:.1f} s ago{}; {} claim(s){}{}\n",
                 w.identity.worker_id, w.identity.pid, w.identity.host, age,
                 live ? "" : fmt::format(" (over its {:.1f} s expiry: presumed dead, its claims "
                                         "are taken over)",
                                         static_cast<double>(w.identity.expiry_ms) / 1000.0),
                 held.size(), held.empty() ? "" : ": ", fmt::join(held, ", "));
    }
    if (counts->queued + counts->finished > 0) {
      fmt::print(ctx.out, "Queue (backfill --queue): {} to build ({} claimed), {} finished\n",
                 counts->queued, counts->claimed, counts->finished);
    }
    return 0;
  }

  // Stale partitions by the engine's one definition (what a backfill would rebuild as stale).
  static int PrintStale(CliContext& ctx, Db& db) {
    auto found = FindStale(db, Registry::Default(), "", "");
    if (!found) {
      fmt::print(ctx.err, "backcourt: cannot plan: {}\n", found.error().message());
      return 1;
    }
    std::map<std::string, int64_t> stale;
    for (const auto& [key, why] : *found) stale[key.first]++;
    fmt::print(ctx.out, "Stale partitions{}\n", stale.empty() ? ": none" : "");
    for (const auto& [table, count] : stale) fmt::print(ctx.out, "  {:<28} {:>5}\n", table, count);
    int shown = 0;
    for (const auto& [key, why] : *found) {
      if (shown++ == 10) break;
      fmt::print(ctx.out, "  e.g. {} {}: {}\n", key.first, key.second, why);
    }
    return 0;
  }

  static void Print(std::ostream& out, const StoreSummary& s) {
    fmt::print(out, "Files by format\n");
    for (const CountRow& r : s.files_by_format) {
      fmt::print(out, "  {:<20} {:>4} files {:>9} rows {:>6} rejected\n", r.keys[0], r.count,
                 r.keys[1], r.keys[2]);
    }
    fmt::print(out, "Rows per raw table and source\n");
    for (const CountRow& r : s.rows_by_table_source) {
      fmt::print(out, "  {:<18} {:<30} {:>9}\n", r.keys[0], r.keys[1], r.count);
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
      const std::string kept = r.keys[4] != "0"
                                   ? fmt::format(" [{} rows of the last good build kept]", r.keys[4])
                                   : "";
      fmt::print(out, "  {} {} {} (attempts {}): {}{}\n", r.keys[0], r.keys[1], r.keys[2], r.count,
                 r.keys[3], kept);
    }
    fmt::print(out, "Gaps (games a partition could not build){}\n",
               s.gaps_by_table.empty() ? ": none" : "");
    for (const CountRow& r : s.gaps_by_table) {
      fmt::print(out, "  {:<28} {:>5} team-games on {} dates\n", r.keys[0], r.count, r.keys[1]);
    }
    for (const CountRow& r : s.origin_gaps) {
      fmt::print(out, "  - {} {} {} {}: {}\n", r.keys[0], r.keys[1], r.keys[2], r.keys[3], r.keys[4]);
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
