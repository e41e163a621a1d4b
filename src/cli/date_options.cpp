#include "cli/date_options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>

#include "core/date.h"

namespace backcourt {
namespace {

// Replaces the option's text by its ISO form; CLI11 prefixes the error with the option name.
CLI::Validator IsoDate() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        auto date = ParseDateArgument("", text);
        if (!date) return date.error().message();
        text = date->ToIso();
        return {};
      },
      "DATE");
}

}  // namespace

CLI::Option* AddDateOption(CLI::App& app, const std::string& name, std::string& value,
                           const std::string& help) {
  return app.add_option(name, value, fmt::format("{} ({})", help, kDateForm))
      ->transform(IsoDate());
}

CLI::Option* AddDateListOption(CLI::App& app, const std::string& name,
                               std::vector<std::string>& values, const std::string& help) {
  auto parse = [name, &values](const std::vector<std::string>& given) {
    values.clear();
    for (const std::string& text : given) {
      auto dates = ParseDateList("", text);
      if (!dates) throw CLI::ValidationError(name, dates.error().message());
      for (const Date& date : *dates) {
        if (std::find(values.begin(), values.end(), date.ToIso()) == values.end()) {
          values.push_back(date.ToIso());
        }
      }
    }
  };
  return app.add_option_function<std::vector<std::string>>(
      name, parse, fmt::format("{}, comma separated ({})", help, kDateForm));
}

Status CheckDateRange(std::string_view first_name, const std::string& first,
                      std::string_view second_name, const std::string& second, bool strict) {
  if (first.empty() || second.empty()) return {};
  // Both were normalised by the option's validator; parse again rather than trust text order.
  BC_ASSIGN_OR_RETURN(const Date a, ParseDateArgument(first_name, first));
  BC_ASSIGN_OR_RETURN(const Date b, ParseDateArgument(second_name, second));
  return CheckDateOrder(first_name, a, second_name, b, strict);
}

}  // namespace backcourt
