#pragma once
// Validation of what the derived tables hold against the schedule (DESIGN.md §6): the
// declared checks, month coverage and a verdict, recorded in check_results.
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "engine/backfill.h"
#include "store/db.h"
#include "tables/registry.h"
#include "validate/check.h"
#include "validate/coverage.h"
#include "validate/facts.h"
#include "validate/gaps.h"
#include "validate/thresholds.h"

namespace backcourt {

struct ValidateOptions {
  std::string start_date;              // ISO; empty: the schedule's first final game that counts
  std::string end_date;                // ISO; empty: the schedule's last final game that counts
  Thresholds thresholds;               // DESIGN.md §6 defaults
  const Registry* registry = nullptr;  // the tables to validate; nullptr: Registry::Default()
  bool record = true;     // write check_results (and a `validate` run when run_id is 0)
  int64_t run_id = 0;     // the run the results belong to (a backfill's); 0: a new run
  std::string arguments;  // recorded with a new run
  // The stale set when the caller knows it (a backfill that wrote nothing planned it over
  // the same range); nullptr: asked of the engine.
  const StaleSet* stale = nullptr;
  // Reuse the stored result of a validation that read the same inputs: the same partition
  // records, resolved seasons and ingested files over the range, the same tables, thresholds,
  // stale set and validation code (a backfill reuses; `validate` always reads afresh).
  bool reuse = false;
  // The validation code the key names; empty: this build's (a test stands in another build).
  std::string code_hash;
};

struct ValidationResult {
  std::string start_date, end_date;   // the range actually validated
  int64_t run_id = 0;                 // 0 when not recorded
  int64_t expected_games = 0;         // final games that count in range
  std::vector<CheckResult> checks;    // declaration order
  std::vector<CoverageRow> coverage;  // per table and month
  std::vector<Gap> gaps;              // every expected game a table lacks, with why
  // Games built without a schedule row (inferred from sources naming both teams and the home
  // side), by date: counted so a user sees what the schedule did not list.
  std::map<std::string, int64_t> inferred_games_by_date;
  double seconds = 0;
  int64_t reused_from_run = 0;        // the run whose stored result this is; 0: checked now
  // True when no blocking check failed: the exit code of validate and backfill.
  bool passed() const;
  std::vector<const CheckResult*> Failed() const;  // failed checks, blocking first
};

// Runs every check over the range, records the results, and returns them.
Result<ValidationResult> Validate(Db& db, const ValidateOptions& options);

// Fills facts.stale from the engine's one definition of staleness (a read-only plan).
Status AskEngineForStale(Db& db, const Registry& registry, ValidationFacts& facts);

// The checks and month coverage of facts already loaded (no I/O).
ValidationResult Evaluate(const ValidationFacts& facts, const Thresholds& thresholds);

}  // namespace backcourt
