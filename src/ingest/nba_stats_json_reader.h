#pragma once
// nba-stats-json: NBA.com stats API responses (DESIGN.md §2).
//  - boxscoretraditionalv2 (resultSets PlayerStats + TeamStats) and boxscoretraditionalv3
//    (boxScoreTraditional.homeTeam/awayTeam): player rows with DNP comments and starters, team
//    rows with team minutes; team TOV is the sum of player turnovers (tov_basis "players").
//  - leaguegamelog, leaguegamefinder, playergamelog(s), teamgamelog(s): player rows (player
//    mode) or team rows (team mode). Team mode also gives one final schedule row per game whose
//    two sides are both in the file.
//  - scoreboardv2: schedule rows from GameHeader, points from LineScore.
#include "ingest/reader.h"

namespace backcourt {

class NbaStatsJsonReader : public Reader {
 public:
  std::string_view format() const override { return "nba-stats-json"; }
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
