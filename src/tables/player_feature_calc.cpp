#include "tables/player_feature_calc.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "core/date.h"

namespace backcourt {
namespace {

// The games before `day` (histories are in date order).
template <class Game>
std::span<const Game> Before(const std::vector<Game>& games, int32_t day) {
  auto end = std::lower_bound(games.begin(), games.end(), day,
                              [](const Game& g, int32_t d) { return g.day < d; });
  return {games.data(), static_cast<size_t>(end - games.begin())};
}

template <class Game>
std::span<const Game> Last(std::span<const Game> games, size_t n) {
  return games.size() <= n ? games : games.subspan(games.size() - n);
}

// Mean of the values present; NULL when none is.
template <class Game, class Get>
std::optional<double> Mean(std::span<const Game> games, Get get) {
  double sum = 0;
  int count = 0;
  for (const Game& g : games) {
    const std::optional<double> v = get(g);
    if (!v) continue;
    sum += *v;
    ++count;
  }
  if (count == 0) return std::nullopt;
  return sum / count;
}

std::optional<double> PointsStd(std::span<const PastPlayerGame> games) {
  if (games.size() < 2) return std::nullopt;
  double mean = 0;
  for (const PastPlayerGame& g : games) mean += g.points;
  mean /= static_cast<double>(games.size());
  double sq = 0;
  for (const PastPlayerGame& g : games) sq += (g.points - mean) * (g.points - mean);
  return std::sqrt(sq / static_cast<double>(games.size()));
}

std::optional<double> Median(std::span<const PastPlayerGame> games) {
  if (games.empty()) return std::nullopt;
  std::vector<double> points;
  for (const PastPlayerGame& g : games) points.push_back(g.points);
  const size_t mid = points.size() / 2;
  std::nth_element(points.begin(), points.begin() + static_cast<long>(mid), points.end());
  if (points.size() % 2 == 1) return points[mid];
  const double upper = points[mid];
  return (*std::max_element(points.begin(), points.begin() + static_cast<long>(mid)) + upper) / 2;
}

// Exponentially weighted mean, oldest to newest: a game's weight halves every 5 games.
template <class Get>
std::optional<double> Ewma(std::span<const PastPlayerGame> games, Get get) {
  if (games.empty()) return std::nullopt;
  constexpr double kAlpha = 0.129;  // 1 - 0.5^(1/5)
  double value = get(games.front());
  for (const PastPlayerGame& g : games.subspan(1)) value += kAlpha * (get(g) - value);
  return value;
}

// The player's share of his team's points over his last games (team points by game day).
std::optional<double> PointsShare(std::span<const PastPlayerGame> games,
                                  const SeasonHistory& history) {
  double player = 0, team = 0;
  for (const PastPlayerGame& g : games) {
    const auto& team_games = history.Team(g.team);
    auto it = std::lower_bound(team_games.begin(), team_games.end(), g.day,
                               [](const PastTeamGame& t, int32_t d) { return t.day < d; });
    if (it == team_games.end() || it->day != g.day || !it->points) continue;
    player += g.points, team += *it->points;
  }
  if (team <= 0) return std::nullopt;
  return player / team;
}

std::optional<double> Points(const PastPlayerGame& g) { return g.points; }
std::optional<double> Minutes(const PastPlayerGame& g) { return g.minutes; }
std::optional<double> Rebounds(const PastPlayerGame& g) { return g.reb; }
std::optional<double> Assists(const PastPlayerGame& g) { return g.ast; }
std::optional<double> Usage(const PastPlayerGame& g) { return g.usage; }
std::optional<double> TrueShooting(const PastPlayerGame& g) { return g.ts; }

void SetAverages(PlayerFeatureRow& row, std::span<const PastPlayerGame> games) {
  const auto last5 = Last(games, 5), last10 = Last(games, 10);
  row.pts_avg_last5 = Mean(last5, Points), row.pts_avg_last10 = Mean(last10, Points);
  row.pts_avg_season = Mean(games, Points);
  row.min_avg_last5 = Mean(last5, Minutes), row.min_avg_last10 = Mean(last10, Minutes);
  row.min_avg_season = Mean(games, Minutes);
  row.reb_avg_last5 = Mean(last5, Rebounds), row.reb_avg_last10 = Mean(last10, Rebounds);
  row.reb_avg_season = Mean(games, Rebounds);
  row.ast_avg_last5 = Mean(last5, Assists), row.ast_avg_last10 = Mean(last10, Assists);
  row.ast_avg_season = Mean(games, Assists);
  row.pts_std_last10 = PointsStd(last10);
  row.usage_avg_last10 = Mean(last10, Usage);
  row.ts_avg_last10 = Mean(last10, TrueShooting);
  if (row.min_avg_last5 && row.min_avg_season) {
    row.min_trend = *row.min_avg_last5 - *row.min_avg_season;
  }
  if (!games.empty()) {
    row.pts_last1 = games.back().points, row.min_last1 = games.back().minutes;
  }
  double pts = 0, min = 0;
  for (const PastPlayerGame& g : last10) pts += g.points, min += g.minutes;
  if (min > 0) row.pts_per_min_last10 = pts / min;
  row.pts_median_last10 = Median(last10);
  row.pts_ewma = Ewma(games, [](const PastPlayerGame& g) { return g.points; });
  row.min_ewma = Ewma(games, [](const PastPlayerGame& g) { return g.minutes; });
}

void SetSchedule(PlayerFeatureRow& row, std::span<const PastPlayerGame> games,
                 std::span<const PastTeamGame> team_games, int32_t day) {
  const auto in_week = std::count_if(games.begin(), games.end(),
                                     [day](const PastPlayerGame& g) { return g.day >= day - 7; });
  row.games_in_last_7_days = static_cast<double>(in_week);
  if (games.empty()) return;
  const int32_t last_day = games.back().day;
  row.days_rest = day - last_day;
  row.back_to_back = day - last_day == 1 ? 1.0 : 0.0;
  const auto missed = std::count_if(team_games.begin(), team_games.end(),
                                    [last_day](const PastTeamGame& g) { return g.day > last_day; });
  row.team_games_since_played = static_cast<double>(missed);
}

}  // namespace

PlayerFeatureRow ComputePlayerFeatures(const FeatureSubject& s, const SeasonHistory& history) {
  PlayerFeatureRow row;
  row.game_id = s.game_id, row.game_date = s.game_date, row.season = s.season;
  row.player_key = s.player_key, row.player_name = s.player_name;
  row.team = s.team, row.opponent = s.opponent;
  row.target_points = s.points, row.target_minutes = s.minutes;
  const auto date = Date::ParseIso(s.game_date);
  if (!date) return row;
  const int32_t day = date->days();
  const auto games = Before(history.Player(s.player_key), day);
  const auto team = Before(history.Team(s.team), day);
  const auto opponent = Last(Before(history.Team(s.opponent), day), 10);
  row.is_home = s.is_home ? 1.0 : 0.0;
  row.games_played_season = static_cast<double>(games.size());
  SetAverages(row, games);
  row.pts_share_last10 = PointsShare(Last(games, 10), history);
  row.team_missing_pts = history.MissingPoints(s.team, day, s.player_key);
  SetSchedule(row, games, team, day);
  const auto team10 = Last(team, 10);
  row.team_pace_last10 = Mean(team10, [](const PastTeamGame& g) { return g.pace; });
  row.team_ortg_last10 = Mean(team10, [](const PastTeamGame& g) { return g.ortg; });
  row.opp_drtg_last10 = Mean(opponent, [](const PastTeamGame& g) { return g.drtg; });
  row.opp_pace_last10 = Mean(opponent, [](const PastTeamGame& g) { return g.def_pace; });
  return row;
}

}  // namespace backcourt
