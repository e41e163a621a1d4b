#include "ingest/team_log_csv_reader.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/date.h"
#include "core/text.h"
#include "core/season.h"
#include "ingest/csv.h"
#include "ingest/csv_box_stats.h"
#include "ingest/row_checks.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

struct Columns {
  std::optional<size_t> game_id, game_date, season, game_type, neutral_site, home_team, road_team;
  StatColumns home, road;
};

Result<Columns> ResolveColumns(const CsvHeader& header) {
  Columns c;
  std::vector<std::string> missing;
  const auto require = [&](std::string_view name) {
    auto index = header.Find(name);
    if (!index) missing.emplace_back(name);
    return index;
  };
  c.game_id = require("game_id");
  c.game_date = require("game_date");
  c.season = header.Find("season");
  c.game_type = require("game_type");
  c.neutral_site = require("neutral_site");
  c.home_team = require("team_abbreviation_home");
  c.road_team = require("team_abbreviation_road");
  c.home = FindStatColumns(header, NbaStatNames(), "_home");
  c.road = FindStatColumns(header, NbaStatNames(), "_road");
  if (!c.home.pts) missing.push_back("pts_home");
  if (!c.road.pts) missing.push_back("pts_road");
  BC_RETURN_IF_ERROR(RequireColumns(missing));
  return c;
}

// "2023-24" as given; derived from the date when the column is absent or empty.
Result<std::string> ParseSeason(const CsvRecord& record, const Columns& c, std::string_view date) {
  const std::string_view text = c.season ? Trim(record[*c.season]) : "";
  if (text.empty()) return Season::OfIso(date)->label();
  if (!Season::Parse(text)) return InvalidInput(fmt::format("invalid season '{}'", text));
  return std::string(text);
}

Result<int64_t> ParseNeutralSite(std::string_view raw) {
  const std::string_view text = Trim(raw);
  if (EqualsIgnoreCase(text, "true") || text == "1") return 1;
  if (EqualsIgnoreCase(text, "false") || text == "0") return 0;
  return InvalidInput(fmt::format("invalid neutral_site '{}'", text));
}

Result<ScheduleRow> ParseSchedule(const CsvRecord& record, const Columns& c) {
  ScheduleRow game;
  game.line = record.line;
  BC_ASSIGN_OR_RETURN(game.game_id, ParseGameId("game_id", record[*c.game_id]));
  BC_ASSIGN_OR_RETURN(game.game_date, ParseDateField("game_date", record[*c.game_date], kIsoOrUsDates)
                                          .map(&Date::ToIso));
  BC_ASSIGN_OR_RETURN(game.season, ParseSeason(record, c, game.game_date));
  const std::string_view type = Trim(record[*c.game_type]);
  auto game_type = NormalizeGameType(type);
  if (!game_type) return InvalidInput(fmt::format("unknown game_type '{}'", type));
  game.game_type = *game_type;
  BC_ASSIGN_OR_RETURN(game.neutral_site, ParseNeutralSite(record[*c.neutral_site]));
  BC_ASSIGN_OR_RETURN(game.home_team,
                      ParseTeamCell(record[*c.home_team], "team_abbreviation_home"));
  BC_ASSIGN_OR_RETURN(game.away_team,
                      ParseTeamCell(record[*c.road_team], "team_abbreviation_road"));
  if (game.home_team == game.away_team) {
    return InvalidInput(fmt::format("home and road team are both {}", game.home_team));
  }
  game.status = kStatusFinal;
  return game;
}

Result<TeamBoxRow> ParseTeamBox(const CsvRecord& record, const ScheduleRow& game,
                                const StatColumns& columns, bool home) {
  TeamBoxRow row;
  row.line = record.line;
  row.game_id = game.game_id;
  row.game_date = game.game_date;
  row.team = home ? game.home_team : game.away_team;
  row.opponent = home ? game.away_team : game.home_team;
  row.is_home = home ? 1 : 0;
  row.tov_basis = "team";
  BC_RETURN_IF_ERROR(ParseBoxStats(record, columns, /*allow_empty=*/false, row.stats));
  return row;
}

Status ParseRow(const CsvRecord& record, const Columns& c, ParsedFile& out) {
  BC_ASSIGN_OR_RETURN(ScheduleRow game, ParseSchedule(record, c));
  BC_ASSIGN_OR_RETURN(TeamBoxRow home, ParseTeamBox(record, game, c.home, true));
  BC_ASSIGN_OR_RETURN(TeamBoxRow road, ParseTeamBox(record, game, c.road, false));
  game.home_points = home.stats.pts;
  game.away_points = road.stats.pts;
  BC_RETURN_IF_ERROR(CheckRow(game));
  out.schedule.push_back(std::move(game));
  out.team_box.push_back(std::move(home));
  out.team_box.push_back(std::move(road));
  return {};
}

}  // namespace

std::optional<std::string> NormalizeGameType(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kGameTypes = {{
      {"regular_season", "regular_season"},
      {"nba_cup_semi", "cup_knockout"},
      {"nba_cup_final", "cup_final"},
      {"play_in", "play_in"},
      {"playin", "play_in"},
      {"playoffs", "playoffs"},
      {"playoff", "playoffs"},
      {"preseason", "preseason"},
      {"all_star", "all_star"},
  }};
  for (const auto& [spelling, game_type] : kGameTypes) {
    if (EqualsIgnoreCase(Trim(text), spelling)) return std::string(game_type);
  }
  return std::nullopt;
}

bool TeamLogCsvReader::Detect(const InputFile& file) const {
  auto header = PeekCsvHeader(file.content);
  return header && ResolveColumns(*header).has_value();
}

Result<ParsedFile> TeamLogCsvReader::Read(const InputFile& file) const {
  CsvTokenizer tokenizer(file.content);
  BC_ASSIGN_OR_RETURN(const CsvHeader header, ReadCsvHeader(tokenizer, file.content));
  BC_ASSIGN_OR_RETURN(const Columns columns, ResolveColumns(header));
  ParsedFile out;
  out.format = std::string(kFormat);
  out.schedule.reserve(EstimateRecords(file.content));
  out.team_box.reserve(2 * EstimateRecords(file.content));
  ForEachCsvRow(tokenizer, header, out,
                [&](const CsvRecord& record) { return ParseRow(record, columns, out); });
  return out;
}

std::unique_ptr<Reader> MakeTeamLogCsvReader() { return std::make_unique<TeamLogCsvReader>(); }

}  // namespace backcourt
