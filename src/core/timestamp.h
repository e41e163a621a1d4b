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

// US Eastern time, with the US daylight-saving rules: since 2007 EDT (UTC-4) runs from the
// second Sunday of March to the first Sunday of November; from 1987 to 2006 (and, for want of
// a better rule, before) from the first Sunday of April to the last Sunday of October; both
// switching at 02:00 local time. Otherwise EST (UTC-5).

// The Eastern calendar date of an instant (the NBA's game date of a tip-off).
Date UsEasternDate(int64_t seconds);

// The instant of an Eastern wall-clock time (the injury report's title, its tip times):
// `minutes` after midnight of `date`. The hour that does not exist in spring and the hour that
// occurs twice in autumn are both read as EDT: reports and tips are never published at those
// hours.
int64_t UsEasternToUnixSeconds(Date date, int minutes);

}  // namespace backcourt
