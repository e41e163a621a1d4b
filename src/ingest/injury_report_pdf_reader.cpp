#include "ingest/injury_report_pdf_reader.h"

#include <fmt/format.h>

#include <array>
#include <filesystem>

#include "core/text.h"
#include "core/timestamp.h"
#include "ingest/injury_report_layout.h"
#include "ingest/pdf_text.h"
#include "ingest/player_names.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

constexpr std::string_view kNotSubmitted = "NOT YET SUBMITTED";
constexpr size_t kMaxRejectContent = 200;

std::optional<int> Digits(std::string_view text, size_t count) {
  if (text.size() != count) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Game dates "01/04/2024" and the title's "01/04/24".
constexpr DateFormats kReportDates = {.us_slash = true};

// "hh:mm" -> {hour, minute} with hour 1..12 and minute 0..59.
std::optional<std::pair<int, int>> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  auto hour = Digits(text.substr(0, 2), 2);
  auto minute = Digits(text.substr(3, 2), 2);
  if (!hour || !minute || *hour < 1 || *hour > 12 || *minute > 59) return std::nullopt;
  return std::pair(*hour, *minute);
}

// Hour 1..12 with AM/PM to 0..23.
int To24Hour(int hour, bool pm) { return hour % 12 + (pm ? 12 : 0); }

std::optional<bool> ParseMeridiem(std::string_view text) {
  if (text == "AM") return false;
  if (text == "PM") return true;
  return std::nullopt;
}

std::string Iso(Date date, int minutes) {
  return FormatUtcTimestamp(UsEasternToUnixSeconds(date, minutes));
}

std::string DescribeFileNameTime(const EasternTime& time) {
  const int hour12 = time.minutes / 60 % 12 == 0 ? 12 : time.minutes / 60 % 12;
  const char* meridiem = time.minutes >= 12 * 60 ? "PM" : "AM";
  if (!time.has_minutes) return fmt::format("{} {:02}{}", time.date.ToIso(), hour12, meridiem);
  return fmt::format("{} {:02}:{:02}{}", time.date.ToIso(), hour12, time.minutes % 60, meridiem);
}

// "" when the file name's time agrees with the title's (or the name has no time).
std::string ReportTimeNote(const EasternTime& title, std::string_view path) {
  const auto named = ParseReportFileNameTime(path);
  if (!named) return "";
  const bool same =
      named->date == title.date && (named->has_minutes ? named->minutes == title.minutes
                                                       : named->minutes / 60 == title.minutes / 60);
  if (same) return "";
  return fmt::format("the file name says {}; the title's time is used",
                     DescribeFileNameTime(*named));
}

std::optional<std::string> ParseStatus(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, const char*>, 5> kStatuses = {{
      {"out", kInjuryOut},
      {"doubtful", kInjuryDoubtful},
      {"questionable", kInjuryQuestionable},
      {"probable", kInjuryProbable},
      {"available", kInjuryAvailable},
  }};
  std::string lower(text);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const auto& [name, status] : kStatuses) {
    if (lower == name) return std::string(status);
  }
  return std::nullopt;
}

// The cells a row stands for: blank ones repeat the row above. A cell given anew clears the
// inherited cells to its right (a new matchup's first row names its team).
class Inheritance {
 public:
  InjuryTableRow Apply(const InjuryTableRow& row) {
    static constexpr std::array<InjuryColumn, 4> kInherited = {
        InjuryColumn::kGameDate, InjuryColumn::kGameTime, InjuryColumn::kMatchup,
        InjuryColumn::kTeam};
    InjuryTableRow full = row;
    bool given_left = false;
    for (size_t i = 0; i < kInherited.size(); ++i) {
      const size_t c = static_cast<size_t>(kInherited[i]);
      if (!row.cells[c].empty()) {
        given_left = true;
        last_[i] = row.cells[c];
      } else if (given_left) {
        last_[i].clear();
      }
      full.cells[c] = last_[i];
    }
    return full;
  }

 private:
  std::array<std::string, 4> last_;
};

std::string RejectContent(const InjuryTableRow& row) {
  std::string content;
  for (size_t c = 0; c < kInjuryColumnCount; ++c) {
    content += (c ? " | " : "") + row.cells[c];
  }
  return TruncateUtf8(content, kMaxRejectContent);
}

