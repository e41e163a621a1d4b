// backcourt grade --start-date D --end-date D [--model FILE] [--book B] [--format table|json]
//                 [--min-edge P] [--record]
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/command_util.h"
#include "cli/date_options.h"
#include "ml/grade.h"
#include "ml/grade_output.h"
#include "store/schema.h"

namespace backcourt {
namespace {

class GradeCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    AddDateOption(app, "--start-date", options_.start_date, "First game date")->required();
    AddDateOption(app, "--end-date", options_.end_date, "Last game date")->required();
    app.add_option("--model", options_.model_path, "Model file (default: the latest trained)");
    app.add_option("--book", options_.book,
                   "Grade against this book's line (e.g. draftkings, prizepicks) instead of the "
                   "consensus");
    app.add_option("--min-edge", options_.min_edge,
                   "Edge (points) from which a side is a bet in the record (below: PASS); also "
                   "an extra bucket when not 0, 1, 2 or 3")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    options_.compare = true;
    app.add_option("--compare-model", options_.compare_model_path,
                   "Also score the same rows with this model and print both side by side "
                   "(default: the model's twin without availability, when train made one)");
    app.add_flag("--no-compare{false}", options_.compare,
                 "Grade the model alone, without its twin or --compare-model");
    app.add_flag("--record", options_.record,
                 "Write the graded rows into the predictions table (without it, grade only "
                 "reads)");
    app.add_option("--format", format_, "Output format")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    app.footer(
        "Judges the model on the player-games of the range that have a line (player_prop_lines:\n"
        "the consensus row, or --book's) and a result (player_game_features with minutes > 0 and\n"
        "an earlier game that season, for last-10). Lined players who did not play are counted,\n"
        "not graded. The model scores each date's built feature rows, as predict would.\n"
        "Prints MAE of the model, the line and last-10 on the same rows; the hit rate of the\n"
        "model's side (OVER when prediction > line) by |edge| >= 0, 1, 2, 3 with a 95% Wilson\n"
        "interval (a push is neither win nor loss); ROI per unit at the best real price of the\n"
        "side (pick'em lines at an assumed -110); a calibration table (edge -> over rate).\n"
        "With a second model (the twin train fits without availability, or --compare-model):\n"
        "its MAE, hit rate and ROI on the same rows, and the MAE difference with a 95% interval\n"
        "(the rows of one date as a cluster). --record writes the first model's rows only.");
  }

  int Run(CliContext& ctx) override {
    const Status order =
        CheckDateRange("--start-date", options_.start_date, "--end-date", options_.end_date);
    if (!order) return PrintError(ctx, order.error().message(), 2);
    auto db = options_.record ? OpenStore(ctx.db_path) : OpenStoreForReading(ctx.db_path);
    if (!db) return PrintError(ctx, db.error());
    auto report = GradeRange(*db, options_);
    if (!report) return PrintError(ctx, report.error(), "grade");
    if (format_ == "json") {
      ctx.out << GradeJson(*report).dump(2) << "\n";
      return 0;
    }
    fmt::print(ctx.out, "Grade of model {} ({}) over {}..{}\n", report->model_id,
               report->model_path.empty() ? "-" : report->model_path, options_.start_date,
               options_.end_date);
    ctx.out << GradeTable(*report) << ComparisonTable(*report);
    if (report->model_registered) {
      fmt::print(ctx.out, "Model file {} was not in model_runs: registered as model {}\n",
                 report->model_path, report->model_id);
    }
    if (options_.record) {
      fmt::print(ctx.out, "Recorded {} graded rows in predictions (model {})\n", report->recorded,
                 report->model_id);
    }
    return 0;
  }

 private:
  GradeOptions options_;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> MakeGradeCommand() { return std::make_unique<GradeCommand>(); }

}  // namespace backcourt
