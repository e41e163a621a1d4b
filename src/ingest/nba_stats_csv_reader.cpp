#include "ingest/nba_stats_csv_reader.h"

#include <fmt/format.h>

#include "core/date.h"
#include "core/text.h"
#include "ingest/csv.h"
#include "ingest/csv_box_stats.h"
#include "ingest/minutes.h"
#include "ingest/played.h"
#include "ingest/row_checks.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

struct Columns {
  std::optional<size_t> game_id, game_date, team, matchup, player_id, player_name, minutes,
      minutes_clock, start_position, comment;
  StatColumns stats;
  // Game logs (playergamelog(s), leaguegamelog, player_game_logs) have a MATCHUP; the
  // boxscoretraditional export has none.
  PlayerListing listing = PlayerListing::kBoxScore;
};

Result<Columns> ResolveColumns(const CsvHeader& header) {
  Columns c;
  c.game_id = header.Find("GAME_ID");
  c.game_date = header.Find("GAME_DATE");
  c.team = header.Find("TEAM_ABBREVIATION");
  c.matchup = header.Find("MATCHUP");
  c.player_id = header.Find("PLAYER_ID");
  c.player_name = header.Find("PLAYER_NAME");
  c.minutes = header.Find("MIN");
  c.minutes_clock = header.Find("MIN_SEC");
  c.start_position = header.Find("START_POSITION");
  c.comment = header.Find("COMMENT");
  c.stats = FindStatColumns(header, NbaStatNames());
  std::vector<std::string> missing;
  if (!c.player_id) missing.push_back("PLAYER_ID");
  if (!c.player_name) missing.push_back("PLAYER_NAME");
  if (!c.minutes && !c.minutes_clock) missing.push_back("MIN");
  if (!c.stats.pts) missing.push_back("PTS");
  if (!c.game_id && !c.game_date) missing.push_back("GAME_ID or GAME_DATE");
  if (!c.team && !c.matchup) missing.push_back("TEAM_ABBREVIATION or MATCHUP");
  BC_RETURN_IF_ERROR(RequireColumns(missing));
  if (c.matchup) c.listing = PlayerListing::kGameLog;
  return c;
}

// GAME_DATE as NBA.com writes it ("2024-12-05", "2024-12-05T00:00:00", "Apr 14, 2024"), the
// same forms its JSON has (kJsonDates), or "12/5/2024" as a spreadsheet re-saves it.
constexpr DateFormats kGameDates = {
    .iso = true, .us_slash = true, .month_name = true, .time_of_day = true};

// Team, opponent and side from MATCHUP; TEAM_ABBREVIATION, when present, must agree.
Status ParseTeams(const CsvRecord& record, const Columns& c, PlayerBoxRow& row) {
  if (c.team) {
    BC_ASSIGN_OR_RETURN(row.team, ParseTeamCell(record[*c.team], "TEAM_ABBREVIATION"));
  }
  if (!c.matchup) return {};
  const std::string_view text = Trim(record[*c.matchup]);
  BC_ASSIGN_OR_RETURN(const Matchup matchup, ParseMatchup(text));
  if (!row.team.empty() && matchup.team != row.team) {
    return InvalidInput(fmt::format("MATCHUP '{}' is not a game of {}", text, row.team));
  }
  row.team = matchup.team;
  row.opponent = matchup.opponent;
  row.is_home = matchup.is_home ? 1 : 0;
  return {};
}

// playergamelogs give MIN and MIN_SEC: both are read and must agree.
Result<ParsedMinutes> ParseRowMinutes(const CsvRecord& record, const Columns& c) {
  if (c.minutes && c.minutes_clock) {
    return ParseMinutesGivenTwice(record[*c.minutes], record[*c.minutes_clock]);
  }
  return ParseMinutes(record[c.minutes ? *c.minutes : *c.minutes_clock]);
}

// The did-not-play policy of played.h; the stat cells of a line not played are empty, and
// are not read.
Status ParsePlayed(const CsvRecord& record, const Columns& c, PlayerBoxRow& row) {
  BC_ASSIGN_OR_RETURN(const ParsedMinutes minutes, ParseRowMinutes(record, c));
  const std::string_view comment = c.comment ? Trim(record[*c.comment]) : "";
  if (c.start_position) row.starter = Trim(record[*c.start_position]).empty() ? 0 : 1;
  BoxStats stats;
  if (!NotPlayedWhateverTheStats(minutes, comment)) {
    BC_RETURN_IF_ERROR(ParseBoxStats(record, c.stats, /*allow_empty=*/false, stats));
  }
  ApplyPlayed(c.listing, minutes, comment, stats, row);
  return {};
}

Status ParseRow(const CsvRecord& record, const Columns& c, ParsedFile& out) {
  PlayerBoxRow row;
  row.line = record.line;
  if (c.game_id) {
    BC_ASSIGN_OR_RETURN(row.game_id, ParseGameId("GAME_ID", record[*c.game_id]));
  }
  if (c.game_date) {
    BC_ASSIGN_OR_RETURN(row.game_date,
                        ParseDateField("GAME_DATE", record[*c.game_date], kGameDates)
                            .map(&Date::ToIso));
  }
  BC_RETURN_IF_ERROR(ParseTeams(record, c, row));
  BC_ASSIGN_OR_RETURN(row.player_id, ParseIntCell(record[*c.player_id], "PLAYER_ID"));
  row.player_name = std::string(Trim(record[*c.player_name]));
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
