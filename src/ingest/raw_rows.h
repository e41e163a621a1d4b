#pragma once
// What a reader extracts from one input file: rows as the source says them (its ids, names,
// dates, team codes normalised to NBA.com tricodes), plus the rows it had to reject.
// Identity (game_id for id-less sources, player ids for name-only sources) is resolved
// later, when derived tables are built, so ingest order never changes results.
#include <cstdint>
#include <map>
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

// ---- Betting lines (odds-api-json, odds-props-csv, game-lines-csv).
// Prices are American odds for every row, whatever the source wrote: -110, +150, as REAL;
// decimal sources are converted (d >= 2: +100·(d−1); d < 2: −100/(d−1)) and price_format
// says which the source gave. Decimal odds are 1 + A/100 (A > 0) or 1 + 100/|A| (A < 0).
// Times are ISO-8601 UTC "YYYY-MM-DDTHH:MM:SSZ" (core/timestamp.h), comparable as text.

// How a row's captured_at was known: kCaptureResponse (the historical response's timestamp),
// kCaptureMarket / kCaptureBookmaker (the live response's market or bookmaker last_update),
// kCaptureColumn (a capture-time column), kCaptureFileName (raw_YYYYMMDD_HHMMSS), kCaptureOption
// (ingest --captured-at), kCaptureClosing (no time: the source says these are closing lines,
// the last before tip), kCaptureNone (no time: can grade, never feeds a feature).
inline constexpr const char* kCaptureResponse = "response_timestamp";
inline constexpr const char* kCaptureMarket = "market_last_update";
inline constexpr const char* kCaptureBookmaker = "bookmaker_last_update";
inline constexpr const char* kCaptureColumn = "column";
inline constexpr const char* kCaptureFileName = "file_name";
inline constexpr const char* kCaptureOption = "option";
inline constexpr const char* kCaptureClosing = "closing";
inline constexpr const char* kCaptureNone = "none";

// One event (game) as a betting source lists it, from each response that names it.
struct OddsEventRow {
  std::string source;                      // the format that produced the row (set by ingest)
  int64_t line = 0;                        // record index in the file
  std::string event_id;                    // The Odds API event id
  std::string game_date;                   // US Eastern date of commence_time
  std::string commence_time;               // scheduled tip (UTC)
  std::string home_team;                   // tricode
  std::string away_team;                   // tricode
  std::optional<std::string> captured_at;  // NULL: unknown
  std::string capture_basis;               // kCapture*
};

// One book's line for one player, market, point and snapshot: the over and under prices of
// that point (an alternate line is another row). Player names are as the source wrote them.
struct PropLineRow {
  std::string source;
  int64_t line = 0;           // CSV line, or record index of the first outcome (JSON)
  std::string event_id;       // The Odds API event id ("" when the source has none)
  std::string game_date;      // US Eastern date of commence_time
  std::string commence_time;  // scheduled tip (UTC)
  std::string home_team;      // tricode
  std::string away_team;      // tricode
  std::string bookmaker;      // lower-case key: "draftkings", "prizepicks"
  std::string line_kind;      // "book" (a real price) or "pickem" (fixed payout, not a price)
  std::string market;         // "player_points"
  std::string player_name;    // as given
  std::string name_key;       // NormalizePlayerName(player_name)
  double point = 0;           // the line
  std::optional<double> over_price;   // American; NULL when the source gives no over side
  std::optional<double> under_price;  // American; NULL when the source gives no under side
  std::string price_format;           // "american" or "decimal": what the source gave
  std::optional<std::string> captured_at;
  std::string capture_basis;
};

// One book's game line for one market and snapshot. spreads: point is the home team's spread
// (negative: home favoured), prices home/away; totals: point is the total, prices over/under;
// h2h: no point, prices home/away (moneylines).
struct GameLineRow {
  std::string source;
  int64_t line = 0;
  std::string event_id;                      // "" when the source has none
  std::string game_date;                     // US date of the game
  std::optional<std::string> commence_time;  // NULL when the source gives only the date
  std::string home_team;
  std::string away_team;
  std::string bookmaker;  // lower-case key, "consensus" or "closing" for the CSV files
  std::string market;     // "spreads", "totals", "h2h"
  std::optional<double> point;
  std::optional<double> home_price, away_price, over_price, under_price;  // American
  std::string price_format;
  std::optional<std::string> captured_at;
  std::string capture_basis;
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
  std::vector<OddsEventRow> odds_events;
  std::vector<PropLineRow> prop_lines;
  std::vector<GameLineRow> game_lines;
  std::vector<InjuryReportRow> injury_reports;
  std::vector<RejectRow> rejects;
  // Records read but deliberately not kept, by what they were ("market player_rebounds"):
  // counted, never an error.
  std::map<std::string, int64_t> skipped;

  size_t rows_loaded() const {
    return schedule.size() + team_box.size() + player_box.size() + odds_events.size() +
           prop_lines.size() + game_lines.size() + injury_reports.size();
  }
};

}  // namespace backcourt
