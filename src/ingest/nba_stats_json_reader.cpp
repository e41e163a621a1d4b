#include "ingest/nba_stats_json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

#include "ingest/json_util.h"
#include "ingest/nba_stats_json_util.h"
#include "ingest/nba_stats_scoreboard.h"
#include "ingest/played.h"
#include "ingest/row_checks.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

// clang-format off
constexpr StatKeys kV3Keys = {
    "points", "fieldGoalsMade", "fieldGoalsAttempted", "threePointersMade",
    "threePointersAttempted", "freeThrowsMade", "freeThrowsAttempted", "reboundsOffensive",
    "reboundsDefensive", "reboundsTotal", "assists", "steals", "blocks", "turnovers",
    "foulsPersonal", "plusMinusPoints"};
// clang-format on

// Result sets holding one row per player-game or team-game.
constexpr std::array<std::string_view, 6> kGameLogSets = {
    "LeagueGameLog", "LeagueGameFinderResults", "PlayerGameLog", "PlayerGameLogs", "TeamGameLog",
    "TeamGameLogs"};

// NBA.com team TOV is the sum of player turnovers (team turnovers are not in it).
constexpr const char* kTovBasisPlayers = "players";

// Sets the opponent of every row when the file holds exactly two teams (one game).
void FillOpponents(ParsedFile& out) {
  std::set<std::string> teams;
  for (const auto& row : out.team_box) teams.insert(row.team);
  for (const auto& row : out.player_box) teams.insert(row.team);
  if (teams.size() != 2) return;
  auto other = [&](const std::string& team) {
    return team == *teams.begin() ? *teams.rbegin() : *teams.begin();
  };
  for (auto& row : out.team_box) row.opponent = other(row.team);
  for (auto& row : out.player_box) row.opponent = other(row.team);
}

// ---- boxscoretraditionalv2 ----

Result<PlayerBoxRow> BoxPlayerV2(const Json& row) {
  PlayerBoxRow out;
  BC_ASSIGN_OR_RETURN(out.game_id, GameIdOf(row, "GAME_ID"));
  BC_ASSIGN_OR_RETURN(out.team,
                      TeamCodeOf(OptString(row, "TEAM_ABBREVIATION"), "TEAM_ABBREVIATION"));
  out.player_id = OptInt(row, "PLAYER_ID");
  out.player_name = OptString(row, "PLAYER_NAME");
  out.starter = OptString(row, "START_POSITION").empty() ? 0 : 1;
  out.has_shooting = 1;
  BC_ASSIGN_OR_RETURN(ParsedMinutes minutes, MinutesOf(row, "MIN", MinutesKind::kPlayer));
  BC_ASSIGN_OR_RETURN(BoxStats stats, TableStats(row));
  ApplyPlayed(PlayerListing::kBoxScore, minutes, OptString(row, "COMMENT"), stats, out);
  return out;
}

Result<TeamBoxRow> BoxTeamV2(const Json& row) {
  TeamBoxRow out;
  BC_ASSIGN_OR_RETURN(out.game_id, GameIdOf(row, "GAME_ID"));
  BC_ASSIGN_OR_RETURN(out.team,
                      TeamCodeOf(OptString(row, "TEAM_ABBREVIATION"), "TEAM_ABBREVIATION"));
  BC_ASSIGN_OR_RETURN(ParsedMinutes minutes, MinutesOf(row, "MIN", MinutesKind::kTeam));
  out.minutes = minutes.minutes;
  BC_ASSIGN_OR_RETURN(out.stats, TableStats(row));
  out.tov_basis = kTovBasisPlayers;
  return out;
}

