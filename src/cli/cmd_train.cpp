// backcourt train --train-end D --test-start D [--test-end D] [--model FILE] [--format F]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/command_util.h"
#include "cli/date_options.h"
#include "ml/grade.h"
#include "ml/grade_output.h"
#include "ml/train.h"
#include "store/schema.h"

namespace backcourt {
namespace {

class TrainCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    AddDateOption(app, "--train-start", options_.train_start, "First training date (default: all)");
    AddDateOption(app, "--train-end", options_.train_end, "Last training date")->required();
    AddDateOption(app, "--test-start", options_.test_start, "First test date, after --train-end")
        ->required();
    AddDateOption(app, "--test-end", options_.test_end, "Last test date (default: the last built)");
    app.add_option("--model", options_.model_path,
                   "Model file to write (default: <db>.model-<id>.json)");
    app.add_option("--max-history-missing", options_.max_history_missing,
                   "Leave out training rows whose season history misses more than N team-games "
                   "(team-games without player rows); default: keep every row");
    app.add_option("--availability", availability_,
                   "Availability the model sees: auto (the last pre-tip injury report where a "
                   "team-game has one, the box-score out-list otherwise), report, derived, none")
        ->check(CLI::IsMember({"auto", "report", "derived", "none"}))
        ->capture_default_str();
    options_.availability_twin = true;
    app.add_flag("--no-availability-twin{false}", options_.availability_twin,
                 "With availability on, do not also fit the same model without the "
                 "availability features (the twin train and grade compare it with; halves the "
                 "training time)");
    app.add_flag("--line-features", options_.features.player_line,
                 "Add the player's own pre-tip consensus points line (player_line) to the model's "
                 "features");
    app.add_flag("--no-game-line-features{false}", options_.features.game_lines,
                 "Leave the game-line features (game_total, team_spread, implied_team_total, "
                 "implied_vs_recent) out, e.g. to measure what they add");
    app.add_flag("--force", options_.force,
                 "Replace an existing --model file, keeping the old one as FILE.vN (model_runs "
                 "rows that used it point there)");
    app.add_option("--format", format_, "Output format")
        ->check(CLI::IsMember({"table", "json"}))
        ->capture_default_str();
    app.footer(
        "Trains XGBoost (absolute-error loss, fixed seed) on player_game_features up to\n"
        "--train-end, stopping early on the last 10% of that range by date, then evaluates on\n"
        "the test range: every player-game with minutes > 0 and at least 10 earlier games\n"
        "that season. Prints MAE of the model and of the last-10 and season-average baselines,\n"
        "overall and by minutes played, then on the test rows with a game line and with the\n"
        "player's own line; the model's feature list is stored with it (model_runs, the file)\n"
        "and predict uses that list. With availability on, the same model is also trained\n"
        "without the availability features (its twin, FILE.no-availability.json, its own\n"
        "model run): both are printed side by side with the difference and its 95% interval\n"
        "(rows of one date clustered), with the availability features' share of the gain.");
  }

  int Run(CliContext& ctx) override {
    for (const Status& order :
         {CheckDateRange("--train-start", options_.train_start, "--train-end", options_.train_end),
          CheckDateRange("--train-end", options_.train_end, "--test-start", options_.test_start,
                         /*strict=*/true),
          CheckDateRange("--test-start", options_.test_start, "--test-end", options_.test_end)}) {
      if (!order) return PrintError(ctx, order.error().message(), 2);
    }
    options_.features.availability = *ParseAvailabilityMode(availability_);
    auto db = OpenStore(ctx.db_path);
    if (!db) return PrintError(ctx, db.error());
    auto report = TrainPointsModel(*db, options_);
    if (!report) return PrintError(ctx, report.error(), "train");
    if (!report->previous_model_kept_as.empty()) {
      fmt::print(ctx.err, "backcourt: the previous model file was kept as {}\n",
                 report->previous_model_kept_as);
    }
    // The test range judged against the line, as `grade` prints it.
    GradeOptions lined;
    lined.start_date = options_.test_start, lined.model_path = report->model_path;
    lined.compare = true;  // beside the twin without availability, when there is one
    lined.end_date = options_.test_end.empty() ? "9999-12-31" : options_.test_end;
    auto grade = GradeRange(*db, lined);
    if (!grade) return PrintError(ctx, grade.error(), "train: grading the test range");
    if (format_ == "json") {
      nlohmann::json j = EvaluationJson(report->evaluation);
      j["model_id"] = report->model_id;
      j["features"] = report->features;
      j["market_rows"] = MarketRowsJson(report->market);
      if (report->twin) j["availability_twin"] = TwinJson(*report->twin);
      j["lined"] = GradeJson(*grade);
      ctx.out << j.dump(2) << "\n";
    } else {
      PrintTable(ctx.out, *report);
      PrintLined(ctx.out, *grade);
    }
    return 0;
  }

 private:
  static void PrintRow(std::ostream& out, const std::string& label, const MaeTriple& m) {
    fmt::print(out, "{:<10} {:>7} {:>8.3f} {:>8.3f} {:>8.3f}\n", label, m.rows, m.model,
               m.last10, m.season);
  }

