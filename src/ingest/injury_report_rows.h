#pragma once
// Rows of the league's injury reports (raw_injury_reports): one per player listed in one
// report, plus one per team the report lists as "NOT YET SUBMITTED". Every report is kept;
// which one counts for a game (the last before tip) is decided when tables are built.
#include <cstdint>
#include <string>

namespace backcourt {

// Values of InjuryReportRow::status.
inline constexpr const char* kInjuryOut = "out";
inline constexpr const char* kInjuryDoubtful = "doubtful";
inline constexpr const char* kInjuryQuestionable = "questionable";
inline constexpr const char* kInjuryProbable = "probable";
inline constexpr const char* kInjuryAvailable = "available";
// The team had not reported yet: no player, reason "NOT YET SUBMITTED".
inline constexpr const char* kInjuryNotSubmitted = "not_submitted";

struct InjuryReportRow {
  std::string source;            // the format that produced the row (set by ingest)
  int64_t line = 0;              // 1-based row of the report's table, across pages
  int64_t page = 0;              // 1-based page the row is printed on
  std::string report_time_utc;   // "2024-01-04T17:30:00Z"
  std::string report_time_et;    // the title's time as printed: "01/04/24 12:30 PM"
  std::string report_time_note;  // "" when the file name agrees with the title, else why not
  std::string game_date;         // ISO, the US (Eastern) date of the game
  std::string game_time_et;      // as printed: "07:30 (ET)"
  std::string tip_time_utc;      // "2024-01-05T00:30:00Z"
  std::string matchup;           // as printed: "MIL@SAS"
  std::string away_team;         // tricode
  std::string home_team;         // tricode
  std::string team;              // tricode of the team the row is about
  std::string team_name;         // as printed: "San Antonio Spurs"
  std::string player_name;       // as printed, "Last, First"; "" for not_submitted rows
  std::string player_name_key;   // NormalizePlayerName of "First Last": "gary payton"
  std::string status;            // one of kInjury*
  std::string reason;            // joined over its wrapped lines
};

}  // namespace backcourt
