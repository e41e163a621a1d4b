#include "tables/inputs.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "core/date.h"
#include "core/hash.h"
#include "core/season.h"
#include "ingest/player_names.h"
#include "store/schema.h"
#include "tables/formulas.h"

namespace backcourt {
namespace {

int StatusRank(const std::string& status) {
  if (status == kStatusFinal) return 5;
  if (status == kStatusInProgress) return 4;
  if (status == kStatusScheduled) return 3;
  if (status == kStatusPostponed) return 2;
  return 1;
}

int ScheduleSourceRank(const std::string& source) {
  if (source == "team-log-csv") return 3;
  if (source == "schedule-json") return 2;
  return 1;
}

// Team stats: the team logs count team turnovers (Basketball-Reference convention).
int TeamStatsRank(const TeamBoxRow& row) {
  if (!row.stats.pts) return 0;
  return row.source == "team-log-csv" ? 3 : 2;
}

// A game lasts 240 + 25·k minutes. NBA.com game logs (leaguegamefinder) give team MIN as
// the sum of rounded player minutes instead (237..244 for a regulation game): such a value
// ranks below any real game length, and is rounded to one when it is all there is.
bool IsGameLength(double minutes) { return TeamMinutesFromPlayers(minutes) == minutes; }

int TeamMinutesRank(const TeamBoxRow& row) {
  if (!row.minutes) return 0;
  if (!IsGameLength(*row.minutes)) return 1;
  return row.source == "team-advanced-csv" ? 2 : 3;
}

template <class Row>
uint64_t ContentHash(const Table<Row>& table, const Row& row) {
  Hasher hasher;
  HashRow(table, row, hasher);
  return hasher.digest();
}

// Picks the best row by `rank` (higher wins); ties go to the smaller content hash, so the
// choice never depends on the order rows were ingested in. Only tied rows are hashed.
template <class Row, class Rank>
const Row* Best(const std::vector<const Row*>& rows, const Table<Row>& table, Rank rank) {
  if (rows.size() == 1) return rank(*rows[0]) > 0 ? rows[0] : nullptr;
  const Row* best = nullptr;
  int best_rank = 0;
  bool tied = false;
  for (const Row* row : rows) {
    const int r = rank(*row);
    if (r > best_rank) best = row, best_rank = r, tied = false;
    else if (r == best_rank && best != nullptr) tied = true;
  }
  if (!tied) return best;
  uint64_t best_hash = 0;
  best = nullptr;
  for (const Row* row : rows) {
    if (rank(*row) != best_rank) continue;
    const uint64_t hash = ContentHash(table, *row);
    if (best == nullptr || hash < best_hash) best = row, best_hash = hash;
  }
  return best;
}

using DateTeamKey = std::pair<std::string, std::string>;

struct DateTeamHash {
  size_t operator()(const DateTeamKey& key) const {
    const std::hash<std::string> hash;
    return hash(key.first) * 31 + hash(key.second);
  }
};

// The games of a season, ordered by game_id, and the hash indexes a row is placed through
// (a season's rows look a game up several hundred thousand times).
struct Placement {
  std::map<std::string, Game> games;                                       // by game_id
  std::unordered_map<std::string_view, Game*> by_id;                       // into games
  std::unordered_map<DateTeamKey, std::string, DateTeamHash> by_date_team;  // -> game_id

  Game& Add(Game game) {
    auto [it, added] = games.emplace(game.game_id, std::move(game));
    by_id.emplace(it->first, &it->second);
    return it->second;
  }
  Game* Find(const std::string& game_id) const {
    auto it = by_id.find(game_id);
    return it == by_id.end() ? nullptr : it->second;
  }
};

Placement ResolveSchedule(const std::vector<ScheduleRow>& schedule) {
  std::map<std::string, std::vector<const ScheduleRow*>> candidates;
  for (const ScheduleRow& row : schedule) candidates[row.game_id].push_back(&row);
  Placement placement;
  for (const auto& [game_id, rows] : candidates) {
    const ScheduleRow* best = Best(rows, ScheduleTable(), [](const ScheduleRow& r) {
      return StatusRank(r.status) * 10 + ScheduleSourceRank(r.source);
    });
    Game game{best->game_id,   best->game_date, best->season, best->game_type,
              best->home_team, best->away_team, best->status, best->neutral_site, false, ""};
    placement.by_date_team[{game.game_date, game.home_team}] = game_id;
    placement.by_date_team[{game.game_date, game.away_team}] = game_id;
    placement.Add(std::move(game));
  }
  return placement;
}

// A team plays at most one game a date. When the schedule gives a team two games that count
// on one date, the game more raw rows name (by id, or by date, team and opponent) is kept and
// the other is marked as a conflict: not built, listed as a gap naming both ids. Ties keep
// the smaller id, so the choice never depends on ingest order.
class ConflictResolver {
 public:
  explicit ConflictResolver(Placement& placement) : placement_(placement) {
    std::map<DateTeamKey, std::vector<std::string>> games_of;
    for (const auto& [id, game] : placement_.games) {
      if (!game.counts()) continue;
      games_of[{game.game_date, game.home_team}].push_back(id);
      games_of[{game.game_date, game.away_team}].push_back(id);
    }
    for (auto& [key, ids] : games_of) {
      if (ids.size() < 2) continue;
      conflicts_[key] = ids;
      for (const std::string& id : ids) evidence_[id] = 0;
    }
  }
  bool any() const { return !conflicts_.empty(); }

