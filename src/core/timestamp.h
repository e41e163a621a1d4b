#pragma once
// Instants as seconds since 1970-01-01T00:00:00Z, printed as ISO-8601 UTC
// "YYYY-MM-DDTHH:MM:SSZ": that one spelling sorts as text in time order, so SQL can compare
// a capture time with a tip-off time as strings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace backcourt {

// "2024-01-25T03:55:40Z", with optional fractional seconds (dropped), seconds optional
// ("2025-10-21T17:00Z"), a space instead of the "T", and "Z", "+00:00", "+0000" or any other
// UTC offset ("-05:00" is five hours behind UTC). Without an offset the text is refused:
// a local time of unknown zone is no capture time.
std::optional<int64_t> ParseUtcTimestamp(std::string_view text);

// The canonical spelling, "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatUtcTimestamp(int64_t seconds);

// The US Eastern calendar date of an instant (the NBA's game date of a tip-off), with US
// daylight-saving rules: since 2007 from the second Sunday of March to the first Sunday of
// November, before that from the first Sunday of April to the last Sunday of October, both
// switching at 02:00 local time.
Date UsEasternDate(int64_t seconds);

}  // namespace backcourt
