#pragma once
// Helpers shared by the JSON readers: whole-file parsing with one-line reasons, field access
// tolerant of absent keys and nulls, NBA.com "headers + rowSet" tables as objects, and the
// dates JSON sources write.
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ingest/minutes.h"
#include "ingest/raw_rows.h"
#include "ingest/row_checks.h"

namespace backcourt {

using Json = nlohmann::json;

// Deepest nesting of arrays and objects a file may have; NBA.com and balldontlie responses
// nest at most 7 levels. A bound keeps recursive copies and dumps off the stack's limit.
inline constexpr size_t kMaxJsonDepth = 64;

// Parses a whole file. Empty input, binary, UTF-16 or gzip bytes, nesting deeper than
// kMaxJsonDepth, truncated and invalid JSON are InvalidInput with a one-line reason (no path:
// the caller adds it).
Result<Json> ParseJson(std::string_view content);

// Cheap detection: the first non-blank byte is '{' and one of `keys` appears as a quoted key in
// the first 16 KiB.
bool JsonObjectMentions(std::string_view content, std::initializer_list<std::string_view> keys);

// The value of `key` in `object`; nullptr when `object` is not an object, or the key is absent
// or null.
const Json* FindField(const Json& object, std::string_view key);
// Integers given as integral numbers or digit strings; nullopt otherwise.
std::optional<int64_t> OptInt(const Json& object, std::string_view key);
std::optional<double> OptDouble(const Json& object, std::string_view key);
// Strings as given (trimmed), numbers printed, "" for absent or null.
std::string OptString(const Json& object, std::string_view key);

// Dates as the JSON sources write them: NBA.com "2024-01-15", "2024-01-15T00:00:00" and
// "Apr 14, 2024", balldontlie "2024-01-15T00:00:00.000Z", the CDN schedule "10/04/2024 00:00:00".
inline constexpr DateFormats kJsonDates = {
    .iso = true, .us_slash = true, .month_name = true, .time_of_day = true};
// The date under `key` in kJsonDates as ISO, or an error naming `field` (ParseDateField).
Result<std::string> DateOf(const Json& object, std::string_view key, std::string_view field);

// NBA.com's game status id under `key` (1 scheduled, 2 in progress, 3 final, as the
// scoreboard and the season schedule both give it); any other value is an error naming it.
Result<std::string> GameStatusFromId(const Json& object, std::string_view key);

// Minutes given as a JSON string ("34:12", "28", ""), number (35, 240) or null.
Result<ParsedMinutes> MinutesFromJson(const Json* value, MinutesKind kind);

// A source's names for the BoxStats fields.
struct StatKeys {
  std::string_view pts, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf,
      plus_minus;
};
// Absent or null stats are NULL; a stat that is present but not an integer (plus/minus: not
// a number) is an error naming it.
Result<BoxStats> ReadBoxStats(const Json& object, const StatKeys& keys);

// The NBA.com tricode of `code`, or an error naming the code and the field it came from.
Result<std::string> TeamCodeOf(std::string_view code, std::string_view field);

// Compact JSON of a record, cut to 200 bytes, for RejectRow::content.
std::string RecordContent(const Json& record);
RejectRow MakeReject(int64_t line, std::string reason, const Json& record);

// Appends a parsed row that passes CheckRow with its line, or a reject carrying the row's
// reason.
template <class Row>
void AddRowOrReject(Result<Row> row, int64_t line, const Json& record, std::vector<Row>& rows,
                    std::vector<RejectRow>& rejects) {
  if (!row) {
    rejects.push_back(MakeReject(line, row.error().message(), record));
    return;
  }
  if (Status checked = CheckRow(*row); !checked) {
    rejects.push_back(MakeReject(line, checked.error().message(), record));
    return;
  }
  row->line = line;
  rows.push_back(std::move(*row));
}

// "top-level keys a, b, c" for messages about JSON of an unknown shape.
std::string DescribeTopLevel(const Json& doc);

// NBA.com stats result set {"name", "headers", "rowSet"}: one object per row, keyed by the
// upper-cased header ("Player_ID" -> "PLAYER_ID"). A header named twice is an error: the
// second column would silently replace the first.
Result<std::vector<Json>> TableRows(const Json& result_set);

}  // namespace backcourt
