// backcourt validate [--start-date D] [--end-date D] [--format table|json] [--thresholds FILE]
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/date_options.h"
#include "cli/command_util.h"
#include "store/schema.h"
#include "validate/render.h"
#include "validate/validate.h"

namespace backcourt {
namespace {

class ValidateCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    AddDateOption(app, "--start-date", options_.start_date, "First game date");
    AddDateOption(app, "--end-date", options_.end_date, "Last game date");
    app.add_option("--format", format_, "Output format")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    app.add_option("--thresholds", thresholds_path_, "TOML file overriding the default thresholds")
        ->check(CLI::ExistingFile);
    app.add_flag("--strict", strict_, "Demand 100% coverage (every team-game, minutes and usage)");
    app.footer(
        "Checks every derived table against the schedule (final games that count: not preseason,\n"
        "not All-Star): completeness, minutes and usage coverage (rows whose source has no\n"
        "shooting data are counted apart as not provided), duplicate keys, team points = sum of\n"
        "player points, usage shares, value ranges, and failed, blocked, missing or stale\n"
        "partitions. Coverage is judged per season: two team rows for every final game, player\n"
        "rows for >= 99.5% of the team-games that count toward season statistics (regular season\n"
        "and playoffs; play-in games and the Cup final are listed but outside the share),\n"
        "minutes for >= 99% of active rows, usage for >= 95% of rows whose source has\n"
        "shooting; --strict demands 100%. Every gap is listed by date, game and reason whatever\n"
        "the verdict. validate only reads the database. The range defaults to the schedule's.\n"
        "Exit code: 0 when no blocking check fails, 1 when one does, 2 when validation could\n"
        "not run.");
  }

  int Run(CliContext& ctx) override {
    if (auto range = CheckDateRange("--start-date", options_.start_date, "--end-date", options_.end_date); !range) {
      return PrintError(ctx, range.error().message(), 2);
    }
    auto db = OpenStoreForReading(ctx.db_path);
    if (!db) return PrintError(ctx, db.error().message(), 2);
    if (!thresholds_path_.empty()) {
      auto thresholds = LoadThresholds(thresholds_path_);
      if (!thresholds) return PrintError(ctx, thresholds.error().message(), 2);
      options_.thresholds = *thresholds;
    }
    if (strict_) MakeStrict(options_.thresholds);
    options_.record = false;  // a read command: the verdict is printed, not stored
    auto result = Validate(*db, options_);
    if (!result) return PrintError(ctx, "validation could not run: " + result.error().message(), 2);
    // No verdict without evidence: "pass" over nothing would say nothing was checked.
    if (result->expected_games == 0) {
      return PrintError(ctx,
                        fmt::format("no final game that counts in {}..{}: nothing to validate "
                                    "(check the range, or ingest a schedule for it)",
                                    result->start_date.empty() ? "-" : result->start_date,
                                    result->end_date.empty() ? "-" : result->end_date),
                        2);
    }
    if (format_ == "json") {
      ctx.out << ValidationJson(*result).dump(2) << "\n";
    } else {
      PrintValidation(ctx.out, *result);
      fmt::print(ctx.out, "(validated in {:.2f} s)\n", result->seconds);
    }
    return result->passed() ? 0 : 1;
  }

 private:
  ValidateOptions options_;
  std::string format_ = "table";
  std::string thresholds_path_;
  bool strict_ = false;
};

}  // namespace

std::unique_ptr<Command> MakeValidateCommand() { return std::make_unique<ValidateCommand>(); }

}  // namespace backcourt
