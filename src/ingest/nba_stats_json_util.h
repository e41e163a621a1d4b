#pragma once
// Helpers the NBA.com stats JSON readers share (box scores, game logs, scoreboardv2): typed
// fields of a result-set row, and the headers a result set must have.
#include <array>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ingest/json_util.h"
#include "ingest/minutes.h"
#include "ingest/raw_rows.h"

namespace backcourt {

// The counting stats every box-score and game-log result set has; "TOV|TO": either spelling.
inline constexpr std::array<std::string_view, 15> kStatHeaders = {
    "PTS",  "FGM", "FGA", "FG3M", "FG3A", "FTM",    "FTA", "OREB",
    "DREB", "REB", "AST", "STL",  "BLK",  "TOV|TO", "PF"};

// Stats of a row: box scores call turnovers "TO", game logs "TOV".
Result<BoxStats> TableStats(const Json& row);
// The row's NBA.com game id (10 digits), or an error naming the key and value.
Result<std::string> GameIdOf(const Json& row, std::string_view key);
Result<ParsedMinutes> MinutesOf(const Json& row, std::string_view key, MinutesKind kind);
// The season label of a game: its NBA.com id's (SeasonOfGameId: "0022400561" -> "2024-25"),
// else its ISO date's (Season::Of).
std::string SeasonLabelOfGame(std::string_view game_id, std::string_view game_date);

// Whether the result set has the header (any case).
bool HasHeader(const Json& result_set, std::string_view wanted);
// Error naming the headers of `names` and `more` the result set lacks (any case): a missing
// column would otherwise give rows of NULLs. "A|B" is satisfied by either.
Status RequireHeaders(const Json& result_set, std::initializer_list<std::string_view> names,
                      std::span<const std::string_view> more = {});

}  // namespace backcourt
