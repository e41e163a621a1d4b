// backcourt report --html FILE [--start-date D] [--end-date D] [--thresholds FILE]
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <fstream>

#include "cli/cli.h"
#include "cli/date_options.h"
#include "core/files.h"
#include "cli/command_util.h"
#include "store/schema.h"
#include "validate/report_html.h"

namespace backcourt {
namespace {

class ReportCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.add_option("--html", html_path_, "Write the report to FILE")->required();
    AddDateOption(app, "--start-date", options_.start_date, "First game date");
    AddDateOption(app, "--end-date", options_.end_date, "Last game date");
    app.add_option("--thresholds", thresholds_path_, "TOML file overriding the default thresholds")
        ->check(CLI::ExistingFile);
    app.footer(
        "One self-contained HTML page (inline CSS and SVG, no network): a calendar heatmap per\n"
        "table coloured by partition state, coverage by month, failed checks with examples, and\n"
        "the latest model evaluation once a model has been trained.");
  }

  int Run(CliContext& ctx) override {
    if (auto range = CheckDateRange("--start-date", options_.start_date, "--end-date", options_.end_date); !range) {
      return PrintError(ctx, range.error().message(), 2);
    }
    auto db = OpenStoreForReading(ctx.db_path);
    if (!db) return PrintError(ctx, db.error().message());
    if (!thresholds_path_.empty()) {
      auto thresholds = LoadThresholds(thresholds_path_);
      if (!thresholds) return PrintError(ctx, thresholds.error().message());
      options_.thresholds = *thresholds;
    }
    auto html = RenderHtmlReport(*db, options_);
    if (!html) return PrintError(ctx, html.error().message());
    // Atomic: a failed write (a full disk) leaves the previous report intact.
    if (const Status written = WriteFileAtomically(html_path_, *html); !written) {
      return PrintError(ctx, written.error().message() + "; the previous report, if any, is intact");
    }
    fmt::print(ctx.out, "Wrote report to {} ({} KB)\n", html_path_, html->size() / 1024);
    return 0;
  }

 private:
  ReportOptions options_;
  std::string html_path_, thresholds_path_;
};

}  // namespace

std::unique_ptr<Command> MakeReportCommand() { return std::make_unique<ReportCommand>(); }

}  // namespace backcourt
