#pragma once
// odds-api-json: The Odds API v4 responses, as fetched. Live responses are an event, or a
// list of events, each with `bookmakers[].markets[].outcomes[]` (American prices); historical
// ones wrap the same in {"timestamp", "previous_timestamp", "next_timestamp", "data"} (decimal
// prices). Every event named gives an OddsEventRow; markets player_points give PropLineRows
// (outcomes Over/Under, `description` the player, `point` the line), h2h / spreads / totals
// give GameLineRows; other markets are counted in ParsedFile::skipped, never an error.
// Capture time: the historical response's timestamp, else the market's `last_update`, else the
// bookmaker's, else --captured-at. The price format is read from the prices themselves (a
// price in (1, 100) can only be decimal, a negative one only American); when they are
// ambiguous or mixed, historical means decimal and live means American, and prices invalid in
// that format are rejected rows.
#include <string_view>

#include "ingest/reader.h"

namespace backcourt {

class OddsApiJsonReader : public Reader {
 public:
  static constexpr std::string_view kFormat = "odds-api-json";
  std::string_view format() const override { return kFormat; }
  // A JSON object or array whose first 16 KiB name "commence_time" and "sport_key" or
  // "bookmakers".
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
