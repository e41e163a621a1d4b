// backcourt predict --date D [--model FILE] [--format table|csv]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/cli.h"
#include "cli/command_util.h"
#include "cli/date_options.h"
#include "ml/predict.h"
#include "core/timestamp.h"
#include "store/schema.h"

namespace backcourt {
namespace {

std::string Avg(const std::optional<double>& v) { return v ? fmt::format("{:.1f}", *v) : ""; }

class PredictCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    AddDateOption(app, "--date", options_.date, "Game date to score")->required();
    app.add_option("--model", options_.model_path, "Model file (default: the latest trained)");
    app.add_flag("--record", options_.store,
                 "Store the predictions in the predictions table (without it, predict only reads)");
    app.add_option("--as-of", as_of_,
                   "Use only injury reports published before this time (ISO UTC, e.g. "
                   "2024-01-04T20:00:00Z); the date's games are then projected from the schedule");
    app.add_option("--format", format_, "Output format")
        ->check(CLI::IsMember({"table", "csv"}))
        ->capture_default_str();
    app.footer(
        "Scores the players of the date's games: the built feature rows when the date is\n"
        "built, otherwise each scheduled team's recent players, from earlier dates only.\n"
        "With --record, predictions of a model in model_runs are stored in the predictions table;\n"
        "otherwise the database is only read.");
  }

  int Run(CliContext& ctx) override {
    if (!as_of_.empty()) {
      const auto instant = ParseUtcTimestamp(as_of_);
      if (!instant) {
        return PrintError(ctx, "--as-of: '" + as_of_ + "' is not an ISO UTC time", 2);
      }
      options_.as_of = FormatUtcTimestamp(*instant);
    }
    auto db = options_.store ? OpenStore(ctx.db_path) : OpenStoreForReading(ctx.db_path);
    if (!db) return PrintError(ctx, db.error());
    auto report = PredictDate(*db, options_);
    if (!report) return PrintError(ctx, report.error(), "predict");
    if (format_ == "csv") {
      PrintCsv(ctx.out, *report);
    } else {
      PrintTable(ctx.out, *report);
    }
    PrintRuledOut(ctx.out, *report);
    return 0;
  }

 private:
  static void PrintCsv(std::ostream& out, const PredictReport& r) {
    fmt::print(out, "game_date,game_id,team,opponent,player_key,player_name,predicted_points,"
                    "pts_avg_last10,actual_points,availability\n");
    for (const PlayerPrediction& p : r.players) {
      const PlayerFeatureRow& f = p.features;
      fmt::print(out, "{},{},{},{},{},\"{}\",{:.2f},{},{},{}\n", f.game_date, f.game_id, f.team,
                 f.opponent, f.player_key, f.player_name, p.points, Avg(f.pts_avg_last10),
                 f.target_points ? fmt::format("{:.0f}", *f.target_points) : "", p.availability);
    }
  }

  void PrintTable(std::ostream& out, const PredictReport& r) const {
    fmt::print(out, "Predicted points for {} with model {} ({}){}: {} players\n", options_.date,
               r.model_id, r.model_path, r.projected ? ", projected from the schedule" : "",
               r.players.size());
    fmt::print(out, "{:<12} {:<4} {:<4} {:<26} {:>6} {:>7} {:>6}  {}\n", "game", "team", "opp",
               "player", "pred", "last10", "actual", "status");
    for (const PlayerPrediction& p : r.players) {
      const PlayerFeatureRow& f = p.features;
      fmt::print(out, "{:<12} {:<4} {:<4} {:<26} {:>6.1f} {:>7} {:>6}  {}\n", f.game_id, f.team,
                 f.opponent, f.player_name.substr(0, 26), p.points, Avg(f.pts_avg_last10),
                 f.target_points ? fmt::format("{:.0f}", *f.target_points) : "", Flag(p));
    }
  }

  // The players left out: Out in the last report published before tip (and before --as-of).
  static void PrintRuledOut(std::ostream& out, const PredictReport& r) {
    if (r.ruled_out.empty()) return;
    fmt::print(out, "\nOut (not predicted), from the last injury report before tip:\n");
    for (const ListedPlayer& p : r.ruled_out) {
      fmt::print(out, "  {:<12} {:<4} {:<26} {:<22} {}\n", p.game_id, p.team,
                 p.player_name.substr(0, 26), p.report_time, p.reason);
    }
  }

  static std::string Flag(const PlayerPrediction& p) {
    return p.availability == "doubtful" || p.availability == "questionable" ? p.availability : "";
  }

  PredictOptions options_;
  std::string as_of_;
  std::string format_ = "table";
};

}  // namespace

std::unique_ptr<Command> MakePredictCommand() { return std::make_unique<PredictCommand>(); }

}  // namespace backcourt
