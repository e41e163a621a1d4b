#pragma once
// nba-stats-csv: NBA.com player box scores and game logs saved as CSV (nba_api data frames):
// boxscoretraditional (GAME_ID, TEAM_ABBREVIATION, no date), playergamelogs (GAME_DATE ISO,
// MATCHUP, MIN_SEC "MM:SS"), playergamelog (Game_ID, "Apr 14, 2024", team from MATCHUP) and
// the reduced game logs (no GAME_ID, no shooting columns). Column names ignore case.
#include <string_view>

#include "ingest/reader.h"

namespace backcourt {

class NbaStatsCsvReader : public Reader {
 public:
  static constexpr std::string_view kFormat = "nba-stats-csv";
  std::string_view format() const override { return kFormat; }
  // PLAYER_ID, PLAYER_NAME, PTS, MIN or MIN_SEC, GAME_ID or GAME_DATE, and
  // TEAM_ABBREVIATION or MATCHUP.
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