// A box score is of one game and has both teams: with one TeamStats row the response is cut
// short, and keeping half of it would look like a complete game of one side. (A response
// with no rows at all, a game not played yet, is valid and empty.)
Status ReadBoxV2(const Json& players_set, const Json& teams_set, ParsedFile& out) {
  BC_RETURN_IF_ERROR(RequireHeaders(
      players_set, {"GAME_ID", "TEAM_ABBREVIATION", "PLAYER_ID", "PLAYER_NAME", "MIN"},
      kStatHeaders));
  BC_RETURN_IF_ERROR(
      RequireHeaders(teams_set, {"GAME_ID", "TEAM_ABBREVIATION", "MIN"}, kStatHeaders));
  BC_ASSIGN_OR_RETURN(std::vector<Json> teams, TableRows(teams_set));
  BC_ASSIGN_OR_RETURN(std::vector<Json> players, TableRows(players_set));
  if (teams.size() != 2 && !(teams.empty() && players.empty())) {
    return InvalidInput(fmt::format(
        "result set 'TeamStats' has {} rows: a box score has one per team", teams.size()));
  }
  for (size_t i = 0; i < teams.size(); ++i) {
    AddRowOrReject(BoxTeamV2(teams[i]), static_cast<int64_t>(i + 1), teams[i], out.team_box,
                   out.rejects);
  }
  for (size_t i = 0; i < players.size(); ++i) {
    AddRowOrReject(BoxPlayerV2(players[i]), static_cast<int64_t>(i + 1), players[i], out.player_box,
                   out.rejects);
  }
  FillOpponents(out);
  return {};
}

// ---- boxscoretraditionalv3 ----

struct V3Side {
  std::string game_id;
  Result<std::string> team;
  std::string opponent;  // "" when the other side's code is unknown
  bool is_home = false;
};

Result<PlayerBoxRow> BoxPlayerV3(const Json& player, const V3Side& side) {
  if (!side.team) return tl::unexpected(side.team.error());
  PlayerBoxRow out;
  out.game_id = side.game_id;
  out.team = *side.team;
  out.opponent = side.opponent;
  out.is_home = side.is_home ? 1 : 0;
  out.player_id = OptInt(player, "personId");
  out.player_name = OptString(player, "firstName") + " " + OptString(player, "familyName");
  if (out.player_name == " ") out.player_name = OptString(player, "name");
  out.starter = OptString(player, "position").empty() ? 0 : 1;
  out.has_shooting = 1;
  const Json* stats = FindField(player, "statistics");
  if (stats == nullptr) return InvalidInput("player has no statistics");
  BC_ASSIGN_OR_RETURN(ParsedMinutes minutes, MinutesOf(*stats, "minutes", MinutesKind::kPlayer));
  BC_ASSIGN_OR_RETURN(BoxStats box_stats, ReadBoxStats(*stats, kV3Keys));
  ApplyPlayed(PlayerListing::kBoxScore, minutes, OptString(player, "comment"), box_stats, out);
  return out;
}

Result<TeamBoxRow> BoxTeamV3(const Json& team, const V3Side& side) {
  if (!side.team) return tl::unexpected(side.team.error());
  const Json* stats = FindField(team, "statistics");
  if (stats == nullptr) return InvalidInput("team has no statistics");
  TeamBoxRow out;
  out.game_id = side.game_id;
  out.team = *side.team;
  out.opponent = side.opponent;
  out.is_home = side.is_home ? 1 : 0;
  BC_ASSIGN_OR_RETURN(ParsedMinutes minutes, MinutesOf(*stats, "minutes", MinutesKind::kTeam));
  out.minutes = minutes.minutes;
  BC_ASSIGN_OR_RETURN(out.stats, ReadBoxStats(*stats, kV3Keys));
  out.tov_basis = kTovBasisPlayers;
  return out;
}

Status ReadBoxV3(const Json& box, ParsedFile& out) {
  const Json* home = FindField(box, "homeTeam");
  const Json* away = FindField(box, "awayTeam");
  if (home == nullptr || away == nullptr || !home->is_object() || !away->is_object()) {
    return InvalidInput("boxScoreTraditional has no homeTeam/awayTeam objects");
  }
  BC_ASSIGN_OR_RETURN(const std::string game_id,
                      ParseGameId("boxScoreTraditional.gameId", OptString(box, "gameId")));
  const auto home_code = TeamCodeOf(OptString(*home, "teamTricode"), "homeTeam.teamTricode");
  const auto away_code = TeamCodeOf(OptString(*away, "teamTricode"), "awayTeam.teamTricode");
  const std::array<std::pair<const Json*, V3Side>, 2> sides = {{
      {home, V3Side{game_id, home_code, away_code.value_or(""), true}},
      {away, V3Side{game_id, away_code, home_code.value_or(""), false}},
  }};
  // Lines count teams (home 1, away 2) and players (home then away) through the file.
  int64_t team_line = 0;
  int64_t player_line = 0;
  for (const auto& [team, side] : sides) {
    AddRowOrReject(BoxTeamV3(*team, side), ++team_line, *team, out.team_box, out.rejects);
    const Json* players = FindField(*team, "players");
    if (players == nullptr || !players->is_array()) continue;
    for (const Json& player : *players) {
      AddRowOrReject(BoxPlayerV3(player, side), ++player_line, player, out.player_box, out.rejects);
    }
  }
  return {};
}

