#pragma once
// The bundled 2023-24 sample, ingested and backfilled once per test binary (optionally with
// every game on or after a date altered), for feature and model tests.
#include <map>
#include <string>
#include <utility>

#include "store/db.h"

namespace backcourt::testing {

// Copies data/sample into `dir`; when `altered_from` is set, every player-game and team-game
// dated on or after it gets different points and minutes.
void CopySample(const std::string& dir, const std::string& altered_from = "");

// Betting lines for the sample's games dated [first, last], written into `dir` as two The
// Odds API live responses: snapshots taken before each tip (18:00Z, tip 23:30Z) and snapshots
// taken after it (23:45Z: in-play values no feature may use). Spreads, totals and a points
// line for every player who played. Returns what the pre-tip snapshots said.
struct SampleLines {
  struct Game {
    double spread_home = 0, total = 0;
  };
  std::map<std::string, Game> games;                                // by game_id
  std::map<std::pair<std::string, std::string>, double> players;  // (game_id, name) -> line
};
SampleLines WriteSampleLines(const std::string& dir, const std::string& first,
                             const std::string& last);

// Ingests `sample_dir` into a new database at `db_path` and backfills every table over
// [first, last].
Db BuildSampleDb(const std::string& sample_dir, const std::string& db_path,
                 const std::string& first, const std::string& last);

}  // namespace backcourt::testing
