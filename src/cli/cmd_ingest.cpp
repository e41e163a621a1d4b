// backcourt ingest PATH... [--format F] [--captured-at TIME]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.h"
#include "cli/command_util.h"
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
    app.add_option("--max-input-mib", max_input_mib_,
                   "Refuse a file larger than this once decompressed (checked while inflating)")
        ->check(CLI::Range(1, 1 << 20))
        ->capture_default_str();
    app.add_option("--max-json-mib", max_json_mib_,
                   "Refuse a JSON document larger than this (its parse takes many times more)")
        ->check(CLI::Range(1, 1 << 20))
        ->capture_default_str();
    app.footer(
        "Each file is loaded in one transaction and recorded with its sha256: re-ingesting an\n"
        "unchanged file changes nothing; a changed file replaces exactly the rows it brought.\n"
        "Malformed rows go to raw_rejects with line and reason; an unreadable file is refused\n"
        "whole (exit code 1) and nothing of it is kept.");
  }

  int Run(CliContext& ctx) override {
    options_.limits.max_decompressed_bytes = max_input_mib_ << 20;
    options_.limits.max_json_document_bytes = max_json_mib_ << 20;
    auto db = OpenStore(ctx.db_path);
    if (!db) return PrintError(ctx, db.error());
    auto report = Ingest(*db, paths_, options_, [&](const FileOutcome& f) {
      if (f.action == IngestAction::kRefused) {
        fmt::print(ctx.err, "backcourt: {}: refused: {}\n", f.path, f.error);
      } else if (!quiet_) {
        std::string note;
        if (f.skipped > 0) note = fmt::format("  ({} records not kept: see raw_skips)", f.skipped);
        if (f.action == IngestAction::kSkipped && !f.error.empty()) note = " (" + f.error + ")";
        fmt::print(ctx.out, "{:<9} {:<18} {:>7} rows {:>5} rejects  {}{}\n", ActionName(f.action),
                   f.format.empty() ? "-" : f.format, f.rows, f.rejects, f.path, note);
      }
    });
    if (!report) return PrintError(ctx, report.error(), "ingest failed");
    Summarise(ctx, *report);
    if (report->special_skipped > 0) {
      fmt::print(ctx.err, "backcourt: warning: {} path(s) inside the folders were not read: FIFOs, "
                          "devices, sockets, dangling links or symlink loops (listed above as "
                          "skipped)\n",
                 report->special_skipped);
    }
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
  int64_t max_input_mib_ = InputLimits().max_decompressed_bytes >> 20;
  int64_t max_json_mib_ = InputLimits().max_json_document_bytes >> 20;
};

}  // namespace

std::unique_ptr<Command> MakeIngestCommand() { return std::make_unique<IngestCommand>(); }

}  // namespace backcourt
