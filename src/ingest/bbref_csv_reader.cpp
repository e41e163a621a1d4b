#include "ingest/bbref_csv_reader.h"

#include <fmt/format.h>

#include <array>

#include "core/date.h"
#include "core/text.h"
#include "ingest/csv.h"
#include "ingest/csv_box_stats.h"
#include "ingest/minutes.h"
#include "ingest/played.h"
#include "ingest/row_checks.h"

namespace backcourt {
namespace {

struct Columns {
  std::optional<size_t> player, team, opponent, date, minutes, home_away;
  StatColumns stats;
};

Result<Columns> ResolveColumns(const CsvHeader& header) {
  Columns c;
  c.player = header.Find("Player");
  c.team = header.FindAny({"Tm", "Team"});
  c.opponent = header.Find("Opp");
  c.date = header.FindAny({"Date", "Data"});
  c.minutes = header.Find("MP");
  c.home_away = header.FindAny({"H/A", "Home/Away", "Venue"});
  c.stats = FindStatColumns(header, BbrefStatNames());
  std::vector<std::string> missing;
  if (!c.player) missing.push_back("Player");
  if (!c.team) missing.push_back("Tm");
  if (!c.minutes) missing.push_back("MP");
  if (!c.stats.pts) missing.push_back("PTS");
  if (!c.date) missing.push_back("Date");
  BC_RETURN_IF_ERROR(RequireColumns(missing));
  return c;
}

// "22/10/2024" (day first, as the source writes it) or "2024-10-22".
constexpr DateFormats kBbrefDates = {.iso = true, .day_first_slash = true};

// "@" / "A" / "Away" -> 0; "" / "H" / "Home" / "vs" -> 1.
Result<int64_t> ParseHomeAway(std::string_view raw) {
  const std::string_view text = Trim(raw);
  for (std::string_view away : {"@", "A", "Away"}) {
    if (EqualsIgnoreCase(text, away)) return 0;
  }
  for (std::string_view home : {"", "H", "Home", "vs", "vs."}) {
    if (EqualsIgnoreCase(text, home)) return 1;
  }
  return InvalidInput(fmt::format("invalid home/away '{}'", text));
}

// Basketball-Reference writes why a player did not play in the MP cell.
bool IsNotPlayedNote(std::string_view minutes) {
  static constexpr std::array<std::string_view, 5> kNotes = {
      "Did Not Play", "Inactive", "Did Not Dress", "Not With Team", "Player Suspended"};
  for (std::string_view note : kNotes) {
    if (EqualsIgnoreCase(minutes, note)) return true;
  }
  return false;
}

// The did-not-play policy of played.h, for a game log; a note in MP is the comment, and the
// stat cells of a line not played are empty.
Status ParsePlayed(const CsvRecord& record, const Columns& c, PlayerBoxRow& row) {
  const std::string_view text = Trim(record[*c.minutes]);
  const std::string_view comment = IsNotPlayedNote(text) ? text : "";
  ParsedMinutes minutes;
  if (comment.empty()) {
    BC_ASSIGN_OR_RETURN(minutes, ParseMinutes(text));
  }
  BoxStats stats;
  if (!NotPlayedWhateverTheStats(minutes, comment)) {
    BC_RETURN_IF_ERROR(ParseBoxStats(record, c.stats, /*allow_empty=*/false, stats));
  }
  ApplyPlayed(PlayerListing::kGameLog, minutes, comment, stats, row);
  return {};
}

Status ParseRow(const CsvRecord& record, const Columns& c, ParsedFile& out) {
  PlayerBoxRow row;
  row.line = record.line;
  row.player_name = std::string(Trim(record[*c.player]));
  if (row.player_name.empty()) return InvalidInput("empty Player");
  BC_ASSIGN_OR_RETURN(row.team, ParseTeamCell(record[*c.team], "Tm"));
  if (c.opponent) {
    BC_ASSIGN_OR_RETURN(row.opponent, ParseTeamCell(record[*c.opponent], "Opp"));
  }
  if (c.home_away) {
    BC_ASSIGN_OR_RETURN(row.is_home, ParseHomeAway(record[*c.home_away]));
  }
  BC_ASSIGN_OR_RETURN(row.game_date,
                      ParseDateField("Date", record[*c.date], kBbrefDates).map(&Date::ToIso));
  BC_RETURN_IF_ERROR(ParsePlayed(record, c, row));
  row.has_shooting = c.stats.HasShooting() ? 1 : 0;
  BC_RETURN_IF_ERROR(CheckRow(row));
  out.player_box.push_back(std::move(row));
  return {};
}

}  // namespace

bool BbrefCsvReader::Detect(const InputFile& file) const {
  auto header = PeekCsvHeader(file.content);
  return header && !header->Has("PLAYER_ID") && ResolveColumns(*header).has_value();
}

Result<ParsedFile> BbrefCsvReader::Read(const InputFile& file) const {
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

std::unique_ptr<Reader> MakeBbrefCsvReader() { return std::make_unique<BbrefCsvReader>(); }

}  // namespace backcourt
