#include "ingest/nba_stats_csv_reader.h"

#include <fmt/format.h>

#include <array>

#include "core/date.h"
#include "ingest/csv.h"
#include "ingest/csv_box_stats.h"
#include "ingest/minutes.h"
#include "ingest/row_checks.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

struct Columns {
  std::optional<size_t> game_id, game_date, team, matchup, player_id, player_name, minutes,
      decimal_minutes, start_position, comment;
  StatColumns stats;
};

Result<Columns> ResolveColumns(const CsvHeader& header) {
  Columns c;
  c.game_id = header.Find("GAME_ID");
  c.game_date = header.Find("GAME_DATE");
  c.team = header.Find("TEAM_ABBREVIATION");
  c.matchup = header.Find("MATCHUP");
  c.player_id = header.Find("PLAYER_ID");
  c.player_name = header.Find("PLAYER_NAME");
  c.minutes = header.FindAny({"MIN_SEC", "MIN"});
  if (c.minutes != header.Find("MIN")) c.decimal_minutes = header.Find("MIN");
  c.start_position = header.Find("START_POSITION");
  c.comment = header.Find("COMMENT");
  c.stats = FindStatColumns(header, NbaStatNames());
  std::vector<std::string> missing;
  if (!c.player_id) missing.push_back("PLAYER_ID");
  if (!c.player_name) missing.push_back("PLAYER_NAME");
  if (!c.minutes) missing.push_back("MIN");
  if (!c.stats.pts) missing.push_back("PTS");
  if (!c.game_id && !c.game_date) missing.push_back("GAME_ID or GAME_DATE");
  if (!c.team && !c.matchup) missing.push_back("TEAM_ABBREVIATION or MATCHUP");
  BC_RETURN_IF_ERROR(RequireColumns(missing));
  return c;
}

// "Apr 14, 2024" or "APR 14, 2024".
std::optional<Date> ParseMonthNameDate(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  const size_t comma = text.find(", ");
  if (text.size() < 11 || text[3] != ' ' || comma == std::string_view::npos) return std::nullopt;
  auto day = ParseIntCell(text.substr(4, comma - 4), "day");
  const std::string_view year_text = text.substr(comma + 2);
  auto year = ParseIntCell(year_text, "year");
  if (!day || !year || year_text.size() != 4) return std::nullopt;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (!EqualsIgnoreCase(text.substr(0, 3), kMonths[m])) continue;
    const int month = static_cast<int>(m) + 1;
    if (!IsValidYmd(static_cast<int>(*year), month, static_cast<int>(*day))) return std::nullopt;
    return Date::FromYmd(static_cast<int>(*year), month, static_cast<int>(*day));
  }
  return std::nullopt;
}

// "2024-12-05", "2024-12-05T00:00:00" or "Apr 14, 2024".
Result<std::string> ParseGameDate(std::string_view raw) {
  const std::string_view text = TrimCell(raw);
  if (text.empty()) return InvalidInput("empty GAME_DATE");
  std::optional<Date> date;
  if (text.size() >= 10 && (text.size() == 10 || text[10] == 'T')) {
    date = Date::ParseIso(text.substr(0, 10));
  } else {
    date = ParseMonthNameDate(text);
  }
  if (!date) return InvalidInput(fmt::format("invalid GAME_DATE '{}'", text));
  return date->ToIso();
}

// Team, opponent and side from MATCHUP; TEAM_ABBREVIATION, when present, must agree.
Status ParseTeams(const CsvRecord& record, const Columns& c, PlayerBoxRow& row) {
  if (c.team) {
    BC_ASSIGN_OR_RETURN(row.team, ParseTeamCell(record[*c.team], "TEAM_ABBREVIATION"));
  }
  if (!c.matchup) return {};
  const std::string_view text = TrimCell(record[*c.matchup]);
  auto matchup = ParseMatchup(text);
  if (!matchup) {
    const std::string_view first = text.substr(0, text.find(' '));
    const std::string_view last = text.substr(text.rfind(' ') + 1);
    for (std::string_view code : {first, last}) {
      if (!code.empty() && !NormalizeTeam(code)) {
        return InvalidInput(fmt::format("unknown team code '{}' in MATCHUP", code));
      }
    }
    return InvalidInput(fmt::format("invalid MATCHUP '{}'", text));
  }
  if (!row.team.empty() && matchup->team != row.team) {
    return InvalidInput(fmt::format("MATCHUP '{}' is not a game of {}", text, row.team));
  }
  row.team = matchup->team;
  row.opponent = matchup->opponent;
  row.is_home = matchup->is_home ? 1 : 0;
  return {};
}