// ---- game logs: leaguegamelog, leaguegamefinder, playergamelog ----

// What every game-log row says about its game, player or team mode.
struct LogGame {
  std::string game_id, game_date, team, opponent;
  bool is_home = false;
};

Result<LogGame> LogGameOf(const Json& row) {
  LogGame game;
  BC_ASSIGN_OR_RETURN(game.game_id, GameIdOf(row, "GAME_ID"));
  BC_ASSIGN_OR_RETURN(game.game_date, DateOf(row, "GAME_DATE", "GAME_DATE"));
  BC_ASSIGN_OR_RETURN(Matchup matchup, ParseMatchup(OptString(row, "MATCHUP")));
  // playergamelog has no TEAM_ABBREVIATION: the team is the MATCHUP's first code.
  game.team = matchup.team;
  if (const std::string code = OptString(row, "TEAM_ABBREVIATION"); !code.empty()) {
    BC_ASSIGN_OR_RETURN(game.team, TeamCodeOf(code, "TEAM_ABBREVIATION"));
  }
  game.opponent = matchup.opponent;
  game.is_home = matchup.is_home;
  return game;
}

template <class Row>
void SetGame(LogGame game, Row& row) {
  row.game_id = std::move(game.game_id);
  row.game_date = std::move(game.game_date);
  row.team = std::move(game.team);
  row.opponent = std::move(game.opponent);
  row.is_home = game.is_home ? 1 : 0;
}

// playergamelogs give MIN and MIN_SEC: both are read and must agree.
Result<ParsedMinutes> LogMinutes(const Json& row) {
  if (FindField(row, "MIN_SEC") == nullptr) return MinutesOf(row, "MIN", MinutesKind::kPlayer);
  return ParseMinutesGivenTwice(OptString(row, "MIN"), OptString(row, "MIN_SEC"));
}

Result<PlayerBoxRow> LogPlayerRow(const Json& row) {
  PlayerBoxRow out;
  BC_ASSIGN_OR_RETURN(LogGame game, LogGameOf(row));
  SetGame(std::move(game), out);
  out.player_id = OptInt(row, "PLAYER_ID");
  out.player_name = OptString(row, "PLAYER_NAME");
  out.has_shooting = 1;
  BC_ASSIGN_OR_RETURN(ParsedMinutes minutes, LogMinutes(row));
  BC_ASSIGN_OR_RETURN(BoxStats stats, TableStats(row));
  ApplyPlayed(PlayerListing::kGameLog, minutes, "", stats, out);
  return out;
}

Result<TeamBoxRow> LogTeamRow(const Json& row) {
  TeamBoxRow out;
  BC_ASSIGN_OR_RETURN(LogGame game, LogGameOf(row));
  SetGame(std::move(game), out);
  BC_ASSIGN_OR_RETURN(ParsedMinutes minutes, MinutesOf(row, "MIN", MinutesKind::kTeam));
  out.minutes = minutes.minutes;
  BC_ASSIGN_OR_RETURN(out.stats, TableStats(row));
  out.tov_basis = kTovBasisPlayers;
  return out;
}