  void Count(const std::vector<ScheduleRow>& rows) {
    for (const ScheduleRow& row : rows) {
      if (auto it = evidence_.find(row.game_id); it != evidence_.end()) ++it->second;
    }
  }
  template <class Row>
  void Count(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
      if (!row.game_id.empty()) {
        if (auto it = evidence_.find(row.game_id); it != evidence_.end()) ++it->second;
        continue;
      }
      auto conflict = conflicts_.find({row.game_date, row.team});
      if (conflict == conflicts_.end()) continue;
      for (const std::string& id : conflict->second) {
        const Game& game = *placement_.Find(id);
        if (row.opponent == game.home_team || row.opponent == game.away_team) ++evidence_[id];
      }
    }
  }

  void Resolve() {
    for (const auto& [key, ids] : conflicts_) {
      const std::string* winner = &ids.front();
      for (const std::string& id : ids) {
        if (evidence_.at(id) > evidence_.at(*winner)) winner = &id;  // ids ascending: ties keep the first
      }
      placement_.by_date_team[key] = *winner;
      for (const std::string& id : ids) {
        Game& game = *placement_.Find(id);
        if (id == *winner || !game.conflict.empty()) continue;
        game.conflict = fmt::format(
            "{} also plays game {} on {} ({} raw rows name it, {} name this one): one team, two "
            "games, one date",
            key.second, *winner, key.first, evidence_.at(*winner), evidence_.at(id));
      }
    }
  }

 private:
  Placement& placement_;
  std::map<DateTeamKey, std::vector<std::string>> conflicts_;
  std::map<std::string, int64_t> evidence_;  // raw rows naming each conflicting game
};

// Fills game_id/game_date of a row from the schedule; infers a game from a row that names
// both teams and the home side. Returns the row's game, or null with the reason it cannot
// be placed in `why`.
template <class Row>
const Game* Place(Row& row, Placement& placement, int64_t& inferred, std::string& why) {
  if (row.game_id.empty()) {
    if (row.game_date.empty()) {
      why = "no game id and no date";
      return nullptr;
    }
    auto it = placement.by_date_team.find({row.game_date, row.team});
    if (it != placement.by_date_team.end()) {
      row.game_id = it->second;
    } else if (row.is_home && !row.opponent.empty()) {
      const std::string home = *row.is_home ? row.team : row.opponent;
      const std::string away = *row.is_home ? row.opponent : row.team;
      std::string ymd = row.game_date;
      ymd.erase(std::remove(ymd.begin(), ymd.end(), '-'), ymd.end());
      row.game_id = ymd + "_" + away + "_" + home;
    } else {
      why = "no scheduled game for this team on this date";
      return nullptr;
    }
  }
  const Game* game = placement.Find(row.game_id);
  if (game == nullptr) {
    if (row.game_date.empty() || !row.is_home || row.opponent.empty()) {
      why = "game id not in the schedule and the source does not name date, both teams and home";
      return nullptr;
    }
    const auto date = Date::ParseIso(row.game_date);
    Game g{row.game_id,
           row.game_date,
           date ? Season::Of(*date).label() : "",
           "",
           *row.is_home ? row.team : row.opponent,
           *row.is_home ? row.opponent : row.team,
           kStatusFinal,
           0,
           true,
           ""};
    placement.by_date_team[{g.game_date, g.home_team}] = g.game_id;
    placement.by_date_team[{g.game_date, g.away_team}] = g.game_id;
    game = &placement.Add(std::move(g));
    ++inferred;
  }
  if (row.team != game->home_team && row.team != game->away_team) {
    why = "team did not play in game " + row.game_id;
    return nullptr;
  }
  row.game_date = game->game_date;
  return game;
}

}  // namespace