// The game a row belongs to; an error names the cell that is wrong.
Result<InjuryReportRow> ParseGame(const InjuryTableRow& row) {
  InjuryReportRow out;
  const std::string& date_text = row.cell(InjuryColumn::kGameDate);
  if (date_text.empty()) return InvalidInput("no Game Date");
  const auto date = ParseDate(date_text, kReportDates);
  if (!date) return InvalidInput(fmt::format("Game Date '{}' is not MM/DD/YYYY", date_text));
  out.game_date = date->ToIso();
  out.game_time_et = row.cell(InjuryColumn::kGameTime);
  if (out.game_time_et.empty()) return InvalidInput("no Game Time");
  const auto tip = ParseTipTime(out.game_time_et);
  if (!tip) return InvalidInput(fmt::format("Game Time '{}' is not hh:mm (ET)", out.game_time_et));
  out.tip_time_utc = Iso(*date, *tip);
  out.matchup = row.cell(InjuryColumn::kMatchup);
  if (out.matchup.empty()) return InvalidInput("no Matchup");
  const size_t at = out.matchup.find('@');
  const auto away =
      at == std::string::npos ? std::nullopt : NormalizeTeam(out.matchup.substr(0, at));
  const auto home =
      at == std::string::npos ? std::nullopt : NormalizeTeam(out.matchup.substr(at + 1));
  if (!away || !home || *away == *home) {
    return InvalidInput(fmt::format("Matchup '{}' is not AWAY@HOME tricodes", out.matchup));
  }
  out.away_team = *away;
  out.home_team = *home;
  out.team_name = row.cell(InjuryColumn::kTeam);
  if (out.team_name.empty()) return InvalidInput("no Team");
  const auto team = NormalizeTeamName(out.team_name);
  if (!team) return InvalidInput(fmt::format("unknown Team '{}'", out.team_name));
  if (*team != out.away_team && *team != out.home_team) {
    return InvalidInput(
        fmt::format("Team '{}' is not in Matchup '{}'", out.team_name, out.matchup));
  }
  out.team = *team;
  return out;
}

Result<InjuryReportRow> ParseRow(const InjuryTableRow& row) {
  BC_ASSIGN_OR_RETURN(InjuryReportRow out, ParseGame(row));
  out.page = row.page;
  out.player_name = row.cell(InjuryColumn::kPlayerName);
  out.reason = row.cell(InjuryColumn::kReason);
  const std::string& status = row.cell(InjuryColumn::kCurrentStatus);
  if (out.player_name.empty()) {
    if (out.reason == kNotSubmitted && status.empty()) {
      out.status = kInjuryNotSubmitted;
      return out;
    }
    return InvalidInput(
        fmt::format("no Player Name for {} (and not '{}')", out.team, kNotSubmitted));
  }
  if (status.empty())
    return InvalidInput(fmt::format("no Current Status for '{}'", out.player_name));
  auto parsed = ParseStatus(status);
  if (!parsed) return InvalidInput(fmt::format("unknown Current Status '{}'", status));
  out.status = *parsed;
  out.player_name_key = NormalizePlayerName(FirstNameFirst(out.player_name));
  if (out.player_name_key.empty()) {
    return InvalidInput(fmt::format("Player Name '{}' has no letters", out.player_name));
  }
  return out;
}

}  // namespace

