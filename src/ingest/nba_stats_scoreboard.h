#pragma once
// scoreboardv2 (nba-stats-json): one schedule row per game of GameHeader, with its status,
// teams and, for final games, the points of LineScore.
#include "core/status.h"
#include "ingest/json_util.h"
#include "ingest/raw_rows.h"

namespace backcourt {

// `line_score_set` may be null (no points, team codes from GAMECODE).
Status ReadScoreboard(const Json& header_set, const Json* line_score_set, ParsedFile& out);

}  // namespace backcourt