// One final schedule row per game whose home and away team rows are both in the file. Games
// at neutral sites where both MATCHUPs read "@" (Cup semifinals in Las Vegas, Mexico City,
// Berlin) name no home team: they get no schedule row here (the CDN schedule has them).
void AddScheduleFromTeamRows(ParsedFile& out) {
  std::map<std::string, std::vector<const TeamBoxRow*>> by_game;
  for (const auto& row : out.team_box) by_game[row.game_id].push_back(&row);
  for (const auto& [game_id, rows] : by_game) {
    if (rows.size() != 2 || !rows[0]->is_home || !rows[1]->is_home ||
        *rows[0]->is_home == *rows[1]->is_home) {
      continue;
    }
    const TeamBoxRow& home = *rows[0]->is_home == 1 ? *rows[0] : *rows[1];
    const TeamBoxRow& away = *rows[0]->is_home == 1 ? *rows[1] : *rows[0];
    ScheduleRow game;
    game.line = std::min(home.line, away.line);
    game.game_id = game_id;
    game.game_date = home.game_date;
    game.season = SeasonLabelOfGame(game_id, game.game_date);
    game.game_type = GameTypeFromGameId(game_id);
    game.home_team = home.team;
    game.away_team = away.team;
    game.status = kStatusFinal;
    game.home_points = home.stats.pts;
    game.away_points = away.stats.pts;
    out.schedule.push_back(std::move(game));
  }
  std::sort(out.schedule.begin(), out.schedule.end(),
            [](const ScheduleRow& a, const ScheduleRow& b) { return a.line < b.line; });
}

Status ReadGameLog(const Json& result_set, ParsedFile& out) {
  BC_RETURN_IF_ERROR(
      RequireHeaders(result_set, {"GAME_ID", "GAME_DATE", "MATCHUP", "MIN"}, kStatHeaders));
  BC_ASSIGN_OR_RETURN(std::vector<Json> rows, TableRows(result_set));
  const bool player_mode = HasHeader(result_set, "PLAYER_ID");
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto line = static_cast<int64_t>(i + 1);
    if (player_mode) {
      AddRowOrReject(LogPlayerRow(rows[i]), line, rows[i], out.player_box, out.rejects);
    } else {
      AddRowOrReject(LogTeamRow(rows[i]), line, rows[i], out.team_box, out.rejects);
    }
  }
  if (!player_mode) AddScheduleFromTeamRows(out);
  return {};
}

// ---- dispatch ----

Status ReadResultSets(const Json& sets, ParsedFile& out) {
  std::map<std::string, const Json*> by_name;
  auto add = [&](const Json& set) { by_name[OptString(set, "name")] = &set; };
  if (sets.is_object()) add(sets);
  if (sets.is_array()) std::for_each(sets.begin(), sets.end(), add);
  auto find = [&](std::string_view name) -> const Json* {
    const auto it = by_name.find(std::string(name));
    return it == by_name.end() ? nullptr : it->second;
  };
  if (find("PlayerStats") && find("TeamStats")) {
    return ReadBoxV2(*find("PlayerStats"), *find("TeamStats"), out);
  }
  if (find("GameHeader")) return ReadScoreboard(*find("GameHeader"), find("LineScore"), out);
  for (std::string_view name : kGameLogSets) {
    if (find(name)) return ReadGameLog(*find(name), out);
  }
  std::string names;
  for (const auto& [name, set] : by_name) names += (names.empty() ? "" : ", ") + name;
  return InvalidInput(
      fmt::format("unknown NBA.com stats result sets: {}", names.empty() ? "(none)" : names));
}

}  // namespace

bool NbaStatsJsonReader::Detect(const InputFile& file) const {
  return JsonObjectMentions(file.content, {"resultSets", "resultSet", "boxScoreTraditional"});
}

Result<ParsedFile> NbaStatsJsonReader::Read(const InputFile& file) const {
  BC_ASSIGN_OR_RETURN(Json doc, ParseJson(file.content));
  ParsedFile out;
  out.format = std::string(format());
  try {
    if (const Json* box = FindField(doc, "boxScoreTraditional")) {
      BC_RETURN_IF_ERROR(ReadBoxV3(*box, out));
    } else if (const Json* sets = FindField(doc, "resultSets")) {
      BC_RETURN_IF_ERROR(ReadResultSets(*sets, out));
    } else if (const Json* set = FindField(doc, "resultSet")) {
      BC_RETURN_IF_ERROR(ReadResultSets(*set, out));
    } else {
      return InvalidInput(fmt::format("not an NBA.com stats response: {}", DescribeTopLevel(doc)));
    }
  } catch (const Json::exception& e) {
    return InvalidInput(fmt::format("unexpected NBA.com stats JSON shape: {}", e.what()));
  }
  RejectDuplicatePlayerRows(out);
  return out;
}

std::unique_ptr<Reader> MakeNbaStatsJsonReader() { return std::make_unique<NbaStatsJsonReader>(); }

}  // namespace backcourt
