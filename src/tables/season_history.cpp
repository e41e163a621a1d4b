#include "tables/season_history.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/date.h"
#include "core/season.h"
#include "store/derived_store.h"
#include "store/partition_store.h"
#include "store/partition_versions.h"
#include "tables/player_game_summary.h"
#include "tables/team_defense_game_summary.h"
#include "tables/team_offense_game_summary.h"

namespace backcourt {
namespace {

int32_t DayOf(const std::string& iso) {
  const auto date = Date::ParseIso(iso);
  return date ? date->days() : 0;
}

std::optional<double> ToDouble(const std::optional<int64_t>& v) {
  if (!v) return std::nullopt;
  return static_cast<double>(*v);
}

// (date, "v1|v2|v3|") in date order over the three upstream tables, "-" for one without a
// built partition of the date; a date is listed when any has one. A history asks before each
// build, for every date of the season so far: one string per date, none per row.
Result<std::vector<std::pair<std::string, std::string>>> UpstreamVersions(
    Db& db, const std::string& first, const std::string& last) {
  constexpr size_t kTables = 3;
  std::vector<std::pair<std::string, std::string>> combined;
  std::array<std::string, kTables> parts;
  std::array<bool, kTables> built{};
  std::string date;
  const auto add_date = [&] {
    std::string key;
    for (size_t t = 0; t < kTables; ++t) {
      key += built[t] ? parts[t] : std::string("-");
      key += '|';
      built[t] = false;
    }
    combined.emplace_back(date, std::move(key));
  };
  BC_RETURN_IF_ERROR(ForEachOkDataVersion(
      db, {PlayerGameTable().name, TeamOffenseTable().name, TeamDefenseTable().name}, first,
      last, [&](std::string_view day, size_t table, std::string_view version) {
        if (day != date) {
          if (!date.empty()) add_date();
          date.assign(day);
        }
        parts[table].assign(version);
        built[table] = true;
      }));
  if (!date.empty()) add_date();
  return combined;
}

// The columns of player_game_summary a history keeps (11 of its 35): a season's history
// reads every row of the season, often several times over a backfill.
struct HistoryPlayerRow {
  std::string season, player_key, player_name, team, status;
  std::optional<double> minutes_played;
  std::optional<int64_t> points, reb, ast;
  std::optional<double> usage_rate, ts_pct;
};

const Table<HistoryPlayerRow>& HistoryPlayerTable() {
  using R = HistoryPlayerRow;
  static const Table<R> table{
      PlayerGameTable().name,
      {Col("season", &R::season), Col("player_key", &R::player_key),
       Col("player_name", &R::player_name), Col("team", &R::team), Col("status", &R::status),
       Col("minutes_played", &R::minutes_played), Col("points", &R::points),
       Col("reb", &R::reb), Col("ast", &R::ast), Col("usage_rate", &R::usage_rate),
       Col("ts_pct", &R::ts_pct)},
      {},
      {}};
  return table;
}

const std::vector<PastPlayerGame> kNoPlayerGames;
const std::vector<PastTeamGame> kNoTeamGames;

}  // namespace

std::shared_ptr<const HistorySlice> HistorySlices::Find(const Key& key,
                                                        const std::string& version) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = slices_.find(key);
  if (it == slices_.end()) return nullptr;
  auto slice = it->second.lock();
  if (!slice) slices_.erase(it);
  return slice && slice->version == version ? slice : nullptr;
}

void HistorySlices::Add(const Key& key, const std::shared_ptr<const HistorySlice>& slice) {
  std::lock_guard<std::mutex> lock(mutex_);
  slices_[key] = slice;
}

Result<std::shared_ptr<const HistorySlice>> SeasonHistory::LoadSlice(
    Db& db, const std::string& date, const std::string& version) const {
  const HistorySlices::Key key(season_, date);
  if (shared_) {
    if (auto slice = shared_->Find(key, version)) return slice;
  }
  auto loaded = std::make_shared<HistorySlice>();
  HistorySlice& slice = *loaded;
  slice.version = version;
  const int32_t day = DayOf(date);
  BC_ASSIGN_OR_RETURN(auto players, ReadPartitionRows(db, HistoryPlayerTable(), date));
  for (HistoryPlayerRow& row : players) {
    if (row.season != season_ || row.status != "active") continue;
    if (!row.minutes_played || *row.minutes_played <= 0 || !row.points) continue;
    PastPlayerGame game{day,
                        std::move(row.team),
                        std::move(row.player_name),
                        *row.minutes_played,
                        static_cast<double>(*row.points),
                        ToDouble(row.reb),
                        ToDouble(row.ast),
                        row.usage_rate,
                        row.ts_pct};
    slice.players.emplace_back(std::move(row.player_key), std::move(game));
  }
  BC_ASSIGN_OR_RETURN(auto offense, ReadPartitionRows(db, TeamOffenseTable(), date));
  BC_ASSIGN_OR_RETURN(auto defense, ReadPartitionRows(db, TeamDefenseTable(), date));
  std::map<std::string, PastTeamGame> teams;
  for (const TeamOffenseRow& row : offense) {
    if (row.season != season_) continue;
    PastTeamGame& game = teams[row.team];
    game.day = day, game.pace = row.pace, game.ortg = row.offensive_rating;
    game.points = ToDouble(row.points);
  }
  for (const TeamDefenseRow& row : defense) {
    if (row.season != season_) continue;
    PastTeamGame& game = teams[row.team];
    game.day = day, game.drtg = row.defensive_rating, game.def_pace = row.pace;
  }
  slice.teams.assign(teams.begin(), teams.end());
  BC_ASSIGN_OR_RETURN(auto gaps, PartitionStore(db).Gaps(PlayerGameTable().name, date));
  for (const PartitionGap& gap : gaps) slice.teams_without_players.push_back(gap.team);
  std::shared_ptr<const HistorySlice> result = std::move(loaded);
  if (shared_) shared_->Add(key, result);
  return result;
}

