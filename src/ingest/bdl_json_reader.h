#pragma once
// bdl-json: balldontlie API responses (DESIGN.md §2).
//  - box_scores: data[] of games, each home_team/visitor_team holding players[].
//  - stats: data[] of player-game rows with game{date, home_team_id, ...}, team{abbreviation}.
// balldontlie ids are not NBA.com ids: player_id stays NULL and game_id empty; rows carry the
// game date, team, opponent and home flag, and are placed in games later through the schedule.
// A `games` response (no box scores) is refused: balldontlie has no NBA.com game id, so its
// games cannot serve as the schedule, which comes from NBA.com sources.
#include "ingest/reader.h"

namespace backcourt {

class BdlJsonReader : public Reader {
 public:
  std::string_view format() const override { return "bdl-json"; }
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
