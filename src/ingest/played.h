#pragma once
// Did the player play? One did-not-play policy for every reader of player lines, with one
// difference between sources, made by what a source lists: a box score lists the whole
// roster, a game log only the games a player appeared in.
#include <string_view>

#include "ingest/minutes.h"
#include "ingest/raw_rows.h"

namespace backcourt {

enum class PlayerListing {
  // The game's whole roster, players who did not play included: NBA.com boxscoretraditional
  // v2 and v3 (nba-stats-json) and its CSV export (nba-stats-csv without MATCHUP), balldontlie
  // box scores and stats (bdl-json).
  kBoxScore,
  // Only games the player appeared in: NBA.com playergamelog(s) and leaguegamelog
  // (nba-stats-json, nba-stats-csv with MATCHUP), Basketball-Reference game logs (bbref-csv,
  // whose MP cell says why a listed player did not play).
  kGameLog,
};

// Not played whatever the stats say: no minutes ("", "-", null, or a note in place of them,
// passed as `comment`), or zero minutes with a comment ("DNP - Coach's Decision"). Readers
// whose not-played lines leave the stat cells empty do not read them.
bool NotPlayedWhateverTheStats(const ParsedMinutes& minutes, std::string_view comment);

// Sets status, dnp_reason, minutes and stats of `row`:
// - NotPlayedWhateverTheStats: not played;
// - zero minutes, no comment and no stat at all (every count and plus/minus 0 or NULL): not
//   played in a box score (a listed player who never checked in); in a game log, an
//   appearance of a few seconds, so active;
// - otherwise active, with `minutes` and `stats`.
// A line not played is "inactive" when the comment says the player was unavailable
// (SaysInactive), else "dnp"; its minutes and stats are NULL and the comment is its
// dnp_reason.
void ApplyPlayed(PlayerListing listing, const ParsedMinutes& minutes, std::string_view comment,
                 const BoxStats& stats, PlayerBoxRow& row);

// Whether a did-not-play comment says the player was not available: "INACTIVE", "NWT" (not
// with team), "DND" (did not dress), or Basketball-Reference's "Inactive", "Did Not Dress",
// "Not With Team", "Player Suspended"; any case.
bool SaysInactive(std::string_view comment);

}  // namespace backcourt