Status SeasonHistory::Sync(Db& db, const std::string& last) {
  const auto season = Season::Parse(season_);
  if (!season) return InvalidInput(fmt::format("not a season: '{}' (YYYY-YY)", season_));
  // Versions are read before rows: a concurrent rewrite can only make the cached rows newer
  // than their recorded version, which the next Sync notices and reloads.
  BC_ASSIGN_OR_RETURN(auto versions, UpstreamVersions(db, season->first().ToIso(), last));
  // Only dates up to `last` are checked and indexed. Later ones stay cached outside the
  // index (workers and the two tables that read histories build dates out of order) and are
  // checked again when a Sync reaches them.
  bool reindex = last < indexed_last_;  // going back: the index loses dates
  // Both in date order: walked side by side.
  auto v = versions.begin();
  for (auto it = slices_.begin(); it != slices_.end() && it->first <= last;) {
    while (v != versions.end() && v->first < it->first) ++v;
    if (v != versions.end() && v->first == it->first && v->second == it->second->version) {
      ++it;
      continue;
    }
    if (it->first <= indexed_last_) reindex = true;
    it = slices_.erase(it);
  }
  missing_.clear();
  auto held = slices_.begin();
  for (const auto& [date, version] : versions) {
    while (held != slices_.end() && held->first < date) ++held;
    if (held != slices_.end() && held->first == date) continue;
    BC_ASSIGN_OR_RETURN(auto slice, LoadSlice(db, date, version));
    if (date <= indexed_last_) reindex = true;
    held = slices_.emplace_hint(held, date, std::move(slice));
  }
  if (reindex) {
    Reindex(last);
  } else {  // the dates after the index, in order
    for (auto it = slices_.upper_bound(indexed_last_); it != slices_.end() && it->first <= last;
         ++it) {
      Index(*it->second);
    }
  }
  indexed_last_ = last;
  indexed_day_ = DayOf(last);
  return {};
}

void SeasonHistory::Index(const HistorySlice& slice) {
  for (const auto& [key, game] : slice.players) {
    auto& games = players_[key];
    if (!games.empty()) latest_for_team_[games.back().team].erase(key);
    latest_for_team_[game.team].insert(key);
    games.push_back(game);
  }
  for (const auto& [team, game] : slice.teams) teams_[team].push_back(game);
  for (const std::string& team : slice.teams_without_players) team_games_without_players_[team]++;
}

void SeasonHistory::Reindex(const std::string& last) {
  players_.clear();
  teams_.clear();
  team_games_without_players_.clear();
  latest_for_team_.clear();
  for (auto it = slices_.begin(); it != slices_.end() && it->first <= last; ++it) {
    Index(*it->second);
  }
}

const std::vector<PastPlayerGame>& SeasonHistory::Player(const std::string& player_key) const {
  auto it = players_.find(player_key);
  return it == players_.end() ? kNoPlayerGames : it->second;
}

const std::vector<PastTeamGame>& SeasonHistory::Team(const std::string& team) const {
  auto it = teams_.find(team);
  return it == teams_.end() ? kNoTeamGames : it->second;
}

