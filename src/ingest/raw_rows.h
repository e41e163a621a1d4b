#pragma once
// What a reader extracts from one input file: rows as the source says them (its ids, names,
// dates, team codes normalised to NBA.com tricodes), plus the rows it had to reject.
// Identity (game_id for id-less sources, player ids for name-only sources) is resolved
// later, when derived tables are built, so ingest order never changes results.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ingest/injury_report_rows.h"

namespace backcourt {

// Values of ScheduleRow::status.
inline constexpr const char* kStatusScheduled = "scheduled";
inline constexpr const char* kStatusInProgress = "in_progress";
inline constexpr const char* kStatusFinal = "final";
inline constexpr const char* kStatusPostponed = "postponed";
inline constexpr const char* kStatusCancelled = "cancelled";

struct ScheduleRow {
  std::string source;         // the format that produced the row (set by ingest)
  int64_t line = 0;           // 1-based line (CSV) or record index (JSON) in the file
  std::string game_id;        // NBA.com 10-digit id, zero padded
  std::string game_date;      // ISO date of the tip-off (US date)
  std::string season;         // "2024-25"
  std::string game_type;      // preseason, regular_season, cup_knockout, cup_final, play_in,
                              // playoffs, all_star
  std::string home_team;      // tricode
  std::string away_team;      // tricode
  std::string status;         // one of kStatus*
  int64_t neutral_site = 0;
  std::optional<int64_t> home_points;
  std::optional<int64_t> away_points;
};

// Box-score counting stats shared by team and player rows. NULL = not provided by source.
struct BoxStats {
  std::optional<int64_t> pts, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk,
      tov, pf;
  std::optional<double> plus_minus;
};

struct TeamBoxRow {
  std::string source;  // the format that produced the row (set by ingest)
  int64_t line = 0;
  std::string game_id;               // empty when the source has no id
  std::string game_date;             // ISO; empty when the source has none
  std::string team;                  // tricode
  std::string opponent;              // tricode, empty when unknown
  std::optional<int64_t> is_home;    // 1 home, 0 away, NULL unknown
  std::optional<double> minutes;     // team minutes: 240, 265, ...
  std::optional<double> possessions; // as published by the source (team advanced files)
  BoxStats stats;
  std::string tov_basis;             // "team" (team turnovers included), "players", or ""
};

struct PlayerBoxRow {
  std::string source;  // the format that produced the row (set by ingest)
  int64_t line = 0;
  std::string game_id;               // empty when the source has no NBA.com id
  std::string game_date;             // ISO; empty when the source has none
  std::string team;                  // tricode
  std::string opponent;              // tricode, empty when unknown
  std::optional<int64_t> is_home;
  std::optional<int64_t> player_id;  // NBA.com PLAYER_ID only (never another site's id)
  std::string player_name;
  std::string status = "active";     // active, dnp, inactive
  std::string dnp_reason;            // source comment for dnp/inactive rows
  std::optional<int64_t> starter;    // NULL when the source does not say
  std::optional<double> minutes;     // decimal minutes; NULL for dnp/inactive
  BoxStats stats;
  int64_t has_shooting = 0;          // 1 when FGA/FTA/TOV columns exist in the source
};

struct RejectRow {
  int64_t line = 0;
  std::string reason;
  std::string content;  // the offending line or record, truncated to 200 bytes
};

struct ParsedFile {
  std::string format;
  std::vector<ScheduleRow> schedule;
  std::vector<TeamBoxRow> team_box;
  std::vector<PlayerBoxRow> player_box;
  std::vector<InjuryReportRow> injury_reports;
  std::vector<RejectRow> rejects;

  size_t rows_loaded() const {
    return schedule.size() + team_box.size() + player_box.size() + injury_reports.size();
  }
};

}  // namespace backcourt