// NormalizePlayerName once per distinct spelling: a season's rows repeat a few thousand names.
class NameCache {
 public:
  const std::string& operator()(const std::string& name) {
    auto it = normalised_.find(name);
    if (it == normalised_.end()) it = normalised_.emplace(name, NormalizePlayerName(name)).first;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> normalised_;
};

// One player's rows in one game, under the key they resolved to; groups are sorted by
// (game_id, key). A group merged into another is left empty.
struct PlayerGroup {
  const Game* game;
  std::string key;
  std::vector<const PlayerBoxRow*> rows;
};

namespace {

// Name-only sources are matched to NBA.com ids through any source that has both, within the
// same season (so the answer never depends on which other seasons are loaded): by (name, team)
// first, then by name alone, when either gives exactly one id.
class PlayerKeys {
 public:
  explicit PlayerKeys(NameCache& names) : names_(names) {}

  void Learn(const PlayerBoxRow& row, const std::string& season) {
    if (!row.player_id || row.player_name.empty()) return;
    const std::string& name = names_(row.player_name);
    for (const std::string* team : {&kNoTeam, &row.team}) {
      SetKey(name, season, *team);
      ids_[key_].insert(*row.player_id);
    }
  }
  std::string KeyFor(const PlayerBoxRow& row, const std::string& season) {
    if (row.player_id) return std::to_string(*row.player_id);
    const std::string& normalised = names_(row.player_name);
    for (const std::string* team : {&row.team, &kNoTeam}) {
      SetKey(normalised, season, *team);
      auto it = ids_.find(key_);
      if (it != ids_.end() && it->second.size() == 1) return std::to_string(*it->second.begin());
    }
    return "name:" + normalised;
  }

 private:
  static inline const std::string kNoTeam;
  // "name|season" or "name|season|team", in a buffer reused for every lookup.
  void SetKey(const std::string& name, const std::string& season, const std::string& team) {
    key_.assign(name).append("|").append(season);
    if (!team.empty()) key_.append("|").append(team);
  }
  NameCache& names_;
  std::unordered_map<std::string, std::set<int64_t>> ids_;
  std::string key_;
};

using PlayerGroups = std::vector<PlayerGroup>;

// Groups the placed rows by (game_id, key), each group's rows in the order given.
PlayerGroups GroupPlayers(std::vector<std::pair<const Game*, std::string>> keyed,
                          const std::vector<PlayerBoxRow*>& rows) {
  std::vector<size_t> order(rows.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int by_game = keyed[a].first->game_id.compare(keyed[b].first->game_id);
    return by_game != 0 ? by_game < 0 : keyed[a].second < keyed[b].second;
  });
  PlayerGroups groups;
  for (size_t i : order) {
    auto& [game, key] = keyed[i];
    if (groups.empty() || groups.back().game != game || groups.back().key != key) {
      groups.push_back({game, std::move(key), {}});
    }
    groups.back().rows.push_back(rows[i]);
  }
  return groups;
}

bool SameBoxLine(const PlayerBoxRow& a, const PlayerBoxRow& b) {
  auto same = [](const auto& x, const auto& y) { return !x || !y || *x == *y; };
  const BoxStats &s = a.stats, &t = b.stats;
  return a.team == b.team && s.pts && t.pts && *s.pts == *t.pts && same(s.reb, t.reb) &&
         same(s.ast, t.ast) && same(s.stl, t.stl) && same(s.blk, t.blk) && same(s.tov, t.tov) &&
         a.minutes && b.minutes && std::abs(*a.minutes - *b.minutes) <= 1.0;
}

// A name-only source may spell a player differently from NBA.com ("Mo Bamba" / "Mohamed
// Bamba"), so the name key stays unresolved. Within one game and team, the same box line is
// the same player: a name-key group whose line matches exactly one id-key group joins it.
void MergeNameKeysIntoIds(PlayerGroups& groups) {
  for (size_t begin = 0, end = 0; begin < groups.size(); begin = end) {
    while (end < groups.size() && groups[end].game == groups[begin].game) ++end;
    for (size_t i = begin; i < end; ++i) {
      if (!IsNameKey(groups[i].key)) continue;
      const PlayerBoxRow& line = *groups[i].rows.front();
      PlayerGroup* match = nullptr;
      size_t matches = 0;
      for (size_t j = begin; j < end; ++j) {
        if (IsNameKey(groups[j].key)) continue;
        const auto& rows = groups[j].rows;
        if (std::any_of(rows.begin(), rows.end(),
                        [&](const PlayerBoxRow* r) { return SameBoxLine(*r, line); })) {
          match = &groups[j], ++matches;
        }
      }
      if (matches != 1) continue;
      match->rows.insert(match->rows.end(), groups[i].rows.begin(), groups[i].rows.end());
      groups[i].rows.clear();
    }
  }
}

}  // namespace

