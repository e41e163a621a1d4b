#pragma once
// schedule-json: NBA CDN scheduleleaguev2 (leagueSchedule.gameDates[].games[]), every game type.
// One schedule row per game between two NBA teams: status from gameStatus 1/2/3 and
// postponedStatus, game type from the id prefix and the Cup labels, the US game date, the
// neutral-site flag and, for final games, the scores. Games with a side that is not an NBA
// franchise (All-Star and Rising Stars teams, international preseason guests, playoff slots
// still to be decided) are skipped, not rejected: they are not rows of this league's schedule.
// `line` is the game's 1-based position among all games of the file.
#include "ingest/reader.h"

namespace backcourt {

class ScheduleJsonReader : public Reader {
 public:
  std::string_view format() const override { return "schedule-json"; }
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
