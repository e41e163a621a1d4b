// backcourt worker [--max-idle S] [--heartbeat S] [--claim-expiry S] [--verbose]
#include <atomic>
#include <csignal>
#include <cstdlib>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.h"
#include "cli/command_util.h"
#include "engine/worker.h"
#include "store/schema.h"

namespace backcourt {
namespace {

std::atomic<bool> g_worker_stop{false};
std::atomic<int> g_worker_signal{0};
extern "C" void RequestWorkerStop(int signal) {
  g_worker_signal.store(signal);
  g_worker_stop.store(true);
}

// Test seam: BACKCOURT_TEST_PAUSE_AFTER_CLAIM=S pauses S seconds after the first claim, the
// heartbeat still beating, so a test can kill -9 a worker that holds a claim.
double PauseFromEnvironment() {
  const char* text = std::getenv("BACKCOURT_TEST_PAUSE_AFTER_CLAIM");
  return text == nullptr ? 0.0 : std::atof(text);
}

class WorkerCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.add_option("--max-idle", options_.max_idle_seconds,
                   "Exit once nothing is runnable and nothing is claimed for this many seconds")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    app.add_option("--heartbeat", options_.heartbeat_seconds,
                   "Seconds between heartbeats of this worker's claims")
        ->check(CLI::Range(0.05, 3600.0))
        ->capture_default_str();
    app.add_option("--claim-expiry", options_.claim_expiry_seconds,
                   "This worker's claims expire (another worker takes them over) this many "
                   "seconds after its last heartbeat")
        ->check(CLI::Range(0.1, 86400.0))
        ->capture_default_str();
    app.add_option("--claim-batch", options_.claim_batch,
                   "Runnable partitions claimed in one transaction (fewer round trips to the "
                   "database; other workers skip them while claimed)")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    app.add_option("--threads", options_.threads, "Build threads (default: the machine's cores)")
        ->check(CLI::Range(1, 256));
    app.add_flag("--verbose", options_.verbose, "One line per partition");
    app.footer(
        "`backfill --queue` records the runnable partitions; any number of `worker` processes, on\n"
        "any host that opens the database, claim up to --claim-batch at a time (upstreams "
        "finished,\n"
        "no live claim), build them on --threads threads and write each one's rows, record and\n"
        "claim in one transaction (the ones built meanwhile share it). A claim carries worker\n"
        "id, host, pid and a heartbeat; one whose heartbeat is older than its expiry is taken "
        "over.\n"
        "Heartbeats and expiries are in the database server's clock (each worker measures its\n"
        "host's offset), so hosts whose clocks differ still judge each other's claims alike.\n"
        "Per-partition claims replace the one-writer lease: a plain backfill refuses while claims\n"
        "are live, and workers wait while a plain backfill holds the lease. Failed partitions are\n"
        "recorded failed and their dependants blocked, as in backfill. A worker does not "
        "validate:\n"
        "once the queue is drained, run `backcourt validate` for the verdict. Exit code 0 when\n"
        "every partition this worker recorded is ok, partial or no_games.");
  }

  int Run(CliContext& ctx) override {
    if (options_.claim_expiry_seconds <= options_.heartbeat_seconds) {
      return PrintError(ctx, "--claim-expiry must be longer than --heartbeat (a live worker's "
                             "claims would expire between beats)", 2);
    }
    options_.command_line = ctx.command_line.empty() ? "backcourt worker" : ctx.command_line;
    options_.pause_after_first_claim_seconds = PauseFromEnvironment();
    options_.stop = &g_worker_stop;
    auto db = OpenStore(ctx.db_path);
    if (!db) return PrintError(ctx, db.error());
    g_worker_stop.store(false);
    g_worker_signal.store(0);
    auto previous_int = std::signal(SIGINT, RequestWorkerStop);
    auto previous_term = std::signal(SIGTERM, RequestWorkerStop);
    auto result = RunWorker(*db, Registry::Default(), options_, ctx.out);
    std::signal(SIGINT, previous_int);
    std::signal(SIGTERM, previous_term);
    if (!result) return PrintError(ctx, result.error(), "worker stopped");
    Print(ctx.out, *result, ctx.db_path);
    if (result->interrupted) return 128 + (g_worker_signal.load() ? g_worker_signal.load() : SIGINT);
    return result->passed() ? 0 : 1;
  }

 private:
  static void Print(std::ostream& out, const WorkerResult& r, const std::string& db_path) {
    fmt::print(out, "\nWORKER SUMMARY (worker {}, {:.2f} s)\n", r.worker_id, r.seconds);
    int64_t total = 0;
    for (const auto& [status, count] : r.recorded) {
      fmt::print(out, "  {:<10} {:>6}\n", ToString(status), count);
      total += count;
    }
    fmt::print(out, "Recorded {} partition(s), {} rows; took over {} expired claim(s); {} "
                    "build(s) discarded (claim lost)\n",
               total, r.rows, r.taken_over, r.lost);
    if (r.kept > 0) {
      fmt::print(out, "Unchanged: {} partition(s) came out exactly as stored: their rows were "
                      "kept, their records rewritten\n",
                 r.kept);
    }
    for (const FailedPartition& f : r.failures) {
      fmt::print(out, "  ✗ {} {} {}: {}\n", f.table, f.date, ToString(f.status), f.reason);
    }
    if (r.queue_left > 0) {
      fmt::print(out, "Queue: {} partition(s) not finished; other workers (or this one, "
                      "started again) finish them\n", r.queue_left);
    } else if (!r.first_date.empty()) {
      fmt::print(out, "Queue drained. For the verdict: backcourt --db {} validate "
                      "--start-date {} --end-date {}\n",
                 db_path, r.first_date, r.last_date);
    } else {
      fmt::print(out, "Queue: empty (queue partitions with backcourt backfill --queue)\n");
    }
  }

  WorkerOptions options_;
};

}  // namespace

std::unique_ptr<Command> MakeWorkerCommand() { return std::make_unique<WorkerCommand>(); }

}  // namespace backcourt
