#pragma once
// Gaps: the expected-but-missing games (per table, from the schedule) with the state of
// their date's partition: the "problem dates" list to reprocess.
#include <ostream>
#include <string>
#include <vector>

#include "validate/facts.h"

namespace backcourt {

struct Gap {
  std::string table, game_date;
  std::string game_id, game_type, matchup;  // empty for date-level gaps (tables without rows
                                            // validation reads: their partition is missing)
  std::string missing_teams;                // "MIA PHI": team-games without rows
  std::string partition_status;             // ok, failed, blocked, pending, running, missing
  std::string reason;                       // the partition's last error or note
};

// Every gap of the facts' range, by table then date; only `table` when not empty.
std::vector<Gap> ComputeGaps(const ValidationFacts& facts, const std::string& table = "");
// Distinct dates of the gaps, ascending.
std::vector<std::string> GapDates(const std::vector<Gap>& gaps);

void WriteGapsCsv(std::ostream& out, const std::vector<Gap>& gaps);

}  // namespace backcourt
