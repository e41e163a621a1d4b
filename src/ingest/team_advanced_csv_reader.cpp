#include "ingest/team_advanced_csv_reader.h"

#include <fmt/format.h>

#include "core/text.h"
#include "ingest/csv.h"
#include "ingest/minutes.h"
#include "ingest/row_checks.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

struct SideColumns {
  size_t team = 0, minutes = 0, possessions = 0;
};

struct Columns {
  size_t game_id = 0, game_date = 0;
  SideColumns home, road;
};

Result<Columns> ResolveColumns(const CsvHeader& header) {
  std::vector<std::string> missing;
  const auto require = [&](std::string_view name) -> size_t {
    auto index = header.Find(name);
    if (!index) missing.emplace_back(name);
    return index.value_or(0);
  };
  Columns c;
  c.game_id = require("game_id");
  c.game_date = require("game_date");
  c.home = {require("team_abbreviation_home"), require("minutes_home"),
            require("possessions_home")};
  c.road = {require("team_abbreviation_road"), require("minutes_road"),
            require("possessions_road")};
  BC_RETURN_IF_ERROR(RequireColumns(missing));
  return c;
}

Result<double> ParseTeamMinutes(std::string_view cell, std::string_view column) {
  auto minutes = ParseMinutes(cell, MinutesKind::kTeam);
  if (!minutes) return InvalidInput(fmt::format("{}: {}", column, minutes.error().message()));
  if (!minutes->minutes || *minutes->minutes == 0) {
    return InvalidInput(fmt::format("no team minutes in {}", column));
  }
  return *minutes->minutes;
}

Result<TeamBoxRow> ParseSide(const CsvRecord& record, const SideColumns& side,
                             std::string_view suffix) {
  TeamBoxRow row;
  row.line = record.line;
  BC_ASSIGN_OR_RETURN(row.team,
                      ParseTeamCell(record[side.team], fmt::format("team_abbreviation{}", suffix)));
  BC_ASSIGN_OR_RETURN(row.minutes,
                      ParseTeamMinutes(record[side.minutes], fmt::format("minutes{}", suffix)));
  const std::string possessions_column = fmt::format("possessions{}", suffix);
  BC_ASSIGN_OR_RETURN(const double possessions,
                      ParseDoubleCell(record[side.possessions], possessions_column));
  if (possessions < 0) {
    return InvalidInput(fmt::format("negative {} {}", possessions_column, possessions));
  }
  row.possessions = possessions;
  return row;
}

Status ParseRow(const CsvRecord& record, const Columns& c, ParsedFile& out) {
  BC_ASSIGN_OR_RETURN(const std::string game_id, ParseGameId("game_id", record[c.game_id]));
  BC_ASSIGN_OR_RETURN(const std::string date,
                      ParseDateField("game_date", record[c.game_date], kIsoOrUsDates)
                          .map(&Date::ToIso));
  BC_ASSIGN_OR_RETURN(TeamBoxRow home, ParseSide(record, c.home, "_home"));
  BC_ASSIGN_OR_RETURN(TeamBoxRow road, ParseSide(record, c.road, "_road"));
  if (home.team == road.team) {
    return InvalidInput(fmt::format("home and road team are both {}", home.team));
  }
  for (TeamBoxRow* row : {&home, &road}) {
    row->game_id = game_id;
    row->game_date = date;
    row->is_home = row == &home ? 1 : 0;
    row->opponent = row == &home ? road.team : home.team;
    BC_RETURN_IF_ERROR(CheckRow(*row));
  }
  out.team_box.push_back(std::move(home));
  out.team_box.push_back(std::move(road));
  return {};
}

}  // namespace

bool TeamAdvancedCsvReader::Detect(const InputFile& file) const {
  auto header = PeekCsvHeader(file.content);
  return header && ResolveColumns(*header).has_value();
}

Result<ParsedFile> TeamAdvancedCsvReader::Read(const InputFile& file) const {
  CsvTokenizer tokenizer(file.content);
  BC_ASSIGN_OR_RETURN(const CsvHeader header, ReadCsvHeader(tokenizer, file.content));
  BC_ASSIGN_OR_RETURN(const Columns columns, ResolveColumns(header));
  ParsedFile out;
  out.format = std::string(kFormat);
  out.team_box.reserve(2 * EstimateRecords(file.content));
  ForEachCsvRow(tokenizer, header, out,
                [&](const CsvRecord& record) { return ParseRow(record, columns, out); });
  return out;
}

std::unique_ptr<Reader> MakeTeamAdvancedCsvReader() {
  return std::make_unique<TeamAdvancedCsvReader>();
}

}  // namespace backcourt