std::vector<std::string> SeasonHistory::RecentRoster(const std::string& team, int32_t day,
                                                     size_t recent_games) const {
  const auto& team_games = Team(team);
  auto end = std::lower_bound(team_games.begin(), team_games.end(), day,
                              [](const PastTeamGame& g, int32_t d) { return g.day < d; });
  if (end == team_games.begin()) return {};
  const size_t back = std::min<size_t>(recent_games, static_cast<size_t>(end - team_games.begin()));
  const int32_t since = (end - static_cast<long>(back))->day;
  std::vector<std::string> roster;
  if (day > indexed_day_) {  // every game held is before `day`: its latest is the last one
    if (auto it = latest_for_team_.find(team); it != latest_for_team_.end()) {
      for (const std::string& key : it->second) {
        if (players_.at(key).back().day >= since) roster.push_back(key);
      }
    }
    return roster;  // in key order, as the set is
  }
  for (const auto& [key, games] : players_) {
    auto last = std::lower_bound(games.begin(), games.end(), day,
                                 [](const PastPlayerGame& g, int32_t d) { return g.day < d; });
    if (last == games.begin()) continue;
    --last;
    if (last->team == team && last->day >= since) roster.push_back(key);
  }
  std::sort(roster.begin(), roster.end());
  return roster;
}

double SeasonHistory::MissingPoints(const std::string& team, int32_t day,
                                   const std::string& except) const {
  auto [it, inserted] = missing_.try_emplace({team, day});
  if (inserted) {
    const auto& team_games = Team(team);
    auto end = std::lower_bound(team_games.begin(), team_games.end(), day,
                                [](const PastTeamGame& g, int32_t d) { return g.day < d; });
    const int32_t latest = end == team_games.begin() ? day : std::prev(end)->day;
    auto add = [&](const std::string& key, const std::vector<PastPlayerGame>& games,
                   std::vector<PastPlayerGame>::const_iterator last) {
      const auto played = last - games.begin();
      if (played < 5 || std::prev(last)->team != team || std::prev(last)->day >= latest) return;
      double points = 0;
      for (auto g = games.begin(); g != last; ++g) points += g->points;
      it->second.emplace_back(key, points / static_cast<double>(played));
    };
    if (day > indexed_day_) {  // every game held is before `day`: the team's players are known
      if (auto team_players = latest_for_team_.find(team); team_players != latest_for_team_.end()) {
        for (const std::string& key : team_players->second) {
          const auto& games = players_.at(key);
          add(key, games, games.end());
        }
      }
    } else {
      for (const auto& [key, games] : players_) {
        add(key, games,
            std::lower_bound(games.begin(), games.end(), day,
                             [](const PastPlayerGame& g, int32_t d) { return g.day < d; }));
      }
    }
    // players_ is unordered: sum in key order so the total is the same to the last bit
    // whatever order the history was filled in.
    std::sort(it->second.begin(), it->second.end());
  }
  double total = 0;
  for (const auto& [key, points] : it->second) total += key == except ? 0 : points;
  return total;
}

int64_t SeasonHistory::TeamGamesWithoutPlayers(const std::string& team) const {
  auto it = team_games_without_players_.find(team);
  return it == team_games_without_players_.end() ? 0 : it->second;
}

std::optional<double> SeasonHistory::TeamPointsAverage(const std::string& team, int32_t day,
                                                      size_t last_n) const {
  const auto& team_games = Team(team);
  auto end = std::lower_bound(team_games.begin(), team_games.end(), day,
                              [](const PastTeamGame& g, int32_t d) { return g.day < d; });
  double sum = 0;
  size_t count = 0;
  for (auto it = end; it != team_games.begin() && count < last_n;) {
    --it;
    if (!it->points) continue;
    sum += *it->points;
    ++count;
  }
  if (count == 0) return std::nullopt;
  return sum / static_cast<double>(count);
}

SeasonHistoryPool::Lease SeasonHistoryPool::Take(const std::string& season,
                                                 const std::string& last) {
  std::unique_lock<std::mutex> lock(mutex_);
  released_.wait(lock, [&] { return busy_[season] < kPerSeason; });
  busy_[season]++;
  // Is a free history `a` a better start than `b`: not synced past `last`, and latest.
  auto better = [&](const SeasonHistory& a, const SeasonHistory& b) {
    const bool a_behind = a.synced() <= last, b_behind = b.synced() <= last;
    if (a_behind != b_behind) return a_behind;
    return a_behind && a.synced() > b.synced();
  };
  auto best = free_.end();
  for (auto it = free_.begin(); it != free_.end(); ++it) {
    if ((*it)->season() != season) continue;
    if (best == free_.end() || better(**it, **best)) best = it;
  }
  if (best != free_.end()) {
    auto history = std::move(*best);
    free_.erase(best);
    return Lease(*this, std::move(history));
  }
  // Builds of several seasons may interleave (a backfill runs a season's dates in order but
  // seasons side by side): keep the few most recently used histories, drop the oldest.
  constexpr size_t kKeep = 4 * kPerSeason;
  if (free_.size() >= kKeep) free_.erase(free_.begin());
  return Lease(*this, std::make_unique<SeasonHistory>(season, shared_));
}

void SeasonHistoryPool::Give(std::unique_ptr<SeasonHistory> history) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--busy_[history->season()] == 0) busy_.erase(history->season());
    free_.push_back(std::move(history));
  }
  released_.notify_all();
}

}  // namespace backcourt
