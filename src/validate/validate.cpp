#include "validate/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

#include "engine/backfill.h"
#include "store/validation_store.h"

namespace backcourt {
namespace {

constexpr const char* kCodeVersion = "backcourt " BACKCOURT_VERSION;

// One row per check for the whole range (game_date NULL) and one per date a failed check
// found something on, so a date's problems can be queried later.
std::vector<CheckResultRecord> Records(const ValidationResult& result) {
  std::vector<CheckResultRecord> records;
  for (const CheckResult& c : result.checks) {
    const std::string severity(SeverityName(c.severity));
    records.push_back(
        {c.table, std::nullopt, c.check, severity, c.passed, c.observed, c.expected, c.message});
    if (c.passed) continue;
    for (const auto& [date, count] : c.dates) {
      records.push_back({c.table, date, c.check, severity, false, std::to_string(count), c.expected,
                         fmt::format("{} finding(s) on {}", count, date)});
    }
  }
  return records;
}

Status Record(Db& db, const ValidateOptions& options, ValidationResult& result) {
  ValidationStore store(db);
  result.run_id = options.run_id;
  if (result.run_id == 0) {
    BC_ASSIGN_OR_RETURN(result.run_id, store.StartValidateRun(options.arguments, kCodeVersion));
  }
  BC_RETURN_IF_ERROR(store.WriteCheckResults(result.run_id, Records(result),
                                             options.thresholds.keep_check_runs));
  if (options.run_id != 0) return {};  // the caller's run: the caller finishes it
  return store.FinishRun(result.run_id, result.passed() ? "pass" : "fail");
}

}  // namespace

bool ValidationResult::passed() const {
  return std::none_of(checks.begin(), checks.end(),
                      [](const CheckResult& c) { return c.blocks(); });
}

std::vector<const CheckResult*> ValidationResult::Failed() const {
  std::vector<const CheckResult*> failed;
  for (const CheckResult& c : checks) {
    if (c.blocks()) failed.push_back(&c);
  }
  for (const CheckResult& c : checks) {
    if (!c.passed && !c.blocks()) failed.push_back(&c);
  }
  return failed;
}

Status AskEngineForStale(Db& db, const Registry& registry, ValidationFacts& facts) {
  BC_ASSIGN_OR_RETURN(facts.stale, FindStale(db, Registry::Default(), facts.first, facts.last,
                                             registry.Names()));
  return {};
}

ValidationResult Evaluate(const ValidationFacts& facts, const Thresholds& thresholds) {
  ValidationResult result;
  result.start_date = facts.first;
  result.end_date = facts.last;
  result.expected_games = static_cast<int64_t>(facts.games.size());
  result.checks = RunChecks(facts, thresholds);
  result.coverage = ComputeCoverage(facts, CoverageBy::kMonth);
  result.gaps = ComputeGaps(facts);
  if (auto offense = facts.team_rows.find(TeamOffenseName()); offense != facts.team_rows.end()) {
    std::set<std::string> inferred;
    for (const TeamRowFact& row : offense->second) {
      if (!facts.expected_ids.count(row.game_id) && inferred.insert(row.game_id).second) {
        result.inferred_games_by_date[row.game_date]++;
      }
    }
  }
  return result;
}

Result<ValidationResult> Validate(Db& db, const ValidateOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<Registry> owned;
  if (options.registry == nullptr) owned.emplace(Registry::Default());
  const Registry& registry = options.registry ? *options.registry : *owned;
  BC_ASSIGN_OR_RETURN(ValidationFacts facts, LoadFacts(db, registry, options.start_date,
                                                       options.end_date, options.thresholds));
  BC_RETURN_IF_ERROR(AskEngineForStale(db, registry, facts));
  ValidationResult result = Evaluate(facts, options.thresholds);
  if (options.record) BC_RETURN_IF_ERROR(Record(db, options, result));
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace backcourt
