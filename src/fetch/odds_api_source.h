#pragma once
// The Odds API v4 (api.the-odds-api.com): a day's NBA events, then each event's odds for
// player_points and the game markets (h2h, spreads, totals), US books, American prices.
// Today and later: the live endpoints. A past date: the historical endpoints, at a snapshot
// before any tip-off of that date (15:00 UTC), so the lines are pre-game, never in-play.
#include <memory>
#include <string>

#include "fetch/source.h"

namespace backcourt {

// Markets and regions asked for; a live event-odds request costs markets x regions units,
// a historical one ten times that.
inline constexpr const char* kOddsMarkets = "player_points,h2h,spreads,totals";
inline constexpr int kOddsMarketCount = 4;

// `api_key` is ODDS_API_KEY: sent as the apiKey parameter, never printed or saved.
// `base_url` defaults to BACKCOURT_ODDS_API_URL or https://api.the-odds-api.com.
std::unique_ptr<Source> MakeOddsApiSource(std::string base_url, std::string api_key);

}  // namespace backcourt
