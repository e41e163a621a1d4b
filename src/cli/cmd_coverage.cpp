// backcourt coverage [--by date|month|season] [--table T] [--start-date D] [--end-date D]
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/date_options.h"
#include "cli/command_util.h"
#include "store/schema.h"
#include "validate/coverage.h"
#include "validate/render.h"

namespace backcourt {
namespace {

class CoverageCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.add_option("--by", by_, "Period")
        ->check(CLI::IsMember({"date", "month", "season"}))
        ->capture_default_str();
    app.add_option("--table", table_, "Only this table");
    AddDateOption(app, "--start-date", start_date_, "First game date");
    AddDateOption(app, "--end-date", end_date_, "Last game date");
    app.add_option("--format", format_, "Output format")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    app.footer(
        "Per table and period: final games and team-games the schedule expects vs present;\n"
        "for player rows, minutes % of active rows and usage % of active rows whose source\n"
        "provides shooting data, with rows from sources without it (not provided) apart.");
  }

  int Run(CliContext& ctx) override {
    if (auto range = CheckDateRange("--start-date", start_date_, "--end-date", end_date_); !range) {
      return PrintError(ctx, range.error().message(), 2);
    }
    auto facts = LoadFactsForCommand(ctx, table_, start_date_, end_date_);
    if (!facts) return PrintError(ctx, facts.error().message());
    const CoverageBy by = *ParseCoverageBy(by_);
    const std::vector<CoverageRow> rows = ComputeCoverage(*facts, by, table_);
    if (format_ == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const CoverageRow& row : rows) j.push_back(CoverageJson(row, by_.c_str()));
      ctx.out << j.dump(2) << "\n";
      return 0;
    }
    fmt::print(ctx.out, "COVERAGE {}..{} by {}\n", facts->first, facts->last, by_);
    PrintCoverage(ctx.out, rows, by_.c_str());
    return 0;
  }

 private:
  std::string by_ = "month";
  std::string table_, start_date_, end_date_;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> MakeCoverageCommand() { return std::make_unique<CoverageCommand>(); }

}  // namespace backcourt
