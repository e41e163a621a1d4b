#pragma once
// The command-line interface: one table of commands, each in its own file.
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace backcourt {

inline constexpr const char* kDefaultDbPath = "backcourt.db";

// Where a command writes; tests pass string streams.
struct CliContext {
  std::ostream& out;
  std::ostream& err;
  std::string db_path = kDefaultDbPath;  // --db, shared by every command
  std::string command_line;              // argv as typed (shell-quoted), recorded in runs
  bool verbose = false;                  // backcourt --verbose: errors with their detail
};

class Command {
 public:
  virtual ~Command() = default;
  // Declares the command's flags on its subcommand.
  virtual void Configure(CLI::App& app) = 0;
  // Runs after parsing; returns the process exit code.
  virtual int Run(CliContext& ctx) = 0;
};

struct CommandSpec {
  const char* name;
  const char* help;
  std::function<std::unique_ptr<Command>()> make;
};

std::vector<CommandSpec> AllCommands();

// Parses argv and runs one command; returns the exit code. Never throws.
int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

// Factories, one per command file.
std::unique_ptr<Command> MakeIngestCommand();
std::unique_ptr<Command> MakeStatusCommand();
std::unique_ptr<Command> MakeCopyCommand();
std::unique_ptr<Command> MakeBackfillCommand();
std::unique_ptr<Command> MakeTrainCommand();
std::unique_ptr<Command> MakePredictCommand();
std::unique_ptr<Command> MakeGradeCommand();
std::unique_ptr<Command> MakeValidateCommand();
std::unique_ptr<Command> MakeCoverageCommand();
std::unique_ptr<Command> MakeGapsCommand();
std::unique_ptr<Command> MakeReportCommand();
std::unique_ptr<Command> MakeFetchCommand();
std::unique_ptr<Command> MakeDailyCommand();
std::unique_ptr<Command> MakeWorkerCommand();

}  // namespace backcourt
