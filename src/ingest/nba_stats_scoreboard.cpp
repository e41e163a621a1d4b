#include "ingest/nba_stats_scoreboard.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ingest/nba_stats_json_util.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

struct LineScores {
  std::map<int64_t, std::string> code_by_team_id;
  std::map<std::pair<std::string, int64_t>, int64_t> points;  // (game id, team id)
};

LineScores ReadLineScores(const std::vector<Json>& rows) {
  LineScores scores;
  for (const Json& row : rows) {
    const auto team_id = OptInt(row, "TEAM_ID");
    if (!team_id) continue;
    scores.code_by_team_id[*team_id] = OptString(row, "TEAM_ABBREVIATION");
    const auto game_id = NormalizeGameId(OptString(row, "GAME_ID"));
    if (auto pts = OptInt(row, "PTS"); pts && game_id) scores.points[{*game_id, *team_id}] = *pts;
  }
  return scores;
}

Result<std::string> ScoreboardStatus(const Json& row) {
  const std::string text = OptString(row, "GAME_STATUS_TEXT");
  if (text == "PPD" || text == "Postponed") return std::string(kStatusPostponed);
  if (text == "Cancelled" || text == "Canceled") return std::string(kStatusCancelled);
  return GameStatusFromId(row, "GAME_STATUS_ID");
}

// Team code by team id from LineScore, else from GAMECODE "20240115/HOUPHI" (away, home).
std::string ScoreboardCode(const Json& row, std::string_view id_key, bool home,
                           const LineScores& scores) {
  if (auto id = OptInt(row, id_key)) {
    if (auto it = scores.code_by_team_id.find(*id); it != scores.code_by_team_id.end()) {
      return it->second;
    }
  }
  const std::string code = OptString(row, "GAMECODE");
  const size_t slash = code.find('/');
  if (slash == std::string::npos || code.size() != slash + 7) return "";
  return code.substr(slash + (home ? 4 : 1), 3);
}

Result<ScheduleRow> ScoreboardGame(const Json& row, const LineScores& scores) {
  ScheduleRow game;
  BC_ASSIGN_OR_RETURN(game.game_id, GameIdOf(row, "GAME_ID"));
  BC_ASSIGN_OR_RETURN(game.game_date, DateOf(row, "GAME_DATE_EST", "GAME_DATE_EST"));
  BC_ASSIGN_OR_RETURN(game.status, ScoreboardStatus(row));
  BC_ASSIGN_OR_RETURN(game.home_team, TeamCodeOf(ScoreboardCode(row, "HOME_TEAM_ID", true, scores),
                                                 "HOME_TEAM_ID"));
  BC_ASSIGN_OR_RETURN(
      game.away_team,
      TeamCodeOf(ScoreboardCode(row, "VISITOR_TEAM_ID", false, scores), "VISITOR_TEAM_ID"));
  game.season = SeasonLabelOfGame(game.game_id, game.game_date);
  game.game_type = GameTypeFromGameId(game.game_id);
  if (game.status == kStatusFinal) {
    auto points = [&](std::string_view key) -> std::optional<int64_t> {
      const auto it = scores.points.find({game.game_id, OptInt(row, key).value_or(0)});
      return it == scores.points.end() ? std::nullopt : std::optional<int64_t>(it->second);
    };
    game.home_points = points("HOME_TEAM_ID");
    game.away_points = points("VISITOR_TEAM_ID");
  }
  return game;
}

}  // namespace

Status ReadScoreboard(const Json& header_set, const Json* line_score_set, ParsedFile& out) {
  BC_RETURN_IF_ERROR(RequireHeaders(header_set, {"GAME_ID", "GAME_DATE_EST", "GAME_STATUS_ID"}));
  BC_ASSIGN_OR_RETURN(std::vector<Json> headers, TableRows(header_set));
  std::vector<Json> line_rows;
  if (line_score_set != nullptr) {
    BC_ASSIGN_OR_RETURN(line_rows, TableRows(*line_score_set));
  }
  const LineScores scores = ReadLineScores(line_rows);
  std::set<std::string> seen;
  for (size_t i = 0; i < headers.size(); ++i) {
    // scoreboardv2 repeats some GameHeader rows verbatim: one schedule row per game id.
    const auto id = NormalizeGameId(OptString(headers[i], "GAME_ID"));
    if (id && !seen.insert(*id).second) continue;
    AddRowOrReject(ScoreboardGame(headers[i], scores), static_cast<int64_t>(i + 1), headers[i],
                   out.schedule, out.rejects);
  }
  return {};
}

}  // namespace backcourt