  static void PrintMarketRows(std::ostream& out, const MarketRowsMae& m) {
    fmt::print(out, "\nTest rows with market features (pre-tip lines)\n");
    fmt::print(out, "{:<10} {:>7} {:>8} {:>8} {:>8} {:>8}\n", "rows with", "rows", "model",
               "last10", "season", "line");
    PrintRow(out, "game line", m.with_game_total);
    fmt::print(out, "{:<10} {:>7} {:>8.3f} {:>8.3f} {:>8.3f} {:>8.3f}\n", "own line",
               m.with_player_line.rows, m.with_player_line.model, m.with_player_line.last10,
               m.with_player_line.season, m.player_line);
  }

  void PrintTable(std::ostream& out, const TrainReport& r) const {
    fmt::print(out, "Availability: {}\n", AvailabilityModeName(options_.features.availability));
    fmt::print(out, "Model {} ({}): {} training rows, validation from {} ({} rows), {} rounds, "
                    "validation MAE {:.3f}, {:.1f} s\n",
               r.model_id, r.model_path, r.train_rows, r.validation_start, r.validation_rows,
               r.rounds, r.validation_mae, r.seconds);
    fmt::print(out, "Features: {} (game lines {}, the player's own line {})\n", r.features.size(),
               options_.features.game_lines ? "in" : "out",
               options_.features.player_line ? "in" : "out");
    fmt::print(out, "History with gaps (team-games without player rows earlier in the season): "
                    "{} training rows{}, {} test rows\n",
               r.train_rows_history_missing,
               r.train_rows_filtered ? fmt::format(" ({} left out)", r.train_rows_filtered) : "",
               r.test_rows_history_missing);
    fmt::print(out, "\nTest MAE (points), {}..{}\n", options_.test_start,
               options_.test_end.empty() ? "end" : options_.test_end);
    fmt::print(out, "{:<10} {:>7} {:>8} {:>8} {:>8}\n", "minutes", "rows", "model", "last10",
               "season");
    for (const BucketMae& b : r.evaluation.by_minutes) PrintRow(out, b.bucket, b.mae);
    PrintRow(out, "all", r.evaluation.overall);
    const double gain = r.evaluation.overall.last10 > 0
                            ? 100 * (1 - r.evaluation.overall.model / r.evaluation.overall.last10)
                            : 0;
    fmt::print(out, "Model vs last-10 baseline: {:+.1f}%\n", -gain);
    PrintMarketRows(out, r.market);
    if (r.twin) PrintTwin(out, r);
    double total = 0;
    for (const auto& entry : r.importance) total += entry.second;
    fmt::print(out, "\nFeature importance (share of total gain)\n");
    for (const auto& [name, value] : r.importance) {
      fmt::print(out, "  {:<26} {:>6.1f}%\n", name, total > 0 ? 100 * value / total : 0);
    }
  }

  // The model beside its twin without availability, on the same test rows, and what the
  // availability features weigh in the model.
  static void PrintTwin(std::ostream& out, const TrainReport& r) {
    const TwinReport& t = *r.twin;
    fmt::print(out, "\nWith and without availability (twin model {} ({}): the same rows, "
                    "{} rounds)\n", t.model_id, t.model_path, t.rounds);
    fmt::print(out, "{:<10} {:>7} {:>8} {:>8} {:>8}\n", "minutes", "rows", "with", "without",
               "diff");
    for (size_t i = 0; i < r.evaluation.by_minutes.size(); ++i) {
      const MaeTriple& with = r.evaluation.by_minutes[i].mae;
      const MaeTriple& without = t.evaluation.by_minutes[i].mae;
      fmt::print(out, "{:<10} {:>7} {:>8.3f} {:>8.3f} {:>+8.3f}\n",
                 r.evaluation.by_minutes[i].bucket, with.rows, with.model, without.model,
                 with.model - without.model);
    }
    const PairedDifference& d = t.difference;
    fmt::print(out, "{:<10} {:>7} {:>8.3f} {:>8.3f} {:>+8.3f}  95% interval {:+.3f}..{:+.3f} "
                    "({} dates as clusters)\n",
               "all", d.rows, r.evaluation.overall.model, t.evaluation.overall.model, d.mean,
               d.ci95.low, d.ci95.high, d.clusters);
    double total = 0, availability = 0;
    for (const auto& [name, gain] : r.importance) {
      total += gain;
      if (IsAvailabilityFeature(name)) availability += gain;
    }
    fmt::print(out, "Availability features' gain: {:.1f}% of the model's total\n",
               total > 0 ? 100 * availability / total : 0);
    for (const auto& [name, gain] : r.importance) {
      if (IsAvailabilityFeature(name)) {
        fmt::print(out, "  {:<26} {:>6.1f}%\n", name, total > 0 ? 100 * gain / total : 0);
      }
    }
  }

  static void PrintLined(std::ostream& out, const GradeReport& g) {
    if (g.lined == 0) {
      fmt::print(out, "\nNo betting lines in the test range: nothing to grade against the line\n");
      return;
    }
    fmt::print(out,
               "\nTest range against the line (every lined player-game that was played, "
               "not only those with 10 earlier games)\n");
    out << GradeTable(g) << ComparisonTable(g);
  }

  TrainOptions options_;
  std::string availability_ = "auto";
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> MakeTrainCommand() { return std::make_unique<TrainCommand>(); }

}  // namespace backcourt