PlayerSource PlayerSourceOf(const PlayerBoxRow& row) {
  if (!row.has_shooting) return PlayerSource::kReducedLog;
  if (row.source == "bbref-csv") return PlayerSource::kBasketballReference;
  if (row.source == "bdl-json") return PlayerSource::kBalldontlie;
  return PlayerSource::kNbaBox;
}

const char* PlayerSourceName(PlayerSource source) {
  switch (source) {
    case PlayerSource::kNbaBox:
      return "nba_box";
    case PlayerSource::kBasketballReference:
      return "bbref";
    case PlayerSource::kBalldontlie:
      return "balldontlie";
    case PlayerSource::kReducedLog:
      return "reduced_log";
  }
  return "?";
}

ResolvedInputs ResolvedInputs::Build(std::vector<ScheduleRow> schedule,
                                     std::vector<TeamBoxRow> team_box,
                                     std::vector<PlayerBoxRow> player_box) {
  ResolvedInputs out;
  out.team_rows_ = std::move(team_box);
  out.player_rows_ = std::move(player_box);
  Placement placement = ResolveSchedule(schedule);
  if (ConflictResolver conflicts(placement); conflicts.any()) {
    conflicts.Count(schedule);
    conflicts.Count(out.team_rows_);
    conflicts.Count(out.player_rows_);
    conflicts.Resolve();
  }
  auto unplaced = [&](const std::string& source, const std::string& date, const std::string& team,
                      const std::string& name, const std::string& reason) {
    out.unplaced_.push_back(UnplacedRow{source, date, team, name, reason});
  };

  std::string why;
  std::map<std::pair<std::string, std::string>, std::vector<const TeamBoxRow*>> team_rows;
  for (TeamBoxRow& row : out.team_rows_) {
    if (Place(row, placement, out.inferred_games_, why) == nullptr) {
      unplaced(row.source, row.game_date, row.team, "", why);
      continue;
    }
    team_rows[{row.game_id, row.team}].push_back(&row);
  }

  NameCache names;
  PlayerKeys keys(names);
  std::vector<PlayerBoxRow*> placed_players;
  std::vector<std::pair<const Game*, std::string>> keyed;  // each placed row's game and key
  for (PlayerBoxRow& row : out.player_rows_) {
    const Game* game = Place(row, placement, out.inferred_games_, why);
    if (game == nullptr) {
      unplaced(row.source, row.game_date, row.team, row.player_name, why);
      continue;
    }
    keys.Learn(row, game->season);
    placed_players.push_back(&row);
    keyed.emplace_back(game, std::string());
  }
  for (size_t i = 0; i < placed_players.size(); ++i) {
    keyed[i].second = keys.KeyFor(*placed_players[i], keyed[i].first->season);
  }
  PlayerGroups player_rows = GroupPlayers(std::move(keyed), placed_players);
  MergeNameKeysIntoIds(player_rows);
  out.IndexNames(player_rows, names);

  // Assemble games by date.
  for (const auto& [game_id, game] : placement.games) {
    DateInputs& date = out.by_date_[game.game_date];
    GameInputs inputs;
    inputs.game = game;
    inputs.sides[0].team = game.home_team;
    inputs.sides[0].opponent = game.away_team;
    inputs.sides[0].is_home = true;
    inputs.sides[1].team = game.away_team;
    inputs.sides[1].opponent = game.home_team;
    date.games.push_back(std::move(inputs));
  }
  std::unordered_map<std::string_view, GameInputs*> game_index;
  for (auto& [date, inputs] : out.by_date_) {
    for (GameInputs& game : inputs.games) game_index[game.game.game_id] = &game;
  }
  auto side_of = [&](const std::string& game_id, const std::string& team) -> TeamSide& {
    GameInputs* game = game_index.at(game_id);
    return game->sides[game->sides[0].team == team ? 0 : 1];
  };

  for (const auto& [key, rows] : team_rows) {
    TeamSide& side = side_of(key.first, key.second);
    side.box = Best(rows, RawTeamBoxTable(), TeamStatsRank);
    if (const TeamBoxRow* best = Best(rows, RawTeamBoxTable(), TeamMinutesRank)) {
      side.team_minutes = TeamMinutesFromPlayers(*best->minutes);
      side.minutes_source = best->source == "team-advanced-csv" ? "team_advanced" : "team_box";
    }
  }
  for (PlayerGroup& group : player_rows) {
    if (group.rows.empty()) continue;  // merged into another
    const PlayerBoxRow* best = Best(group.rows, RawPlayerBoxTable(), [](const PlayerBoxRow& r) {
      return static_cast<int>(PlayerSourceOf(r)) * 2 + (r.status == "active" ? 1 : 0);
    });
    ResolvedPlayer player{best, std::move(group.key), PlayerSourceOf(*best)};
    if (IsNameKey(player.player_key)) ++out.unresolved_players_;
    side_of(group.game->game_id, best->team).players.push_back(std::move(player));
  }

  return out;
}

