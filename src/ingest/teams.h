#pragma once
// Team codes: every alias a source uses, normalised to NBA.com tricodes.
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/season.h"

namespace backcourt {

// "BRK" -> "BKN", "CHO" -> "CHA", "PHO" -> "PHX", "NJN" -> "BKN", ...; a current tricode maps to
// itself. Unknown codes give nullopt (the caller rejects the row, naming the code).
std::optional<std::string> NormalizeTeam(std::string_view code);

// A team as betting sources and the league's injury report write it: a full name
// ("Golden State Warriors", "LA Clippers", former names such as "New Jersey Nets"), ASCII case
// ignored and runs of spaces read as one, or any code NormalizeTeam knows in any case ("gs",
// "utah", "wsh", "bos"). nullopt when it is none of these (the caller rejects the row, naming
// the team).
std::optional<std::string> NormalizeTeamName(std::string_view name);

// Team from an NBA.com MATCHUP: "BOS vs. NYK" (home BOS), "BOS @ NYK" (away BOS), codes as
// NormalizeTeam reads them. An error is a reject reason: "unknown team code 'XYZ' in MATCHUP",
// or "MATCHUP 'BOS - NYK' is not 'TEAM vs. OPP' or 'TEAM @ OPP'".
struct Matchup {
  std::string team;
  std::string opponent;
  bool is_home = false;
};
Result<Matchup> ParseMatchup(std::string_view matchup);

// Game type from the NBA.com game id prefix ("002..." regular season, "004..." playoffs).
std::string GameTypeFromGameId(std::string_view game_id);
// The season an NBA.com game id belongs to: digits 4-5 are its start year ("0022400561" ->
// 2024-25; 46..99 are 1946..1999). nullopt unless `game_id` is 10 digits of league "00".
std::optional<Season> SeasonOfGameId(std::string_view game_id);
// Normalises a 1..10 digit game id (trimmed) to 10 digits with leading zeros; nullopt if
// not digits.
std::optional<std::string> NormalizeGameId(std::string_view text);
// NormalizeGameId with a reject reason naming `field`: "missing GAME_ID", "invalid GAME_ID 'x'".
Result<std::string> ParseGameId(std::string_view field, std::string_view text);

}  // namespace backcourt
