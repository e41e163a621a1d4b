#pragma once
// Player box scores for one real team-game: the team's minutes and every counting stat are
// split among 8-13 active players of the roster so that the sums are exactly the team's,
// with made <= attempted per player; the rest of the roster is listed as did-not-play.
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/raw_rows.h"
#include "scale_gen/roster.h"

namespace backcourt::scale {

struct TeamGame {
  std::string game_id;              // NBA.com 10-digit id
  std::string team;                 // tricode
  int64_t team_seconds = 240 * 60;  // real team minutes × 60 (overtime included)
  BoxStats stats;                   // the real team box: every counting stat present
  int64_t margin = 0;               // team points minus opponent points
};

struct PlayerLine {
  const PlayerProfile* player = nullptr;
  bool active = false;
  std::string comment;         // "DNP - Coach's Decision", ... for inactive lines
  std::string start_position;  // "G", "F", "C" for the five starters
  int64_t seconds = 0;
  int64_t fg2m = 0, fg2a = 0, fg3m = 0, fg3a = 0, ftm = 0, fta = 0;
  int64_t oreb = 0, dreb = 0, ast = 0, stl = 0, blk = 0, tov = 0, pf = 0;
  int64_t plus_minus = 0;

  int64_t fgm() const { return fg2m + fg3m; }
  int64_t fga() const { return fg2a + fg3a; }
  int64_t points() const { return 2 * fg2m + 3 * fg3m + ftm; }
};

// One line per roster player, in roster order. Deterministic in (seed, game). Fails when
// the team box is inconsistent (made > attempted, points != 2·FGM + FG3M + FTM).
Result<std::vector<PlayerLine>> SynthesizeTeamGame(uint64_t seed, const TeamGame& game,
                                                   const Roster& roster);

// The contract above, checked: sums equal the team's, per-player limits hold.
Status CheckTeamGame(const TeamGame& game, const std::vector<PlayerLine>& lines);

}  // namespace backcourt::scale
