#pragma once
// One reader per input format. A reader turns the bytes of one file into rows; a whole-file
// failure (unknown header, truncated JSON, binary) is an error naming the reason, a bad row
// is a RejectRow with its line and reason. Readers never touch the store.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/raw_rows.h"

namespace backcourt {

struct InputFile {
  std::string path;     // for messages, and for capture times in file names (raw_YYYYMMDD_HHMMSS)
  std::string content;  // whole file, already gunzipped
  // ingest --captured-at, canonical UTC (core/timestamp.h), "" when not given: the capture
  // time of betting lines whose file carries none.
  std::string captured_at = {};
};

// Readers are stateless: ingest reads files on several threads with one set of readers.
class Reader {
 public:
  virtual ~Reader() = default;
  virtual std::string_view format() const = 0;
  // Cheap check on the first bytes/header: does this file look like this format?
  virtual bool Detect(const InputFile& file) const = 0;
  virtual Result<ParsedFile> Read(const InputFile& file) const = 0;
};

// All readers, in detection order.
std::vector<std::unique_ptr<Reader>> MakeReaders();

}  // namespace backcourt

namespace backcourt {
// Factories, one per format (each in its own file pair).
std::unique_ptr<Reader> MakeNbaStatsJsonReader();    // nba-stats-json
std::unique_ptr<Reader> MakeBdlJsonReader();         // bdl-json
std::unique_ptr<Reader> MakeScheduleJsonReader();    // schedule-json
std::unique_ptr<Reader> MakeNbaStatsCsvReader();     // nba-stats-csv
std::unique_ptr<Reader> MakeBbrefCsvReader();        // bbref-csv
std::unique_ptr<Reader> MakeTeamLogCsvReader();      // team-log-csv
std::unique_ptr<Reader> MakeTeamAdvancedCsvReader(); // team-advanced-csv
std::unique_ptr<Reader> MakeOddsApiJsonReader();     // odds-api-json
std::unique_ptr<Reader> MakeOddsPropsCsvReader();    // odds-props-csv
std::unique_ptr<Reader> MakeGameLinesCsvReader();    // game-lines-csv
std::unique_ptr<Reader> MakeInjuryReportPdfReader(); // nba-injury-report-pdf
}  // namespace backcourt
