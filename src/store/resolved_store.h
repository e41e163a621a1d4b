#pragma once
// The resolved schedule, persisted (resolved_games, resolved_seasons): the games identity
// resolution (tables/inputs.h) placed each season's raw rows in, written by the backfill that
// resolved the season and keyed by a fingerprint of the raw rows it read, so readers (the date
// catalog, validation, predict) query one answer instead of resolving again. A season whose raw
// rows changed since has no fresh record: readers then resolve it in memory, never writing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/table.h"

namespace backcourt {

// One resolved game, as tables/inputs.h's Game holds it.
struct ResolvedGameRecord {
  std::string game_id, game_date, season, game_type, home_team, away_team, status;
  int64_t neutral_site = 0;
  int64_t inferred = 0;  // 1: no schedule row, built from a source naming both teams and home
  std::string conflict;  // why a game that counts is not built ("" for every real game)
};

// resolved_games: (resolved_season, game_id) keyed; resolved_season is the season's start year
// (its August-to-July window), an extra column before the record's fields.
const Table<ResolvedGameRecord>& ResolvedGamesTable();
const std::vector<ExtraColumn>& ResolvedSeasonColumn();
// The DDL of resolved_games and resolved_seasons (a migration in store/schema.cpp).
std::string ResolvedTablesSql();

class ResolvedStore {
 public:
  explicit ResolvedStore(Db& db) : db_(db) {}

  // Hash of the raw rows a season's resolution reads: the per-file hashes (raw_date_hashes)
  // of the dates within [first, last] and of the game ids the schedule places there, ordered
  // by content (never by ingest order), plus `resolver_version`.
  Result<std::string> RawFingerprint(const std::string& first, const std::string& last,
                                     const std::string& resolver_version);
  // The season's games when they were persisted from raw rows with this fingerprint; nullopt
  // when the season was never resolved or its raw rows changed since.
  Result<std::optional<std::vector<ResolvedGameRecord>>> LoadSeason(
      int season, const std::string& fingerprint);
  // The persisted games dated `game_date`, by game_id, fresh or not: a backfill persists every
  // season of its window before it builds, so builds that read no raw rows take their games
  // from here.
  Result<std::vector<ResolvedGameRecord>> GamesOn(const std::string& game_date);
  // Replaces the season's games and its fingerprint in one transaction.
  Status ReplaceSeason(int season, const std::string& fingerprint,
                       const std::vector<ResolvedGameRecord>& games);

 private:
  Db& db_;
};

}  // namespace backcourt
