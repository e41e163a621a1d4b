#pragma once
// The sources by the names `fetch` and `daily` take, each with its base URL from the
// environment (BACKCOURT_NBA_STATS_URL, BACKCOURT_NBA_CDN_URL, BACKCOURT_ODDS_API_URL) and
// the Odds API key from ODDS_API_KEY.
#include <memory>
#include <string>
#include <vector>

#include "fetch/source.h"

namespace backcourt {

// "nba-stats", "nba-cdn", "odds-api" and "all".
const std::vector<std::string>& SourceNames();

// The source named `which` ("all": every one); an unknown name gives none.
std::vector<std::unique_ptr<Source>> MakeSources(const std::string& which);

}  // namespace backcourt
