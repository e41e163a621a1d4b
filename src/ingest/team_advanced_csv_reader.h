#pragma once
// team-advanced-csv: NBA.com team minutes and possessions per game (`minutes_home`,
// `possessions_home`, ... `_road`). Each row gives two TeamBoxRows carrying only minutes and
// possessions: the team minutes (overtime) the team logs lack.
#include <string_view>

#include "ingest/reader.h"

namespace backcourt {

class TeamAdvancedCsvReader : public Reader {
 public:
  static constexpr std::string_view kFormat = "team-advanced-csv";
  std::string_view format() const override { return kFormat; }
  // game_id, team_abbreviation_home/_road, minutes_home/_road, possessions_home/_road.
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
