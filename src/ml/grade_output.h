#pragma once
// The grade report for people (a table block: grade and train print it) and for machines
// (grade --format json).
#include <nlohmann/json.hpp>
#include <string>

#include "ml/grade.h"

namespace backcourt {

// {"rows", "mae": {"model", "line", "last10"}, "buckets": [{"min_edge", "bets", "wins",
// "losses", "pushes", "hit_rate", "ci95": [lo, hi], "roi", ...}], "calibration": [{"edge",
// "low", "high", "rows", "overs", "pushes", "over_rate"}], plus the population and the line
// basis. Figures without a settled bet are null.
nlohmann::json GradeJson(const GradeReport& report);

// Every figure of the report as text lines: population, line basis, MAE, buckets with
// intervals and ROI (and which price they assume), calibration.
std::string GradeTable(const GradeReport& report);

// The second model beside the first on the same rows (empty without one): both MAEs, their
// difference with its interval, and each model's hit rate and ROI by |edge|.
std::string ComparisonTable(const GradeReport& report);

}  // namespace backcourt
