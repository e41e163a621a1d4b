#include "fetch/sources.h"

#include <cstdlib>

#include "fetch/nba_cdn_source.h"
#include "fetch/nba_injury_source.h"
#include "fetch/nba_stats_source.h"
#include "fetch/odds_api_source.h"

namespace backcourt {

const std::vector<std::string>& SourceNames() {
  static const std::vector<std::string> names = {"nba-stats", "nba-cdn", "nba-injury",
                                                       "odds-api", "all"};
  return names;
}

std::vector<std::unique_ptr<Source>> MakeSources(const std::string& which) {
  std::vector<std::unique_ptr<Source>> sources;
  const bool all = which == "all";
  if (all || which == "nba-stats") {
    sources.push_back(
        MakeNbaStatsSource(BaseUrlFromEnv("BACKCOURT_NBA_STATS_URL", "https://stats.nba.com")));
  }
  if (all || which == "nba-cdn") {
    sources.push_back(
        MakeNbaCdnSource(BaseUrlFromEnv("BACKCOURT_NBA_CDN_URL", "https://cdn.nba.com")));
  }
  // Not part of "all": a date has up to 120 report slots, asked for on purpose.
  if (which == "nba-injury") {
    sources.push_back(MakeNbaInjurySource(BaseUrlFromEnv(
        "BACKCOURT_NBA_INJURY_URL", "https://ak-static.cms.nba.com/referee/injury")));
  }
  if (all || which == "odds-api") {
    const char* key = std::getenv("ODDS_API_KEY");
    sources.push_back(
        MakeOddsApiSource(BaseUrlFromEnv("BACKCOURT_ODDS_API_URL", "https://api.the-odds-api.com"),
                          key != nullptr ? key : ""));
  }
  return sources;
}

}  // namespace backcourt
