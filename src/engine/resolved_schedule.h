#pragma once
// The resolved schedule (DESIGN.md §2), per season: what identity resolution
// (ResolvedInputs::Build) makes of a season's raw rows, read from resolved_games when a
// backfill persisted it from the same raw rows, else resolved in memory by the same code. The
// date catalog, validation and predict all read the games from here, so none of them resolves
// the schedule its own way (and none depends on the order files were ingested in).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/season.h"
#include "core/status.h"
#include "store/db.h"
#include "store/raw_store.h"
#include "tables/inputs.h"

namespace backcourt {

struct SeasonSchedule {
  Season season{0};
  std::string raw_fingerprint;    // of the raw rows its resolution reads
  bool persisted = false;         // read from resolved_games (or just written there)
  std::vector<Game> games;        // every resolved game, by date then game_id
  // The full resolution when it was made now (not read back), for the builds to reuse.
  std::shared_ptr<const ResolvedInputs> resolved;
};

struct ScheduleOptions {
  // Persist the seasons resolved in memory (writing commands only; read commands never do).
  bool persist = false;
  // Keep the in-memory resolutions in SeasonSchedule::resolved, in season order, while the
  // raw rows they hold total at most this many (the rest are dropped once their games are
  // taken: memory stays bounded whatever the range).
  size_t keep_rows = 0;
};

// The seasons holding any date of [first, last] ("" and "9999-12-31": every season with raw
// rows), in season order.
Result<std::vector<SeasonSchedule>> LoadSchedules(Db& db, const std::string& first,
                                                  const std::string& last,
                                                  const ScheduleOptions& options = {});

// The resolved games dated within [first, last], by date then game_id. Read-only.
Result<std::vector<Game>> ResolvedGames(Db& db, const std::string& first, const std::string& last);

// Every date within [first, last] that the resolved schedule or raw rows hold (DESIGN.md §1):
// a date has games when a scheduled game of it counts, or when it holds raw rows and the
// schedule has no game that date (its games are inferred, or its rows are listed unplaced).
Result<std::map<std::string, DateInfo>> DateCatalog(Db& db, const std::string& first,
                                                    const std::string& last,
                                                    const std::vector<SeasonSchedule>& seasons);
// The same, resolving (read-only) the seasons of [first, last] first.
Result<std::map<std::string, DateInfo>> DateCatalog(Db& db, const std::string& first,
                                                    const std::string& last);

}  // namespace backcourt
