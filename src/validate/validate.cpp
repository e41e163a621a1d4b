#include "validate/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

#include "core/hash.h"
#include "engine/backfill.h"
#include "store/validation_store.h"
#include "validate/stored_result.h"
#include "validate/validation_code.h"

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

void AddThresholds(const Thresholds& t, Hasher& h) {
  for (double value : {t.min_team_games_pct, t.min_player_team_games_pct,
                       t.min_minutes_coverage_pct, t.min_usage_coverage_pct,
                       t.max_points_mismatch_pct, t.usage_share.lo, t.usage_share.hi,
                       t.max_usage_share_outside_pct, t.team_points.lo, t.team_points.hi, t.pace.lo,
                       t.pace.hi, t.player_minutes.lo, t.player_minutes.hi, t.active_players.lo,
                       t.active_players.hi}) {
    h.AddDouble(value);
  }
  h.AddI64(t.share_includes_every_game);
  h.AddI64(t.max_examples);
  for (const auto& [check, severity] : t.severity) h.Add(check), h.Add(severity);
}

// The key a result is stored and reused under: everything the result depends on. The store's
// fingerprint covers what validation reads of the database; the rest is the code that checks,
// the tables asked for, the thresholds and the engine's stale set.
Result<std::string> ReuseKey(Db& db, const Registry& registry, const ValidateOptions& options,
                             const StaleSet& stale) {
  Hasher h;
  h.Add(options.code_hash.empty() ? kValidationCodeHash : options.code_hash);
  h.Add(kCodeVersion);
  h.Add(options.start_date);
  h.Add(options.end_date);
  for (const auto& p : registry.processors()) h.Add(p->name()), h.Add(p->version());
  h.AddNull();
  AddThresholds(options.thresholds, h);
  h.AddNull();
  for (const auto& [key, why] : stale) h.Add(key.first), h.Add(key.second), h.Add(why);
  BC_ASSIGN_OR_RETURN(std::string inputs,
                      ValidationStore(db).InputsFingerprint(options.start_date, options.end_date));
  h.Add(inputs);
  return h.HexDigest();
}

// The stored result under `key`, recorded under this validation's run; nullopt when there is
// none (or it no longer parses: then validation runs).
Result<std::optional<ValidationResult>> Reused(Db& db, const ValidateOptions& options,
                                               const std::string& key) {
  BC_ASSIGN_OR_RETURN(auto stored, ValidationStore(db).StoredResult(key));
  if (!stored) return std::optional<ValidationResult>();
  Result<ValidationResult> parsed = ParseStoredResult(stored->second);
  if (!parsed) return std::optional<ValidationResult>();
  parsed->reused_from_run = stored->first;
  if (options.record) BC_RETURN_IF_ERROR(Record(db, options, *parsed));
  return std::optional<ValidationResult>(std::move(*parsed));
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
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  // Reuse needs the range up front (a backfill's): its bounds are part of the key.
  const bool ranged = !options.start_date.empty() && !options.end_date.empty();
  const bool reuse = options.reuse && ranged;
  const auto load_facts = [&] {
    return LoadFacts(db, registry, options.start_date, options.end_date, options.thresholds);
  };
  std::optional<StaleSet> asked;
  std::optional<ValidationFacts> loaded;
  if (ranged && options.stale == nullptr) {
    // The engine is asked while the facts load. (A stored result then rarely matches: a
    // caller without a stale set has just written, which changes the key.)
    auto asking = Aside(db, [&](Db& own) {
      return FindStale(own, Registry::Default(), options.start_date, options.end_date,
                       registry.Names());
    });
    BC_ASSIGN_OR_RETURN(loaded, load_facts());
    BC_ASSIGN_OR_RETURN(asked, asking.get());
  }
  const StaleSet* stale = options.stale != nullptr ? options.stale : asked ? &*asked : nullptr;
  std::string key;
  if (reuse) {
    BC_ASSIGN_OR_RETURN(key, ReuseKey(db, registry, options, *stale));
    BC_ASSIGN_OR_RETURN(std::optional<ValidationResult> reused, Reused(db, options, key));
    if (reused) {
      reused->seconds = seconds();
      return std::move(*reused);
    }
  }
  if (!loaded) {
    BC_ASSIGN_OR_RETURN(loaded, load_facts());
  }
  ValidationFacts& facts = *loaded;
  if (stale != nullptr) {
    facts.stale = *stale;
  } else {
    BC_RETURN_IF_ERROR(AskEngineForStale(db, registry, facts));
  }
  ValidationResult result = Evaluate(facts, options.thresholds);
  if (options.record) BC_RETURN_IF_ERROR(Record(db, options, result));
  if (reuse && options.record) {
    BC_RETURN_IF_ERROR(
        ValidationStore(db).StoreResult(key, result.run_id, StoredResultText(result)));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace backcourt