// MIN_SEC ("20:04") is preferred. It is printed from the decimal MIN, and rounding gives
// "30:60" for 30.9917: then the decimal MIN, the value it came from, is used.
Result<ParsedMinutes> ParseRowMinutes(const CsvRecord& record, const Columns& c) {
  auto minutes = ParseMinutes(record[*c.minutes]);
  if (minutes || !c.decimal_minutes) return minutes;
  auto decimal = ParseMinutes(record[*c.decimal_minutes]);
  return decimal && decimal->minutes ? decimal : minutes;
}

// No minutes, or zero minutes with a COMMENT ("DNP - Coach's Decision"), is a DNP. Zero
// minutes without a comment is a player who checked in for seconds: game logs list only
// players who appeared.
Status ParsePlayed(const CsvRecord& record, const Columns& c, PlayerBoxRow& row) {
  BC_ASSIGN_OR_RETURN(const ParsedMinutes minutes, ParseRowMinutes(record, c));
  const std::string_view comment = c.comment ? TrimCell(record[*c.comment]) : "";
  if (!minutes.minutes || (*minutes.minutes == 0 && !comment.empty())) {
    row.status = "dnp";
    row.dnp_reason = std::string(comment);
    return {};
  }
  row.minutes = minutes.minutes;
  if (c.start_position) row.starter = TrimCell(record[*c.start_position]).empty() ? 0 : 1;
  return ParseBoxStats(record, c.stats, /*allow_empty=*/false, row.stats);
}

Status ParseRow(const CsvRecord& record, const Columns& c, ParsedFile& out) {
  PlayerBoxRow row;
  row.line = record.line;
  if (c.game_id) {
    BC_ASSIGN_OR_RETURN(row.game_id, ParseGameIdCell(record[*c.game_id], "GAME_ID"));
  }
  if (c.game_date) {
    BC_ASSIGN_OR_RETURN(row.game_date, ParseGameDate(record[*c.game_date]));
  }
  BC_RETURN_IF_ERROR(ParseTeams(record, c, row));
  BC_ASSIGN_OR_RETURN(row.player_id, ParseIntCell(record[*c.player_id], "PLAYER_ID"));
  row.player_name = std::string(TrimCell(record[*c.player_name]));
  if (row.player_name.empty()) return InvalidInput("empty PLAYER_NAME");
  BC_RETURN_IF_ERROR(ParsePlayed(record, c, row));
  row.has_shooting = c.stats.HasShooting() ? 1 : 0;
  BC_RETURN_IF_ERROR(CheckRow(row));
  out.player_box.push_back(std::move(row));
  return {};
}

}  // namespace

bool NbaStatsCsvReader::Detect(const InputFile& file) const {
  auto header = PeekCsvHeader(file.content);
  return header && ResolveColumns(*header).has_value();
}

Result<ParsedFile> NbaStatsCsvReader::Read(const InputFile& file) const {
  CsvTokenizer tokenizer(file.content);
  BC_ASSIGN_OR_RETURN(const CsvHeader header, ReadCsvHeader(tokenizer, file.content));
  BC_ASSIGN_OR_RETURN(const Columns columns, ResolveColumns(header));
  ParsedFile out;
  out.format = std::string(kFormat);
  out.player_box.reserve(EstimateRecords(file.content));
  ForEachCsvRow(tokenizer, header, out,
                [&](const CsvRecord& record) { return ParseRow(record, columns, out); });
  RejectDuplicatePlayerRows(out);
  return out;
}

std::unique_ptr<Reader> MakeNbaStatsCsvReader() { return std::make_unique<NbaStatsCsvReader>(); }

}  // namespace backcourt