void ResolvedInputs::IndexNames(const std::vector<PlayerGroup>& player_rows, NameCache& names) {
  std::unordered_map<std::string_view, std::set<std::string>> keys;
  for (const PlayerGroup& group : player_rows) {
    const std::string& key = group.key;
    if (group.rows.empty() || IsNameKey(key)) continue;
    auto& teams = teams_by_key_[key];
    const size_t group_start = teams.size();
    const std::string* last_name = nullptr;
    for (const PlayerBoxRow* row : group.rows) {
      if (last_name == nullptr || *last_name != row->player_name) {
        keys[names(row->player_name)].insert(key);
        last_name = &row->player_name;
      }
      // A game's rows share its date: one (date, team) per team the player's rows name.
      const bool seen = std::any_of(teams.begin() + static_cast<std::ptrdiff_t>(group_start),
                                    teams.end(), [&](const auto& t) {
                                      return t.first == row->game_date && t.second == row->team;
                                    });
      if (!seen) teams.emplace_back(row->game_date, row->team);
    }
  }
  for (auto& [name, ids] : keys) keys_by_name_[std::string(name)].assign(ids.begin(), ids.end());
  for (auto& [key, teams] : teams_by_key_) std::sort(teams.begin(), teams.end());
}

std::optional<std::string> ResolvedInputs::TeamAt(const std::string& player_key,
                                                  const std::string& date) const {
  auto it = teams_by_key_.find(player_key);
  if (it == teams_by_key_.end() || it->second.empty()) return std::nullopt;
  const auto& teams = it->second;
  // The team of the player's last game on or before the date, else of its first game after.
  auto after = std::upper_bound(teams.begin(), teams.end(), std::pair{date, std::string("\x7f")});
  return after == teams.begin() ? teams.front().second : std::prev(after)->second;
}

NamedPlayer ResolvedInputs::ResolveName(const std::string& name_key, const Game& game) const {
  NamedPlayer unresolved{"name:" + name_key, std::nullopt, false};
  std::set<std::string> keys;
  if (auto it = keys_by_name_.find(name_key); it != keys_by_name_.end()) {
    keys.insert(it->second.begin(), it->second.end());
  } else {
    for (const std::string& variant : FirstNameVariants(name_key)) {
      if (auto v = keys_by_name_.find(variant); v != keys_by_name_.end()) {
        keys.insert(v->second.begin(), v->second.end());
      }
    }
  }
  if (keys.empty()) return unresolved;
  auto in_game = [&](const std::optional<std::string>& team) {
    return team && (*team == game.home_team || *team == game.away_team);
  };
  const NamedPlayer* pick = nullptr;
  std::vector<NamedPlayer> candidates;
  for (const std::string& key : keys) {
    std::optional<std::string> team = TeamAt(key, game.game_date);
    candidates.push_back({key, in_game(team) ? team : std::nullopt, true});
  }
  size_t playing = 0;
  for (const NamedPlayer& c : candidates) {
    if (c.team) ++playing, pick = &c;
  }
  if (playing == 1) return *pick;
  if (candidates.size() == 1) return candidates.front();
  return unresolved;
}

std::vector<const Game*> ResolvedInputs::BuiltGames(const std::string& game_date) const {
  std::vector<const Game*> games;
  if (const DateInputs* inputs = ForDate(game_date)) {
    for (const GameInputs& g : inputs->games) {
      if (g.game.built()) games.push_back(&g.game);
    }
  }
  return games;
}

std::vector<Game> ResolvedInputs::Games() const {
  std::vector<Game> games;
  for (const auto& [date, inputs] : by_date_) {
    for (const GameInputs& g : inputs.games) games.push_back(g.game);
  }
  return games;
}

const DateInputs* ResolvedInputs::ForDate(const std::string& game_date) const {
  auto it = by_date_.find(game_date);
  return it == by_date_.end() ? nullptr : &it->second;
}

}  // namespace backcourt
