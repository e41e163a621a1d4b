#pragma once
// The report's "against the line" section: the latest model graded (ml/grade.h) on the lined
// player-games after its training range, within the report's dates: hit rate by edge bucket
// as an inline SVG bar chart with 95% intervals, and the counts.
#include <string>

#include "ml/grade.h"
#include "store/db.h"

namespace backcourt {

// The chart alone (bars 0..100% clipped to 30..70%, whiskers for the intervals, the -110
// break-even line); buckets without a settled bet are drawn empty.
std::string HitRateChartSvg(const Grading& grading);

// The whole section; a message instead when there is no model or no line to grade against
// (or the model cannot score: its file is gone, or it was trained on other features).
std::string LinedSection(Db& db, const std::string& first, const std::string& last);

}  // namespace backcourt
