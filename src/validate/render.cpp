#include "validate/render.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>
#include <set>
#include <sstream>

namespace backcourt {
namespace {

void PrintCoverageHeader(std::ostream& out, const CoverageRow& row, const char* period_name) {
  fmt::print(out, "{}\n  {:<10} {:>6} {:>8} {:>10} {:>8} {:>8}", row.table, period_name, "games",
             "complete", "team-games", "present", "rows");
  if (row.player_table) {
    fmt::print(out, " {:>8} {:>7} {:>8} {:>12}", "minutes%", "usage%", "eligible", "not-provided");
  }
  fmt::print(out, "\n");
}

void PrintCheckLine(std::ostream& out, const CheckResult& c) {
  const char* mark = c.passed ? "✓" : (c.blocks() ? "✗" : "!");
  fmt::print(out, "  {} {}.{} [{}]: {} (expected {})\n", mark, c.table, c.check,
             SeverityName(c.severity), c.observed, c.expected);
}

void PrintCheckDetail(std::ostream& out, const CheckResult& c) {
  fmt::print(out, "\n{} {}.{} [{}]\n  observed: {}\n  expected: {}\n  {}\n",
             c.passed ? "LISTED" : "FAILED", c.table, c.check, SeverityName(c.severity), c.observed,
             c.expected, c.message);
  for (const std::string& example : c.examples) fmt::print(out, "    - {}\n", example);
  int64_t findings = 0;
  for (const auto& [date, n] : c.dates) findings += n;
  if (findings > static_cast<int64_t>(c.examples.size()) && !c.examples.empty()) {
    fmt::print(out, "    ({} examples shown; findings on {} date(s))\n", c.examples.size(),
               c.dates.size());
  }
}

// Every gap, one line per game (the tables that lack it listed together), whatever the
// verdict: a missing game is always named.
void PrintGapList(std::ostream& out, const std::vector<Gap>& gaps) {
  if (gaps.empty()) return;
  std::map<std::pair<std::string, std::string>, std::vector<const Gap*>> by_game;
  for (const Gap& g : gaps) by_game[{g.game_date, g.game_id}].push_back(&g);
  fmt::print(out, "\nGAPS: {} game(s) missing from a table, every one listed\n", by_game.size());
  for (const auto& [key, list] : by_game) {
    std::set<std::string> tables, teams;
    for (const Gap* g : list) {
      tables.insert(g->table);
      std::istringstream split(g->missing_teams);
      for (std::string team; split >> team;) teams.insert(team);
    }
    const Gap& first = *list.front();
    fmt::print(out, "  {} {} {} {} missing {} in {}: {}\n", key.first,
               key.second.empty() ? "-" : key.second, first.game_type, first.matchup,
               fmt::join(teams, " "), fmt::join(tables, ", "), first.reason);
  }
}

// Games built without a schedule row, by date (the first dates, then a count).
void PrintInferred(std::ostream& out, const ValidationResult& result) {
  const auto& by_date = result.inferred_games_by_date;
  if (by_date.empty()) return;
  int64_t games = 0;
  for (const auto& [date, n] : by_date) games += n;
  fmt::print(out,
             "\nINFERRED: {} game(s) on {} date(s) ({}..{}) have no schedule row; they were "
             "built from sources naming both teams and the home side, and no completeness "
             "check covers them\n",
             games, by_date.size(), by_date.begin()->first, by_date.rbegin()->first);
  std::vector<std::string> dates;
  for (const auto& [date, n] : by_date) {
    if (dates.size() == 12) {
      dates.push_back("...");
      break;
    }
    dates.push_back(fmt::format("{} ({})", date, n));
  }
  fmt::print(out, "  {}\n", fmt::join(dates, ", "));
}

}  // namespace

void PrintCoverage(std::ostream& out, const std::vector<CoverageRow>& rows,
                   const char* period_name) {
  const std::string* table = nullptr;
  for (const CoverageRow& r : rows) {
    if (table == nullptr || *table != r.table) PrintCoverageHeader(out, r, period_name);
    table = &r.table;
    fmt::print(out, "  {:<10} {:>6} {:>8} {:>10} {:>8} {:>8}", r.period, r.expected_games,
               r.complete_games, r.expected_team_games, r.present_team_games, r.rows);
    if (r.player_table) {
      fmt::print(out, " {:>8.2f} {:>7} {:>8} {:>12}", r.minutes_pct(),
                 r.usage_eligible ? fmt::format("{:.2f}", r.usage_pct()) : std::string("-"),
                 r.usage_eligible, r.not_provided);
    }
    const int64_t missing = r.expected_team_games - r.present_team_games;
    fmt::print(out, "{}\n", missing > 0 ? fmt::format("  <- {} team-games missing", missing) : "");
  }
}

nlohmann::json CoverageJson(const CoverageRow& r, const char* period_name) {
  nlohmann::json j = {{"table", r.table},
                      {period_name, r.period},
                      {"expected_games", r.expected_games},
                      {"complete_games", r.complete_games},
                      {"expected_team_games", r.expected_team_games},
                      {"present_team_games", r.present_team_games},
                      {"rows", r.rows}};
  if (r.player_table) {
    j["active_rows"] = r.active_rows;
    j["minutes_pct"] = r.minutes_pct();
    j["usage_eligible_rows"] = r.usage_eligible;
    j["usage_pct"] = r.usage_eligible ? nlohmann::json(r.usage_pct()) : nlohmann::json();
    j["usage_not_provided_rows"] = r.not_provided;
  }
  return j;
}

void PrintVerdict(std::ostream& out, const ValidationResult& result) {
  std::vector<std::string> blocking, warnings;
  for (const CheckResult* c : result.Failed()) {
    (c->blocks() ? blocking : warnings).push_back(c->table + "." + c->check);
  }
  const std::string warned =
      warnings.empty() ? "" : fmt::format("; warnings: {}", fmt::join(warnings, ", "));
  if (blocking.empty()) {
    fmt::print(out, "VERDICT: pass ({} checks over {}..{}, {} final games){}\n",
               result.checks.size(), result.start_date, result.end_date, result.expected_games,
               warned);
    return;
  }
  fmt::print(out, "VERDICT: FAIL: {} blocking check(s) failed over {}..{}: {}{}\n", blocking.size(),
             result.start_date, result.end_date, fmt::join(blocking, ", "), warned);
}

void PrintValidation(std::ostream& out, const ValidationResult& result) {
  fmt::print(out, "VALIDATION {}..{}: {} final games expected by the schedule\n\n",
             result.start_date, result.end_date, result.expected_games);
  PrintCoverage(out, result.coverage, "month");
  fmt::print(out, "\nCHECKS\n");
  for (const CheckResult& c : result.checks) PrintCheckLine(out, c);
  for (const CheckResult* c : result.Failed()) PrintCheckDetail(out, *c);
  for (const CheckResult& c : result.checks) {
    if (c.passed && !c.examples.empty()) PrintCheckDetail(out, c);
  }
  PrintGapList(out, result.gaps);
  PrintInferred(out, result);
  fmt::print(out, "\n");
  PrintVerdict(out, result);
}

void PrintValidationSummary(std::ostream& out, const ValidationResult& result) {
  fmt::print(out, "\nVALIDATION {}..{} ({} checks, {:.2f} s)\n", result.start_date,
             result.end_date, result.checks.size(), result.seconds);
  if (result.reused_from_run != 0) {
    fmt::print(out, "Reused from run {}: nothing it read has changed since (partitions, resolved "
                    "schedule, ingested files, validation code)\n",
               result.reused_from_run);
  }
  for (const CheckResult* c : result.Failed()) PrintCheckDetail(out, *c);
  PrintGapList(out, result.gaps);
  PrintInferred(out, result);
  PrintVerdict(out, result);
}

nlohmann::json ValidationJson(const ValidationResult& result) {
  nlohmann::json checks = nlohmann::json::array();
  for (const CheckResult& c : result.checks) {
    checks.push_back({{"table", c.table},
                      {"check", c.check},
                      {"severity", SeverityName(c.severity)},
                      {"passed", c.passed},
                      {"observed", c.observed},
                      {"expected", c.expected},
                      {"message", c.message},
                      {"examples", c.examples}});
  }
  nlohmann::json coverage = nlohmann::json::array();
  for (const CoverageRow& r : result.coverage) coverage.push_back(CoverageJson(r, "month"));
  nlohmann::json gaps = nlohmann::json::array();
  for (const Gap& g : result.gaps) {
    gaps.push_back({{"table", g.table},
                    {"game_date", g.game_date},
                    {"game_id", g.game_id},
                    {"game_type", g.game_type},
                    {"matchup", g.matchup},
                    {"missing_teams", g.missing_teams},
                    {"partition_status", g.partition_status},
                    {"reason", g.reason}});
  }
  nlohmann::json j = {{"verdict", result.passed() ? "pass" : "fail"},
                      {"range", {{"start", result.start_date}, {"end", result.end_date}}},
                      {"expected_games", result.expected_games},
                      {"run_id", result.run_id},
                      {"checks", std::move(checks)},
                      {"coverage", std::move(coverage)},
                      {"gaps", std::move(gaps)},
                      {"inferred_games_by_date", result.inferred_games_by_date}};
  if (result.reused_from_run != 0) j["reused_from_run"] = result.reused_from_run;
  return j;
}

void PrintGaps(std::ostream& out, const std::vector<Gap>& gaps) {
  if (gaps.empty()) {
    fmt::print(out, "No gaps: every final game of the range has its rows in every table.\n");
    return;
  }
  fmt::print(out, "{:<28} {:<10} {:<10} {:<13} {:<8} {:<8} {:<9} {}\n", "table", "date", "game",
             "type", "matchup", "missing", "partition", "reason");
  for (const Gap& g : gaps) {
    fmt::print(out, "{:<28} {:<10} {:<10} {:<13} {:<8} {:<8} {:<9} {}\n", g.table, g.game_date,
               g.game_id, g.game_type, g.matchup, g.missing_teams, g.partition_status,
               g.reason.size() > 80 ? g.reason.substr(0, 77) + "..." : g.reason);
  }
  const std::vector<std::string> dates = GapDates(gaps);
  fmt::print(out, "\n{} gap(s) on {} date(s). Reprocess with:\n  backcourt backfill --dates {}\n",
             gaps.size(), dates.size(), fmt::join(dates, ","));
}

}  // namespace backcourt
