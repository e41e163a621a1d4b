#include "tables/availability_features.h"

#include <algorithm>

#include "core/date.h"
#include "tables/player_availability.h"

namespace backcourt {
namespace {

template <class Game>
auto EndBefore(const std::vector<Game>& games, int32_t day) {
  return std::lower_bound(games.begin(), games.end(), day,
                          [](const Game& g, int32_t d) { return g.day < d; });
}

struct SideCounts {
  double out = 0, out_pts = 0, out_min = 0, out_points_last10 = 0, returning = 0;
  bool top_scorer_out = false;
  int rank = 1;  // among available members, by points per game
};

SideCounts Count(const TeamRotation& rotation, const std::set<std::string>& out,
                 const std::string& self, double self_ppg) {
  SideCounts c;
  const RotationMember* top = nullptr;
  for (const RotationMember& m : rotation.members) {
    if (m.player_key == self) continue;
    if (top == nullptr || m.pts_per_game > top->pts_per_game) top = &m;
    if (out.count(m.player_key)) {
      c.out += 1, c.out_pts += m.pts_per_game, c.out_min += m.min_per_game;
      c.out_points_last10 += m.points_last10;
      continue;
    }
    if (m.pts_per_game > self_ppg) ++c.rank;
    if (!m.played_last_game) c.returning += 1;
  }
  // The top scorer of the others counts only when he outscores the player himself.
  c.top_scorer_out = top != nullptr && out.count(top->player_key) && top->pts_per_game > self_ppg;
  return c;
}

}  // namespace

TeamRotation BuildTeamRotation(const SeasonHistory& history, const std::string& team, int32_t day) {
  TeamRotation rotation;
  const auto& team_games = history.Team(team);
  const auto end = EndBefore(team_games, day);
  const auto first = end - std::min<long>(10, end - team_games.begin());
  std::vector<int32_t> last10;  // in date order
  for (auto g = first; g != end; ++g) {
    last10.push_back(g->day);
    rotation.team_points_last10 += g->points.value_or(0);
  }
  const int32_t last_day = end == team_games.begin() ? -1 : std::prev(end)->day;
  for (const std::string& key : RotationPlayers(history, team, day)) {
    const auto& games = history.Player(key);
    const auto stop = EndBefore(games, day);
    RotationMember m{key, 0, 0, 0, false};
    for (auto g = games.begin(); g != stop; ++g) {
      m.pts_per_game += g->points, m.min_per_game += g->minutes;
      // Only a game on one of the team's last 10 dates (so not before the first) counts.
      if (last10.empty() || g->day < last10.front() ||
          !std::binary_search(last10.begin(), last10.end(), g->day) || g->team != team) {
        continue;
      }
      m.points_last10 += g->points;
      if (g->day == last_day) m.played_last_game = true;
    }
    const double n = static_cast<double>(stop - games.begin());
    m.pts_per_game /= n, m.min_per_game /= n;
    rotation.members.push_back(std::move(m));
  }
  return rotation;
}

void SetAvailabilityFeatures(PlayerFeatureRow& row, const SeasonHistory& history,
                             const TeamRotation& team, const TeamRotation& opponent,
                             const GameOutList& out_list) {
  auto from = out_list.from_report.find(row.team);
  row.avail_from_report = from != out_list.from_report.end() && from->second ? 1 : 0;
  const auto date = Date::ParseIso(row.game_date);
  double self_ppg = 0;
  if (date) {
    const auto& games = history.Player(row.player_key);
    const auto stop = EndBefore(games, date->days());
    for (auto g = games.begin(); g != stop; ++g) self_ppg += g->points;
    if (stop != games.begin()) self_ppg /= static_cast<double>(stop - games.begin());
  }
  const SideCounts own = Count(team, out_list.out, row.player_key, self_ppg);
  row.avail_rotation_out = own.out;
  row.avail_out_pts = own.out_pts;
  row.avail_out_min = own.out_min;
  row.avail_out_share_last10 =
      team.team_points_last10 > 0 ? own.out_points_last10 / team.team_points_last10 : 0.0;
  row.avail_top_scorer_out = own.top_scorer_out ? 1.0 : 0.0;
  row.avail_scoring_rank = own.rank;
  row.avail_returning_regulars = own.returning;
  const SideCounts opp = Count(opponent, out_list.out, "", -1);
  row.opp_avail_rotation_out = opp.out;
  row.opp_avail_out_pts = opp.out_pts;
  row.opp_avail_top_scorer_out = opp.top_scorer_out ? 1.0 : 0.0;
}

const TeamRotation& RotationCache::For(const std::string& team, int32_t day) {
  auto it = cache_.find({team, day});
  if (it == cache_.end()) it = cache_.emplace(std::pair{team, day}, BuildTeamRotation(history_, team, day)).first;
  return it->second;
}

}  // namespace backcourt
