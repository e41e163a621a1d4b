// backcourt copy --from DB --to DB
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>

#include "cli/cli.h"
#include "cli/command_util.h"
#include "core/progress.h"
#include "store/copy.h"
#include "store/schema.h"

namespace backcourt {
namespace {

class CopyCommand : public Command {
 public:
  void Configure(CLI::App& app) override {
    app.add_option("--from", from_, "The database to copy: a SQLite file or a PostgreSQL URL")
        ->required();
    app.add_option("--to", to_,
                   "An empty database to copy into (a SQLite file, created when missing, or a "
                   "PostgreSQL URL, postgresql://...)")
        ->required();
    app.footer(
        "Copies every backcourt table (raw rows, schedule, derived tables, partition records\n"
        "and gaps, runs, checks, models, predictions) from --from into --to, in one\n"
        "transaction: a copy that fails writes nothing. --from is only read and must have\n"
        "this backcourt's schema; --to must hold no rows. The copy is then checked: the same\n"
        "row count per table and the same status and data_version per partition. Either side\n"
        "may be SQLite or PostgreSQL, so a team can start embedded and move to the warehouse.\n"
        "--db is not used.");
  }

  int Run(CliContext& ctx) override {
    auto from = OpenStoreForReading(from_);
    if (!from) return PrintError(ctx, from.error().message());
    auto to = OpenStore(to_);
    if (!to) return PrintError(ctx, to.error().message());
    const auto start = std::chrono::steady_clock::now();
    auto copied = CopyStore(*from, *to, [&](const CopiedTable& t) {
      if (t.rows > 0) fmt::print(ctx.out, "  {:<32} {:>10} rows\n", t.table, t.rows);
    });
    if (!copied) {
      return PrintError(ctx, copied.error().message() + fmt::format("; nothing was written to {}",
                                                                    to->name()));
    }
    int64_t rows = 0;
    for (const CopiedTable& t : copied->tables) rows += t.rows;
    for (const std::string& table : copied->skipped) {
      fmt::print(ctx.out, "  skipped {}: not a backcourt table\n", table);
    }
    fmt::print(ctx.out,
               "Copied {} table(s), {} rows, from {} to {} in {:.2f} s; {} partition(s) carry "
               "the same data_version on both\n",
               copied->tables.size(), rows, from->name(), to->name(), SecondsSince(start),
               copied->partitions);
    return 0;
  }

 private:
  std::string from_, to_;
};

}  // namespace

std::unique_ptr<Command> MakeCopyCommand() { return std::make_unique<CopyCommand>(); }

}  // namespace backcourt
