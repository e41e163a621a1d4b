#pragma once
// Build-time identity resolution (DESIGN.md §2): the raw rows of every source, placed into
// the games of the schedule and merged by source priority. Raw tables keep what sources say;
// this is where ids are resolved, so ingest order never changes a derived table.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ingest/raw_rows.h"

namespace backcourt {

struct Game {
  std::string game_id, game_date, season, game_type, home_team, away_team, status;
  int64_t neutral_site = 0;
  bool inferred = false;  // no schedule row: built from a source naming both teams and home side
  // Why the game is not built although it counts: a team of it also plays another game that
  // date, which more raw rows support (e.g. a bogus schedule row). Empty for every real game.
  std::string conflict;
  bool final() const { return status == kStatusFinal; }
  // Derived tables cover final games that count: the regular season (NBA Cup included),
  // play-in and playoffs. Preseason and All-Star games are in the schedule but not built.
  bool counts() const { return final() && game_type != "preseason" && game_type != "all_star"; }
  // Counts and is built; a game that counts but is not built is a gap (see `conflict`).
  bool built() const { return counts() && conflict.empty(); }
};

// Source priority for player rows: NBA.com box > Basketball-Reference > balldontlie > reduced
// game logs (no shooting columns).
enum class PlayerSource { kReducedLog = 1, kBalldontlie = 2, kBasketballReference = 3, kNbaBox = 4 };
PlayerSource PlayerSourceOf(const PlayerBoxRow& row);
const char* PlayerSourceName(PlayerSource source);

struct ResolvedPlayer {
  const PlayerBoxRow* row;  // owned by ResolvedInputs; game_id and game_date filled in
  std::string player_key;  // NBA.com id as text, or "name:<normalised name>" when unresolved
  PlayerSource source = PlayerSource::kReducedLog;
};

// Everything known about one side of one game.
struct TeamSide {
  std::string team, opponent;
  bool is_home = false;
  const TeamBoxRow* box = nullptr;     // best team box: team logs (team tov) > NBA.com boxes
  std::optional<double> team_minutes;  // from a team box or the team advanced file
  std::string minutes_source;          // "team_box", "team_advanced" or ""
  std::vector<ResolvedPlayer> players;  // one per player, best source, sorted by player_key
};

struct GameInputs {
  Game game;
  std::array<TeamSide, 2> sides;  // [0] home, [1] away
};

struct DateInputs {
  std::vector<GameInputs> games;  // sorted by game_id
};

struct UnplacedRow {
  std::string source, game_date, team, player_name, reason;
};

class ResolvedInputs {
 public:
  static ResolvedInputs Build(std::vector<ScheduleRow> schedule, std::vector<TeamBoxRow> team_box,
                              std::vector<PlayerBoxRow> player_box);

  const DateInputs* ForDate(const std::string& game_date) const;
  const std::vector<UnplacedRow>& unplaced() const { return unplaced_; }
  int64_t inferred_games() const { return inferred_games_; }
  int64_t unresolved_players() const { return unresolved_players_; }

 ResolvedInputs() = default;
  ResolvedInputs(ResolvedInputs&&) = default;
  ResolvedInputs& operator=(ResolvedInputs&&) = default;
  ResolvedInputs(const ResolvedInputs&) = delete;  // games point into the owned rows

 private:
  std::vector<TeamBoxRow> team_rows_;
  std::vector<PlayerBoxRow> player_rows_;
  std::map<std::string, DateInputs> by_date_;
  std::vector<UnplacedRow> unplaced_;
  int64_t inferred_games_ = 0;
  int64_t unresolved_players_ = 0;
};

}  // namespace backcourt
