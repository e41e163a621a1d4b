#pragma once
// Availability for predict: the statuses of a date's players from the injury reports
// published before tip (and before --as-of), resolved to player keys.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "tables/inputs.h"

namespace backcourt {

// One player as the last usable report lists him.
struct ListedPlayer {
  std::string game_id, team, player_key, player_name, status, reason, report_time;
};

struct GameAvailability {
  std::set<std::string> out;               // keys whose latest status is out
  std::map<std::string, ListedPlayer> listed;  // every listed player, by key
};

// The games predict scores on a date: the resolved schedule's (engine/resolved_schedule.h),
// neither postponed nor cancelled, not preseason or All-Star, by game_id.
Result<std::vector<Game>> ScheduledGames(Db& db, const std::string& date);

// Per game_id of the date's schedule: the last report published strictly before tip and, when
// `as_of` (ISO UTC) is not empty, strictly before `as_of`.
Result<std::map<std::string, GameAvailability>> AvailabilityForDate(Db& db,
                                                                    const std::string& date,
                                                                    const std::string& as_of);

}  // namespace backcourt
