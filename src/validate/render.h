#pragma once
// Text and JSON renderings of validation, coverage and gaps for the commands (and for the
// verdict backfill prints at its end).
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "validate/coverage.h"
#include "validate/gaps.h"
#include "validate/validate.h"

namespace backcourt {

// Coverage by table and month, every check on one line, the failed ones with their
// examples, and the verdict.
void PrintValidation(std::ostream& out, const ValidationResult& result);
// For the end of a backfill: the failed checks with their examples, then the verdict.
void PrintValidationSummary(std::ostream& out, const ValidationResult& result);
// "VERDICT: pass (...)" or "VERDICT: FAIL: n blocking check(s) failed: ..." on one line.
void PrintVerdict(std::ostream& out, const ValidationResult& result);
// {"verdict", "range", "checks": [...], "coverage": [...]} (DESIGN.md §6).
nlohmann::json ValidationJson(const ValidationResult& result);

void PrintCoverage(std::ostream& out, const std::vector<CoverageRow>& rows,
                   const char* period_name);
nlohmann::json CoverageJson(const CoverageRow& row, const char* period_name);

// Gaps as a table of games, then the dates to reprocess.
void PrintGaps(std::ostream& out, const std::vector<Gap>& gaps);

}  // namespace backcourt
