#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <exception>

#include "store/db.h"

namespace backcourt {
namespace {

// The command line as one string a shell would split back into the same words.
std::string ShellQuoted(int argc, const char* const* argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    // A database URL's password never reaches the runs table, the lease or the screen.
    const std::string word = i == 0 ? "backcourt" : DisplayTarget(argv[i]);
    const bool plain = !word.empty() && word.find_first_not_of(
                                            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789-_=.,/:+@%") == std::string::npos;
    if (!line.empty()) line += ' ';
    if (plain) {
      line += word;
      continue;
    }
    line += '\'';
    for (char c : word) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

}  // namespace

std::vector<CommandSpec> AllCommands() {
  return {
      {"ingest", "Load input files (box scores, game logs, schedules) into the database",
       MakeIngestCommand},
      {"backfill", "Build derived tables by game date, resumably, with a summary",
       MakeBackfillCommand},
      {"worker",
       "Build queued partitions (backfill --queue), claimed a few at a time, "
       "beside other workers",
       MakeWorkerCommand},
      {"status", "Show what the database holds", MakeStatusCommand},
      {"copy", "Copy a whole database into an empty one (SQLite to PostgreSQL and back)",
       MakeCopyCommand},
      {"validate", "Check the derived tables against the schedule and give a verdict",
       MakeValidateCommand},
      {"coverage", "Expected vs present games and rows, minutes and usage, by period",
       MakeCoverageCommand},
      {"gaps", "List the expected-but-missing games and dates", MakeGapsCommand},
      {"report", "Write a self-contained HTML report (heatmaps, coverage, checks, model)",
       MakeReportCommand},
      {"train", "Train the points model and evaluate it against the baselines", MakeTrainCommand},
      {"predict", "Predict points for the players of a date's games", MakePredictCommand},
      {"grade", "Judge a model against the betting lines of a date range", MakeGradeCommand},
      {"fetch", "Download NBA.com stats, the CDN schedule and Odds API lines", MakeFetchCommand},
      {"daily", "Fetch, ingest, backfill, validate and grade yesterday; predict today",
       MakeDailyCommand},
  };
}

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "backcourt: NBA box scores to validated analytics tables, features and a points model.\n"
      "Run 'backcourt COMMAND --help' for a command's options."};
  app.require_subcommand(1);
  CliContext ctx{out, err, kDefaultDbPath, ShellQuoted(argc, argv)};
  app.add_option("--db", ctx.db_path, "SQLite database file, or a PostgreSQL URL (postgresql://...) or key=value string")->capture_default_str();
  app.add_flag("--verbose", ctx.verbose,
               "Print errors with their technical detail (SQL statements, library messages)");
  std::vector<std::pair<CLI::App*, std::unique_ptr<Command>>> commands;
  for (const CommandSpec& spec : AllCommands()) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.help);
    sub->add_option("--db", ctx.db_path, "SQLite database file, or a PostgreSQL URL (postgresql://...) or key=value string")->capture_default_str();
    auto command = spec.make();
    command->Configure(*sub);
    commands.emplace_back(sub, std::move(command));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help exits 0; every usage error (unknown flag, bad date, ...) exits 2.
    return app.exit(e, out, err) == 0 ? 0 : 2;
  }
  try {
    for (auto& [sub, command] : commands) {
      if (sub->parsed()) return command->Run(ctx);
    }
  } catch (const std::exception& e) {
    err << "backcourt: internal error (please report it): " << e.what() << "\n";
    return 70;
  }
  return 2;
}

}  // namespace backcourt
