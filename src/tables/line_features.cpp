#include "tables/line_features.h"

#include "core/date.h"

namespace backcourt {
namespace {

// Scoring is compared with the team's last 10 games, like its other recent-form features.
constexpr size_t kRecentTeamGames = 10;

}  // namespace

FeatureLines IndexFeatureLines(std::vector<GameLine> games, const std::vector<PropLine>& props) {
  FeatureLines lines;
  for (GameLine& game : games) {
    std::string id = game.game_id;
    lines.games.emplace(std::move(id), std::move(game));
  }
  for (const PropLine& prop : props) {
    if (prop.bookmaker != kConsensusBook || !prop.captured_at) continue;
    lines.players.emplace(std::make_pair(prop.game_id, prop.player_key), prop.line);
  }
  return lines;
}

Result<FeatureLines> ReadFeatureLines(Db& db, const std::string& game_date) {
  BC_ASSIGN_OR_RETURN(auto games, ReadGameLines(db, game_date, game_date));
  BC_ASSIGN_OR_RETURN(auto props, ReadConsensusPropLines(db, game_date, game_date));
  return IndexFeatureLines(std::move(games), props);
}

Result<FeatureLines> ProjectFeatureLines(Db& db, const std::string& game_date) {
  BC_ASSIGN_OR_RETURN(MarketLines market, LinesForDate(db, game_date));
  return IndexFeatureLines(std::move(market.games), market.props);
}

void SetLineFeatures(PlayerFeatureRow& row, const FeatureLines& lines,
                     const SeasonHistory& history) {
  if (auto player = lines.players.find({row.game_id, row.player_key});
      player != lines.players.end()) {
    row.player_line = player->second;
  }
  auto it = lines.games.find(row.game_id);
  if (it == lines.games.end()) return;
  const GameLine& game = it->second;
  const bool home = row.team == game.home_team;
  if (!home && row.team != game.away_team) return;  // a line for other teams: not this game
  row.game_total = game.total;
  if (game.spread_home) row.team_spread = home ? *game.spread_home : -*game.spread_home;
  row.implied_team_total = home ? game.home_implied : game.away_implied;
  const auto date = Date::ParseIso(row.game_date);
  if (!row.implied_team_total || !date) return;
  const auto recent = history.TeamPointsAverage(row.team, date->days(), kRecentTeamGames);
  if (recent) row.implied_vs_recent = *row.implied_team_total - *recent;
}

}  // namespace backcourt
