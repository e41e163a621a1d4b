#pragma once
// Pieces the commands share: the error line and the start of the validation-fact commands.
#include <string>
#include <string_view>

#include "cli/cli.h"
#include "core/status.h"
#include "validate/facts.h"

namespace backcourt {

// Prints "backcourt: <message>" on the error stream and returns `exit_code`.
int PrintError(CliContext& ctx, std::string_view message, int exit_code = 1);
// The same for an error value: its message, and under --verbose its detail too.
int PrintError(CliContext& ctx, const Error& error, std::string_view context = {},
               int exit_code = 1);

// For coverage and gaps: checks `table` (empty: every table), opens the store and loads
// the validation facts of the range (empty bounds: the schedule's).
Result<ValidationFacts> LoadFactsForCommand(CliContext& ctx, const std::string& table,
                                            const std::string& start_date,
                                            const std::string& end_date);

}  // namespace backcourt
