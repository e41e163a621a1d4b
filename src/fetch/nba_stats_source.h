#pragma once
// NBA.com stats (stats.nba.com): leaguegamelog in player (P) and team (T) modes for every
// season type a season has, optionally one date; boxscoretraditionalv3 per game.
#include <memory>
#include <string>
#include <vector>

#include "fetch/source.h"

namespace backcourt {

// The season types NBA.com serves for a season, spelled as its SeasonType parameter wants:
// "Regular Season", "Playoffs", "PlayIn" (from 2020-21) and "IST" (the NBA Cup final, from
// 2023-24; the Cup's other games are "Regular Season").
std::vector<std::string> NbaSeasonTypes(int season_start_year);

// The headers stats.nba.com requires (without them it stalls or answers 403).
std::vector<std::string> NbaStatsHeaders();

// `base_url` defaults to BACKCOURT_NBA_STATS_URL or https://stats.nba.com.
std::unique_ptr<Source> MakeNbaStatsSource(std::string base_url);

}  // namespace backcourt
