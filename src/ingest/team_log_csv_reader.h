#pragma once
// team-log-csv: one row per game with the home and road box scores (`*_home`, `*_road`) and a
// game_type. Each row gives one final ScheduleRow and two TeamBoxRows. The logs have no
// minutes, and their tov includes team turnovers (tov_basis "team").
#include <optional>
#include <string>
#include <string_view>

#include "ingest/reader.h"

namespace backcourt {

class TeamLogCsvReader : public Reader {
 public:
  static constexpr std::string_view kFormat = "team-log-csv";
  std::string_view format() const override { return kFormat; }
  // game_id, game_type, team_abbreviation_home/_road and pts_home/_road.
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

// The source's game_type spellings, normalised: regular_season; nba_cup_semi -> cup_knockout;
// nba_cup_final -> cup_final; play_in, playin -> play_in; playoffs, playoff -> playoffs.
// nullopt for a spelling not known.
std::optional<std::string> NormalizeGameType(std::string_view text);

}  // namespace backcourt
