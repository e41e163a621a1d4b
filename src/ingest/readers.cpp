#include "ingest/reader.h"

namespace backcourt {

std::vector<std::unique_ptr<Reader>> MakeReaders() {
  std::vector<std::unique_ptr<Reader>> readers;
  // First: the PDF magic is unambiguous, and no text reader need look at binary bytes.
  readers.push_back(MakeInjuryReportPdfReader());
  readers.push_back(MakeNbaStatsJsonReader());
  // Before bdl-json: an Odds API historical response also has "data" and "home_team".
  readers.push_back(MakeOddsApiJsonReader());
  readers.push_back(MakeBdlJsonReader());
  readers.push_back(MakeScheduleJsonReader());
  readers.push_back(MakeTeamLogCsvReader());
  readers.push_back(MakeTeamAdvancedCsvReader());
  readers.push_back(MakeBbrefCsvReader());
  readers.push_back(MakeNbaStatsCsvReader());
  readers.push_back(MakeOddsPropsCsvReader());
  readers.push_back(MakeGameLinesCsvReader());
  return readers;
}

}  // namespace backcourt
