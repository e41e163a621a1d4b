#include "validate/stored_result.h"

#include <nlohmann/json.hpp>

namespace backcourt {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CoverageRow, table, period, player_table, expected_games,
                                   complete_games, expected_team_games, present_team_games, rows,
                                   active_rows, minutes_present, usage_eligible, usage_present,
                                   not_provided)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Gap, table, game_date, game_id, game_type, matchup,
                                   missing_teams, partition_status, reason)

namespace {

nlohmann::json CheckJson(const CheckResult& c) {
  return {{"table", c.table},       {"check", c.check},
          {"blocking", c.severity == Severity::kBlocking},
          {"passed", c.passed},     {"observed", c.observed},
          {"expected", c.expected}, {"message", c.message},
          {"examples", c.examples}, {"dates", c.dates}};
}

CheckResult CheckFrom(const nlohmann::json& j) {
  CheckResult c;
  j.at("table").get_to(c.table);
  j.at("check").get_to(c.check);
  c.severity = j.at("blocking").get<bool>() ? Severity::kBlocking : Severity::kWarning;
  j.at("passed").get_to(c.passed);
  j.at("observed").get_to(c.observed);
  j.at("expected").get_to(c.expected);
  j.at("message").get_to(c.message);
  j.at("examples").get_to(c.examples);
  j.at("dates").get_to(c.dates);
  return c;
}

}  // namespace

std::string StoredResultText(const ValidationResult& result) {
  nlohmann::json checks = nlohmann::json::array();
  for (const CheckResult& c : result.checks) checks.push_back(CheckJson(c));
  const nlohmann::json j = {{"start_date", result.start_date},
                            {"end_date", result.end_date},
                            {"expected_games", result.expected_games},
                            {"checks", std::move(checks)},
                            {"coverage", result.coverage},
                            {"gaps", result.gaps},
                            {"inferred_games_by_date", result.inferred_games_by_date}};
  return j.dump();
}

Result<ValidationResult> ParseStoredResult(const std::string& text) {
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    ValidationResult result;
    j.at("start_date").get_to(result.start_date);
    j.at("end_date").get_to(result.end_date);
    j.at("expected_games").get_to(result.expected_games);
    for (const nlohmann::json& c : j.at("checks")) result.checks.push_back(CheckFrom(c));
    j.at("coverage").get_to(result.coverage);
    j.at("gaps").get_to(result.gaps);
    j.at("inferred_games_by_date").get_to(result.inferred_games_by_date);
    return result;
  } catch (const nlohmann::json::exception& e) {
    return InvalidInput(std::string("stored validation result unreadable: ") + e.what());
  }
}

}  // namespace backcourt
