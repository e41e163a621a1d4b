#pragma once
// Checks on parsed rows, the same whatever the format: a failed check is the row's reject
// reason (DESIGN.md §2: a bad row goes to raw_rejects with file, line and reason), so absurd
// values never reach the raw tables silently.
#include <cstddef>
#include <string_view>

#include "core/status.h"
#include "ingest/raw_rows.h"

namespace backcourt {

// Longest player name or did-not-play comment kept; real ones are under 40 bytes.
inline constexpr size_t kMaxNameBytes = 100;

// A name or comment copied from a source: valid UTF-8, at most kMaxNameBytes; the reason
// names it as `what`.
Status CheckText(std::string_view text, std::string_view what);

// Counting stats are non-negative; made <= attempted (FGM/FGA, FG3M/FG3A, FTM/FTA); threes
// are field goals (FG3M <= FGM, FG3A <= FGA); PTS = 2·FGM + FG3M + FTM when all four are
// given (true of every row of every real source). Absent stats are not checked.
Status CheckBoxStats(const BoxStats& stats);

// An ISO game date must lie in an NBA season: from the first BAA game (1946-11-01) to the end
// of 2045-46, the last season a game id can name. With an NBA.com game id, the date must lie
// in that id's season, September of its first year (preseason) to October of its second
// (the 2020 bubble finals ended on 2020-10-11). There is no narrower window per game type:
// 2019-20 regular-season games were played in July and August 2020.
Status CheckGameDate(std::string_view game_date, std::string_view game_id);

// Every check of one row: its date, its stats, and for players the name and did-not-play
// comment (valid UTF-8, at most kMaxNameBytes).
Status CheckRow(const ScheduleRow& row);
Status CheckRow(const TeamBoxRow& row);
Status CheckRow(const PlayerBoxRow& row);

// A file holds one row per player and game. The game is the NBA.com game id, else the date
// and team; the player is the NBA.com id, else the name. Every later row of a player-game is
// moved to the rejects, naming the line of the first row, which is kept.
void RejectDuplicatePlayerRows(ParsedFile& out);

}  // namespace backcourt
