#include "ingest/bdl_json_reader.h"

#include <array>

#include <fmt/format.h>

#include <map>

#include "ingest/json_util.h"
#include "ingest/played.h"
#include "ingest/row_checks.h"

namespace backcourt {
namespace {

constexpr StatKeys kBdlKeys = {"pts", "fgm",      "fga",  "fg3m",      "fg3a", "ftm",
                               "fta", "oreb",     "dreb", "reb",       "ast",  "stl",
                               "blk", "turnover", "pf",   "plus_minus"};

enum class Shape { kBoxScores, kStats, kGames, kUnknown };

// Classified by the first record; an empty data[] is a valid response with no rows.
Shape ShapeOf(const Json& data) {
  if (data.empty()) return Shape::kStats;
  const Json& first = data.front();
  const Json* home = FindField(first, "home_team");
  if (home != nullptr && FindField(*home, "players") != nullptr) return Shape::kBoxScores;
  if (FindField(first, "player") != nullptr && FindField(first, "game") != nullptr) {
    return Shape::kStats;
  }
  if (home != nullptr && FindField(first, "visitor_team") != nullptr) return Shape::kGames;
  return Shape::kUnknown;
}

// The context a player record inherits from its game.
struct GameSide {
  std::string game_date;
  Result<std::string> team = std::string();
  std::string opponent;  // "" when unknown
  std::optional<int64_t> is_home;
};

Result<std::string> TeamCode(const Json* team) {
  return TeamCodeOf(team == nullptr ? "" : OptString(*team, "abbreviation"), "team.abbreviation");
}

Result<std::string> GameDate(const Json& game) { return DateOf(game, "date", "game date"); }

Result<PlayerBoxRow> PlayerRow(const Json& record, const GameSide& side) {
  if (!side.team) return tl::unexpected(side.team.error());
  PlayerBoxRow out;
  out.game_date = side.game_date;
  out.team = *side.team;
  out.opponent = side.opponent;
  out.is_home = side.is_home;
  if (const Json* player = FindField(record, "player")) {
    out.player_name = OptString(*player, "first_name") + " " + OptString(*player, "last_name");
  }
  out.has_shooting = 1;
  BC_ASSIGN_OR_RETURN(ParsedMinutes minutes,
                      MinutesFromJson(FindField(record, "min"), MinutesKind::kPlayer));
  BC_ASSIGN_OR_RETURN(BoxStats stats, ReadBoxStats(record, kBdlKeys));
  ApplyPlayed(PlayerListing::kBoxScore, minutes, "", stats, out);
  return out;
}

// Rows of one game's side; a game-level problem (date, team code) rejects each of its rows.
void ReadBoxScoreSide(const Json& game, bool home, int64_t& line, ParsedFile& out) {
  const Json* team = FindField(game, home ? "home_team" : "visitor_team");
  const Json* other = FindField(game, home ? "visitor_team" : "home_team");
  const Json* players = team == nullptr ? nullptr : FindField(*team, "players");
  if (players == nullptr || !players->is_array()) return;
  GameSide side;
  side.team = TeamCode(team);
  side.opponent = TeamCode(other).value_or("");
  side.is_home = home ? 1 : 0;
  const auto date = GameDate(game);
  if (date) side.game_date = *date;
  if (!date && side.team) side.team = tl::unexpected(date.error());
  for (const Json& player : *players)
    AddRowOrReject(PlayerRow(player, side), ++line, player, out.player_box, out.rejects);
}

void ReadBoxScores(const Json& data, ParsedFile& out) {
  int64_t line = 0;
  for (const Json& game : data) {
    ReadBoxScoreSide(game, true, line, out);
    ReadBoxScoreSide(game, false, line, out);
  }
}

// stats rows name their own team but only the opponent's balldontlie id: the file's other
// rows give that id's code.
std::map<int64_t, std::string> TeamCodesById(const Json& data) {
  std::map<int64_t, std::string> codes;
  for (const Json& record : data) {
    const Json* team = FindField(record, "team");
    if (team == nullptr) continue;
    auto id = OptInt(*team, "id");
    auto code = TeamCode(team);
    if (id && code) codes[*id] = *code;
  }
  return codes;
}

GameSide StatsSide(const Json& record, const std::map<int64_t, std::string>& codes) {
  GameSide side;
  const Json* team = FindField(record, "team");
  side.team = TeamCode(team);
  const Json* game = FindField(record, "game");
  if (game == nullptr) {
    side.team = InvalidInput("stats row has no game");
    return side;
  }
  const auto date = GameDate(*game);
  if (!date) {
    side.team = tl::unexpected(date.error());
    return side;
  }
  side.game_date = *date;
  if (team == nullptr) return side;
  const auto ids = std::array{OptInt(*team, "id"), OptInt(*game, "home_team_id"),
                              OptInt(*game, "visitor_team_id")};
  if (!ids[0] || !ids[1] || !ids[2]) return side;
  const int64_t team_id = ids[0].value_or(0), home_id = ids[1].value_or(0),
                visitor_id = ids[2].value_or(0);
  if (team_id != home_id && team_id != visitor_id) return side;
  side.is_home = team_id == home_id ? 1 : 0;
  const auto other = codes.find(team_id == home_id ? visitor_id : home_id);
  if (other != codes.end()) side.opponent = other->second;
  return side;
}

void ReadStats(const Json& data, ParsedFile& out) {
  const auto codes = TeamCodesById(data);
  int64_t line = 0;
  for (const Json& record : data) {
    AddRowOrReject(PlayerRow(record, StatsSide(record, codes)), ++line, record, out.player_box,
                   out.rejects);
  }
}

}  // namespace

bool BdlJsonReader::Detect(const InputFile& file) const {
  return JsonObjectMentions(file.content, {"data"}) &&
         JsonObjectMentions(file.content,
                            {"home_team", "visitor_team", "home_team_id", "per_page"});
}

Result<ParsedFile> BdlJsonReader::Read(const InputFile& file) const {
  BC_ASSIGN_OR_RETURN(Json doc, ParseJson(file.content));
  const Json* data = FindField(doc, "data");
  if (data == nullptr || !data->is_array()) {
    return InvalidInput(
        fmt::format("not a balldontlie response (no data array): {}", DescribeTopLevel(doc)));
  }
  ParsedFile out;
  out.format = std::string(format());
  try {
    switch (ShapeOf(*data)) {
      case Shape::kBoxScores:
        ReadBoxScores(*data, out);
        break;
      case Shape::kStats:
        ReadStats(*data, out);
        break;
      case Shape::kGames:
        // Recognised and recorded, but it yields no rows: it has no box scores, and its
        // games carry no NBA.com id (the schedule comes from NBA.com sources).
        break;
      case Shape::kUnknown:
        return InvalidInput(fmt::format("unknown balldontlie record shape: first record {}",
                                        RecordContent(data->front())));
    }
  } catch (const Json::exception& e) {
    return InvalidInput(fmt::format("unexpected balldontlie JSON shape: {}", e.what()));
  }
  RejectDuplicatePlayerRows(out);
  return out;
}

std::unique_ptr<Reader> MakeBdlJsonReader() { return std::make_unique<BdlJsonReader>(); }

}  // namespace backcourt
