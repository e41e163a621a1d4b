#pragma once
// Date options of every command go through one parser (core/date.h), called by CLI11 while
// it parses: a bad date is a usage error naming the option, and the stored value is the
// canonical ISO text, so the engine compares well-formed dates only.
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace backcourt {

// The sentence every date option's help ends with.
inline constexpr const char* kDateForm = "YYYY-MM-DD; spaces around it are trimmed";

CLI::Option* AddDateOption(CLI::App& app, const std::string& name, std::string& value,
                           const std::string& help);
// A comma-separated list, e.g. --dates "2024-01-05, 2024-01-06" (repeating the option adds).
CLI::Option* AddDateListOption(CLI::App& app, const std::string& name,
                               std::vector<std::string>& values, const std::string& help);

// When both are given: `first` <= `second` (`first` < `second` when `strict`).
Status CheckDateRange(std::string_view first_name, const std::string& first,
                      std::string_view second_name, const std::string& second,
                      bool strict = false);

}  // namespace backcourt
