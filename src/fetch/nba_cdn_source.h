#pragma once
// The NBA CDN's season schedule (cdn.nba.com, scheduleLeagueV2): every game of the current
// season with its date, teams, status and score. The CDN serves the current season only.
#include <memory>
#include <string>

#include "fetch/source.h"

namespace backcourt {

// `base_url` defaults to BACKCOURT_NBA_CDN_URL or https://cdn.nba.com.
std::unique_ptr<Source> MakeNbaCdnSource(std::string base_url);

}  // namespace backcourt
