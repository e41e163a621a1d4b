#pragma once
// The games of one season as player_game_features reads them: per player and per team, in
// date order. A history is synced to the upstream partitions' data versions before each
// use, so it reloads only dates that are new or changed: building a whole season is linear,
// not quadratic, and a rebuilt upstream date is never served from a stale cache.
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

struct PastPlayerGame {
  int32_t day = 0;  // Date::days()
  std::string team, player_name;
  double minutes = 0, points = 0;
  std::optional<double> reb, ast, usage, ts;
};

struct PastTeamGame {
  int32_t day = 0;
  std::optional<double> pace, ortg, points;  // the team's offense
  std::optional<double> drtg, def_pace;    // the team's defense
};

// The rows of one date that a history holds, with the upstream partitions' data versions
// they were read at.
struct HistorySlice {
  std::string version;  // the upstream partitions' data versions
  std::vector<std::pair<std::string, PastPlayerGame>> players;
  std::vector<std::pair<std::string, PastTeamGame>> teams;
  std::vector<std::string> teams_without_players;  // one entry per gap team-game
};

// Slices shared by the histories of several tables (player_availability's and
// player_game_features' read the same dates): a date is read once per data version while a
// history holds it. Each history keeps its own index, since the tables build different dates.
class HistorySlices {
 public:
  using Key = std::pair<std::string, std::string>;  // (season, date)
  // The slice of `key` read at `version`, if a history still holds it.
  std::shared_ptr<const HistorySlice> Find(const Key& key, const std::string& version);
  void Add(const Key& key, const std::shared_ptr<const HistorySlice>& slice);

 private:
  std::mutex mutex_;
  std::map<Key, std::weak_ptr<const HistorySlice>> slices_;
};

class SeasonHistory {
 public:
  // `shared`: slices other histories read (may be null).
  explicit SeasonHistory(std::string season, std::shared_ptr<HistorySlices> shared = nullptr)
      : season_(std::move(season)), shared_(std::move(shared)) {}
  const std::string& season() const { return season_; }
  // The date the last Sync reached ("" before the first).
  const std::string& synced() const { return indexed_last_; }
  // Makes the history hold exactly the rows of `season` in the ok partitions of the
  // upstream tables dated from the first day of the season's window to `last`.
  Status Sync(Db& db, const std::string& last);
  // Games played (minutes > 0), in date order; empty when none.
  const std::vector<PastPlayerGame>& Player(const std::string& player_key) const;
  const std::vector<PastTeamGame>& Team(const std::string& team) const;
  // Every player of the history, by key (e.g. to resolve names of the injury report).
  const std::unordered_map<std::string, std::vector<PastPlayerGame>>& players() const {
    return players_;
  }
  // Players whose latest game before `day` was for `team`, within the team's last
  // `recent_games` games: the expected roster of a game not yet played.
  std::vector<std::string> RecentRoster(const std::string& team, int32_t day,
                                        size_t recent_games) const;
  // Σ season points average of the team's players (5+ games, latest for this team) who
  // missed its latest game before `day`, `except` aside: scoring the team has been without.
  double MissingPoints(const std::string& team, int32_t day, const std::string& except) const;
  // The team's games of the season so far that have no player rows (player_game_summary
  // gaps): the history a player's features were computed without.
  int64_t TeamGamesWithoutPlayers(const std::string& team) const;
  // The team's points per game over its last `last_n` games before `day` (those with
  // points); NULL when it has none.
  std::optional<double> TeamPointsAverage(const std::string& team, int32_t day,
                                          size_t last_n) const;

 private:
  Result<std::shared_ptr<const HistorySlice>> LoadSlice(Db& db, const std::string& date,
                                                        const std::string& version) const;
  void Index(const HistorySlice& slice);
  void Reindex(const std::string& last);  // the slices dated up to `last`

  std::string season_;
  std::shared_ptr<HistorySlices> shared_;
  // By game_date, some past indexed_last_.
  std::map<std::string, std::shared_ptr<const HistorySlice>> slices_;
  std::string indexed_last_;  // players_, teams_, ... hold the slices dated up to it
  std::unordered_map<std::string, std::vector<PastPlayerGame>> players_;
  std::unordered_map<std::string, std::vector<PastTeamGame>> teams_;
  std::unordered_map<std::string, int64_t> team_games_without_players_;
  // By team: the players whose latest game held is for it (RecentRoster past the index).
  std::unordered_map<std::string, std::set<std::string>> latest_for_team_;
  int32_t indexed_day_ = 0;  // Date::days() of indexed_last_
  // (team, day) -> the missing players and their averages; cleared by every Sync.
  mutable std::map<std::pair<std::string, int32_t>, std::vector<std::pair<std::string, double>>>
      missing_;
};

// Histories shared by the threads that build partitions: each Build takes one of its
// season's, uses it alone, and gives it back. Up to kPerSeason histories per season, so the
// threads can build dates of one season side by side (their slices are shared); a build
// past that waits for one.
class SeasonHistoryPool {
 public:
  // `shared`: slices shared with other pools' histories (may be null).
  explicit SeasonHistoryPool(std::shared_ptr<HistorySlices> shared = nullptr)
      : shared_(std::move(shared)) {}
  class Lease {
   public:
    Lease(SeasonHistoryPool& pool, std::unique_ptr<SeasonHistory> history)
        : pool_(pool), history_(std::move(history)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.Give(std::move(history_)); }
    SeasonHistory& operator*() const { return *history_; }
    SeasonHistory* operator->() const { return history_.get(); }

   private:
    SeasonHistoryPool& pool_;
    std::unique_ptr<SeasonHistory> history_;
  };
  static constexpr size_t kPerSeason = 2;
  // A history of `season` for a build that syncs it to `last`: of the free ones, the one
  // synced latest but not past `last` (syncing back loses its index).
  Lease Take(const std::string& season, const std::string& last);

 private:
  void Give(std::unique_ptr<SeasonHistory> history);
  std::shared_ptr<HistorySlices> shared_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::map<std::string, size_t> busy_;  // histories taken, by season
  std::vector<std::unique_ptr<SeasonHistory>> free_;  // least recently used first
};

}  // namespace backcourt
