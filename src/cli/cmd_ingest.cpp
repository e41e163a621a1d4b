// backcourt ingest PATH... [--format F] [--captured-at TIME]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.h"
#include "ingest/ingest.h"
#include "store/schema.h"

namespace backcourt {
namespace {

class IngestCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.add_option("paths", paths_, "Files or folders (a folder means every file in it)")
        ->required();
    std::string formats;
    for (const std::string& name : FormatNames()) formats += (formats.empty() ? "" : ", ") + name;
    app.add_option("--format", options_.format, "Skip detection and read every file as: " + formats)
        ->check(CLI::IsMember(FormatNames()));
    app.add_option("--captured-at", options_.captured_at,
                   "Capture time (ISO-8601 UTC, e.g. 2025-10-21T17:00:00Z) of betting lines in "
                   "files that carry none; without it such lines can grade but never feed a "
                   "feature");
    app.add_flag("--quiet", quiet_, "Print only errors and the summary");
    app.footer(
        "Each file is loaded in one transaction and recorded with its sha256: re-ingesting an\n"
        "unchanged file changes nothing; a changed file replaces exactly the rows it brought.\n"
        "Malformed rows go to raw_rejects with line and reason; an unreadable file is refused\n"
        "whole (exit code 1) and nothing of it is kept.");
  }

  int Run(CliContext& ctx) override {
    auto db = OpenStore(ctx.db_path);
    if (!db) {
      fmt::print(ctx.err, "backcourt: {}\n", db.error().message());
      return 1;
    }
    auto report = Ingest(*db, paths_, options_, [&](const FileOutcome& f) {
      if (f.action == IngestAction::kRefused) {
        fmt::print(ctx.err, "backcourt: {}: refused: {}\n", f.path, f.error);
      } else if (!quiet_) {
        fmt::print(
            ctx.out, "{:<9} {:<18} {:>7} rows {:>5} rejects  {}{}\n", ActionName(f.action),
            f.format.empty() ? "-" : f.format, f.rows, f.rejects, f.path,
            f.skipped > 0 ? fmt::format("  ({} records not kept: see raw_skips)", f.skipped) : "");
      }
    });
    if (!report) {
      fmt::print(ctx.err, "backcourt: ingest failed: {}\n", report.error().message());
      return 1;
    }
    Summarise(ctx, *report);
    return report->ok() ? 0 : 1;
  }

 private:
  static void Summarise(CliContext& ctx, const IngestReport& report) {
    int64_t rows = 0, rejects = 0;
    int counts[5] = {};
    for (const FileOutcome& f : report.files) {
      counts[static_cast<int>(f.action)]++;
      if (f.action == IngestAction::kLoaded || f.action == IngestAction::kReplaced) {
        rows += f.rows;
        rejects += f.rejects;
      }
    }
    const double mb = static_cast<double>(report.bytes) / 1e6;
    fmt::print(ctx.out,
               "Ingest: {} loaded, {} replaced, {} unchanged, {} skipped, {} refused; {} rows, {} "
               "rejects written; {:.1f} MB in {:.2f} s ({:.1f} MB/s)\n",
               counts[0], counts[1], counts[2], counts[3], counts[4], rows, rejects, mb,
               report.seconds, report.seconds > 0 ? mb / report.seconds : 0.0);
  }

  std::vector<std::string> paths_;
  IngestOptions options_;
  bool quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeIngestCommand() { return std::make_unique<IngestCommand>(); }

}  // namespace backcourt
