// backcourt gaps [--table T] [--csv FILE] [--start-date D] [--end-date D]
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli.h"
#include "cli/date_options.h"
#include "core/files.h"
#include "cli/command_util.h"
#include "store/schema.h"
#include "validate/gaps.h"
#include "validate/render.h"

namespace backcourt {
namespace {

class GapsCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.add_option("--table", table_, "Only this table");
    app.add_option("--csv", csv_path_, "Write the gaps as CSV to FILE ('-': standard output)");
    AddDateOption(app, "--start-date", start_date_, "First game date");
    AddDateOption(app, "--end-date", end_date_, "Last game date");
    app.footer(
        "Lists the final games the schedule expects that a table lacks (by team), with the\n"
        "state of their date's partition, then the dates to reprocess. The range defaults to\n"
        "the schedule's. Exit code 0 when the list was produced, whether or not it is empty.");
  }

  int Run(CliContext& ctx) override {
    if (auto range = CheckDateRange("--start-date", start_date_, "--end-date", end_date_); !range) {
      return PrintError(ctx, range.error().message(), 2);
    }
    auto facts = LoadFactsForCommand(ctx, table_, start_date_, end_date_);
    if (!facts) return PrintError(ctx, facts.error().message());
    const std::vector<Gap> gaps = ComputeGaps(*facts, table_);
    if (csv_path_ == "-") {
      WriteGapsCsv(ctx.out, gaps);
      return 0;
    }
    fmt::print(ctx.out, "GAPS {}..{}\n", facts->first, facts->last);
    PrintGaps(ctx.out, gaps);
    if (csv_path_.empty()) return 0;
    std::ostringstream csv;
    WriteGapsCsv(csv, gaps);
    // Atomic: a failed write (a full disk) leaves the previous CSV intact.
    if (const Status written = WriteFileAtomically(csv_path_, csv.str()); !written) {
      return PrintError(ctx, written.error().message() + "; the previous file, if any, is intact");
    }
    fmt::print(ctx.out, "Wrote {} gap(s) to {}\n", gaps.size(), csv_path_);
    return 0;
  }

 private:
  std::string table_, csv_path_, start_date_, end_date_;
};

}  // namespace

std::unique_ptr<Command> MakeGapsCommand() { return std::make_unique<GapsCommand>(); }

}  // namespace backcourt
