#pragma once
// Coverage per table and period: expected games and team-games from the schedule vs what
// the table holds, and for player rows the minutes and usage coverage, with rows whose
// source provides no shooting data (*not provided by source*) apart from missing ones.
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "validate/facts.h"

namespace backcourt {

enum class CoverageBy { kDate, kMonth, kSeason };
Result<CoverageBy> ParseCoverageBy(const std::string& text);
// The period a date falls in: "2024-01-15", "2024-01" or "2023-24".
std::string PeriodOf(const std::string& date, CoverageBy by);

struct CoverageRow {
  std::string table, period;
  bool player_table = false;        // the minutes and usage columns apply
  int64_t expected_games = 0;       // final games that count
  int64_t complete_games = 0;       // ... with both team-games present
  int64_t expected_team_games = 0;  // 2 per game
  int64_t present_team_games = 0;
  int64_t rows = 0;  // rows of the table in the period
  int64_t active_rows = 0, minutes_present = 0;
  int64_t usage_eligible = 0, usage_present = 0;
  int64_t not_provided = 0;  // active rows from sources without shooting columns
  double minutes_pct() const;
  double usage_pct() const;  // of eligible rows; 100 when none are eligible
  bool complete() const { return present_team_games == expected_team_games; }
};

// Rows for the known tables (all, or only `table` when not empty), by table then period.
std::vector<CoverageRow> ComputeCoverage(const ValidationFacts& facts, CoverageBy by,
                                         const std::string& table = "");

}  // namespace backcourt
