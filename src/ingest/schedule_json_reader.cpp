#include "ingest/schedule_json_reader.h"

#include <fmt/format.h>

#include "core/season.h"
#include "ingest/json_util.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

// NBA.com team ids of the 30 franchises; All-Star teams (1610616xxx), G League and
// international clubs fall outside.
constexpr int64_t kFirstFranchiseId = 1610612737;
constexpr int64_t kLastFranchiseId = 1610612766;

bool IsNbaFranchise(const Json* team) {
  if (team == nullptr) return false;
  if (auto id = OptInt(*team, "teamId")) return *id >= kFirstFranchiseId && *id <= kLastFranchiseId;
  return NormalizeTeam(OptString(*team, "teamTricode")).has_value();
}

Result<std::string> TeamCode(const Json& team, std::string_view field) {
  return TeamCodeOf(OptString(team, "teamTricode"), field);
}

// Cup quarterfinals and semifinals are regular-season games with their own label; the Cup
// final has its own id prefix (006) and does not count in the standings.
Result<std::string> GameType(const Json& game, const std::string& game_id) {
  const std::string type = GameTypeFromGameId(game_id);
  if (type.empty()) {
    return InvalidInput(fmt::format("gameId '{}' has no known game type prefix", game_id));
  }
  if (type != "regular_season") return type;
  const std::string label = OptString(game, "gameLabel");
  const std::string sub_label = OptString(game, "gameSubLabel");
  const bool knockout_label = label.find("Cup") != std::string::npos &&
                              (sub_label.find("Quarterfinal") != std::string::npos ||
                               sub_label.find("Semifinal") != std::string::npos);
  if (OptString(game, "gameSubtype") == "in-season-knockout" || knockout_label) {
    return std::string("cup_knockout");
  }
  return type;
}

Result<std::string> GameStatus(const Json& game) {
  const std::string postponed = OptString(game, "postponedStatus");
  if (postponed == "Y" || postponed == "P") return std::string(kStatusPostponed);
  if (postponed == "C") return std::string(kStatusCancelled);
  if (!postponed.empty() && postponed != "N") {
    return InvalidInput(fmt::format("unknown postponedStatus '{}'", postponed));
  }
  return GameStatusFromId(game, "gameStatus");
}

// The US (Eastern) date of the game; the gameDates entry's date when gameDateEst is absent.
Result<std::string> GameDate(const Json& game, const std::string& date_of_list) {
  const std::string est = OptString(game, "gameDateEst");
  return ParseDateField("gameDateEst", est.empty() ? date_of_list : est, kJsonDates)
      .map(&Date::ToIso);
}

Result<ScheduleRow> GameRow(const Json& game, const std::string& date_of_list,
                            const std::string& season) {
  const Json* home = FindField(game, "homeTeam");
  const Json* away = FindField(game, "awayTeam");
  ScheduleRow row;
  BC_ASSIGN_OR_RETURN(row.game_id, ParseGameId("gameId", OptString(game, "gameId")));
  BC_ASSIGN_OR_RETURN(row.game_date, GameDate(game, date_of_list));
  BC_ASSIGN_OR_RETURN(row.game_type, GameType(game, row.game_id));
  BC_ASSIGN_OR_RETURN(row.status, GameStatus(game));
  BC_ASSIGN_OR_RETURN(row.home_team, TeamCode(*home, "homeTeam.teamTricode"));
  BC_ASSIGN_OR_RETURN(row.away_team, TeamCode(*away, "awayTeam.teamTricode"));
  row.season = season.empty() ? Season::OfIso(row.game_date)->label() : season;
  const Json* neutral = FindField(game, "isNeutral");
  row.neutral_site = neutral != nullptr && neutral->is_boolean() && neutral->get<bool>() ? 1 : 0;
  if (row.status == kStatusFinal) {
    row.home_points = OptInt(*home, "score");
    row.away_points = OptInt(*away, "score");
  }
  return row;
}

// "2024-25" as published, or "" to derive the season from each game's date.
std::string PublishedSeason(const Json& schedule) {
  const std::string season = OptString(schedule, "seasonYear");
  return Season::Parse(season) ? season : "";
}

void ReadGames(const Json& games, const std::string& date_of_list, const std::string& season,
               int64_t& line, ParsedFile& out) {
  for (const Json& game : games) {
    ++line;
    if (!IsNbaFranchise(FindField(game, "homeTeam")) ||
        !IsNbaFranchise(FindField(game, "awayTeam"))) {
      continue;
    }
    AddRowOrReject(GameRow(game, date_of_list, season), line, game, out.schedule, out.rejects);
  }
}

}  // namespace

bool ScheduleJsonReader::Detect(const InputFile& file) const {
  return JsonObjectMentions(file.content, {"leagueSchedule"});
}

Result<ParsedFile> ScheduleJsonReader::Read(const InputFile& file) const {
  BC_ASSIGN_OR_RETURN(Json doc, ParseJson(file.content));
  const Json* schedule = FindField(doc, "leagueSchedule");
  const Json* dates = schedule == nullptr ? nullptr : FindField(*schedule, "gameDates");
  if (dates == nullptr || !dates->is_array()) {
    return InvalidInput(fmt::format("not an NBA CDN schedule (no leagueSchedule.gameDates): {}",
                                    DescribeTopLevel(doc)));
  }
  ParsedFile out;
  out.format = std::string(format());
  const std::string season = PublishedSeason(*schedule);
  int64_t line = 0;
  try {
    for (const Json& date : *dates) {
      const Json* games = FindField(date, "games");
      if (games == nullptr || !games->is_array()) continue;
      ReadGames(*games, OptString(date, "gameDate"), season, line, out);
    }
  } catch (const Json::exception& e) {
    return InvalidInput(fmt::format("unexpected NBA CDN schedule JSON shape: {}", e.what()));
  }
  return out;
}

std::unique_ptr<Reader> MakeScheduleJsonReader() { return std::make_unique<ScheduleJsonReader>(); }

}  // namespace backcourt