std::optional<EasternTime> ParseReportTitleTime(std::string_view text) {
  const std::string_view trimmed = Trim(text);
  const size_t first = trimmed.find(' ');
  const size_t second = first == std::string_view::npos ? first : trimmed.find(' ', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const std::string_view date_text = trimmed.substr(0, first);
  auto date = ParseDate(date_text, kReportDates);
  auto clock = ParseClock(trimmed.substr(first + 1, second - first - 1));
  auto pm = ParseMeridiem(Trim(trimmed.substr(second + 1)));
  if (!date || !clock || !pm) return std::nullopt;
  return EasternTime{*date, To24Hour(clock->first, *pm) * 60 + clock->second, true};
}

std::optional<EasternTime> ParseReportFileNameTime(std::string_view path) {
  const std::string name = std::filesystem::path(std::string(path)).filename().string();
  constexpr std::string_view kPrefix = "Injury-Report_";
  constexpr std::string_view kSuffix = ".pdf";
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix)) return std::nullopt;
  std::string_view rest(name);
  rest = rest.substr(kPrefix.size(), rest.size() - kPrefix.size() - kSuffix.size());
  // YYYY-MM-DD_HHPM or YYYY-MM-DD_HH_MMPM
  if (rest.size() != 15 && rest.size() != 18) return std::nullopt;
  if (rest[10] != '_') return std::nullopt;
  auto date = Date::ParseIso(rest.substr(0, 10));
  auto hour = Digits(rest.substr(11, 2), 2);
  auto pm = ParseMeridiem(rest.substr(rest.size() - 2));
  std::optional<int> minute = 0;
  if (rest.size() == 18) minute = rest[13] == '_' ? Digits(rest.substr(14, 2), 2) : std::nullopt;
  if (!date || !hour || !pm || !minute || *hour < 1 || *hour > 12 || *minute > 59) {
    return std::nullopt;
  }
  return EasternTime{*date, To24Hour(*hour, *pm) * 60 + *minute, rest.size() == 18};
}

std::optional<int> ParseTipTime(std::string_view text) {
  std::string_view rest = Trim(text);
  if (rest.ends_with("(ET)")) rest = Trim(rest.substr(0, rest.size() - 4));
  if (rest.ends_with(" ET")) rest = Trim(rest.substr(0, rest.size() - 3));
  std::optional<bool> pm;
  if (rest.size() > 5) {
    pm = ParseMeridiem(Trim(rest.substr(5)));
    if (!pm) return std::nullopt;
    rest = rest.substr(0, 5);
  }
  auto clock = ParseClock(rest);
  if (!clock) return std::nullopt;
  if (!pm) pm = clock->first != 11;  // no AM/PM printed: the hours games tip at
  return To24Hour(clock->first, *pm) * 60 + clock->second;
}

std::string FirstNameFirst(std::string_view last_comma_first) {
  const size_t comma = last_comma_first.find(',');
  if (comma == std::string_view::npos) return std::string(Trim(last_comma_first));
  const std::string_view last = Trim(last_comma_first.substr(0, comma));
  const std::string_view first = Trim(last_comma_first.substr(comma + 1));
  if (first.empty()) return std::string(last);
  return std::string(first) + " " + std::string(last);
}

bool InjuryReportPdfReader::Detect(const InputFile& file) const {
  return HasPdfMagic(file.content);
}

Result<ParsedFile> InjuryReportPdfReader::Read(const InputFile& file) const {
  BC_ASSIGN_OR_RETURN(const std::vector<PdfPage> pages, ReadPdfWords(file.content));
  BC_ASSIGN_OR_RETURN(const InjuryReportTable table, LayOutInjuryReport(pages));
  const auto title = ParseReportTitleTime(table.title_time);
  if (!title) {
    return InvalidInput(
        fmt::format("page 1: title 'Injury Report: {}' has no time MM/DD/YY hh:mm AM|PM",
                    Abbreviate(table.title_time, 80)));
  }
  const std::string report_utc = Iso(title->date, title->minutes);
  const std::string note = ReportTimeNote(*title, file.path);
  ParsedFile parsed;
  parsed.format = std::string(kFormat);
  Inheritance inheritance;
  int64_t line = 0;
  for (const InjuryTableRow& printed : table.rows) {
    ++line;
    const InjuryTableRow row = inheritance.Apply(printed);
    auto out = ParseRow(row);
    if (!out) {
      parsed.rejects.push_back(
          RejectRow{line, fmt::format("page {}: {}", row.page, out.error().message()),
                    RejectContent(printed)});
      continue;
    }
    out->line = line;
    out->report_time_utc = report_utc;
    out->report_time_et = table.title_time;
    out->report_time_note = note;
    parsed.injury_reports.push_back(std::move(*out));
  }
  return parsed;
}

std::unique_ptr<Reader> MakeInjuryReportPdfReader() {
  return std::make_unique<InjuryReportPdfReader>();
}

}  // namespace backcourt
