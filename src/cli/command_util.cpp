#include "cli/command_util.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "store/schema.h"

namespace backcourt {

int PrintError(CliContext& ctx, std::string_view message, int exit_code) {
  fmt::print(ctx.err, "backcourt: {}\n", message);
  return exit_code;
}

int PrintError(CliContext& ctx, const Error& error, std::string_view context, int exit_code) {
  fmt::print(ctx.err, "backcourt: {}{}{}\n", context, context.empty() ? "" : ": ", error.message());
  if (ctx.verbose && !error.detail().empty()) fmt::print(ctx.err, "  detail: {}\n", error.detail());
  return exit_code;
}

Result<ValidationFacts> LoadFactsForCommand(CliContext& ctx, const std::string& table,
                                            const std::string& start_date,
                                            const std::string& end_date) {
  const Registry registry = Registry::Default();
  if (!table.empty() && registry.Find(table) == nullptr) {
    return InvalidInput(
        fmt::format("unknown table '{}' (tables: {})", table, fmt::join(registry.Names(), ", ")));
  }
  BC_ASSIGN_OR_RETURN(Db db, OpenStoreForReading(ctx.db_path));
  return LoadFacts(db, registry, start_date, end_date, Thresholds());
}

}  // namespace backcourt
