#pragma once
// Build-time identity resolution (DESIGN.md §2): the raw rows of every source, placed into
// the games of the schedule and merged by source priority. Raw tables keep what sources say;
// this is where ids are resolved, so ingest order never changes a derived table.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

// A player key no NBA.com id resolved: "name:<normalised name>".
inline bool IsNameKey(std::string_view player_key) {
  return player_key.substr(0, 5) == "name:";
}

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

// Who a name-only source (a betting line) names in one game, resolved within the season.
struct NamedPlayer {
  std::string player_key;          // NBA.com id as text, or "name:<normalised name>"
  std::optional<std::string> team;  // the player's team at the game's date when it plays in it
  bool resolved = false;            // player_key is an NBA.com id
};

struct UnplacedRow {
  std::string source, game_date, team, player_name, reason;
};

class NameCache;     // inputs.cpp: each spelling of a name normalised once per Build
struct PlayerGroup;  // inputs.cpp: one player's rows in one game

class ResolvedInputs {
 public:
  // The one resolver of the schedule and identity (DESIGN.md §2). Every reader of "the games
  // that count" (builds, the date catalog, validation, predict) gets them from here, directly
  // or through the table a backfill persists them in (engine/resolved_schedule.h).
  static ResolvedInputs Build(std::vector<ScheduleRow> schedule, std::vector<TeamBoxRow> team_box,
                              std::vector<PlayerBoxRow> player_box);

  const DateInputs* ForDate(const std::string& game_date) const;
  // Every game resolved (scheduled or inferred, whatever its status), by date then game_id.
  std::vector<Game> Games() const;
  // The games of a date that derived tables build (Game::built), in game_id order.
  std::vector<const Game*> BuiltGames(const std::string& game_date) const;
  const std::vector<UnplacedRow>& unplaced() const { return unplaced_; }
  int64_t inferred_games() const { return inferred_games_; }
  int64_t unresolved_players() const { return unresolved_players_; }
  // The raw rows it holds (what its memory grows with).
  size_t raw_rows() const { return team_rows_.size() + player_rows_.size(); }
  // Resolves a normalised name (NormalizePlayerName) for `game` through every player row of
  // the season, so a player who did not play that day still resolves: the one id the name
  // has, or among several the one whose team then plays in the game; else the name key.
  NamedPlayer ResolveName(const std::string& name_key, const Game& game) const;

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
  // The season's name index: normalised name -> resolved keys, and each key's teams by date.
  std::unordered_map<std::string, std::vector<std::string>> keys_by_name_;
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> teams_by_key_;
  void IndexNames(const std::vector<PlayerGroup>& player_rows, NameCache& names);
  std::optional<std::string> TeamAt(const std::string& player_key, const std::string& date) const;
};

}  // namespace backcourt
