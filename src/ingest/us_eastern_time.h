#pragma once
// US Eastern wall-clock times (the injury report's title, its tip times) as UTC instants.
// The offset follows the US daylight-saving rules: since 2007 EDT runs from the second Sunday
// of March to the first Sunday of November; from 1987 to 2006 (and, for want of a better rule,
// before) from the first Sunday of April to the last Sunday of October, changing at 02:00
// local time. The hour that does not exist in spring and the hour that occurs twice in autumn
// are both read as EDT: reports and tips are never published at those hours.
#include <cstdint>
#include <string>

#include "core/date.h"

namespace backcourt {

// Seconds since 1970-01-01T00:00:00Z of `minutes` after midnight of `date`, Eastern time.
int64_t UsEasternToUnixSeconds(Date date, int minutes);
// True when daylight-saving time (EDT, UTC-4) applies at that wall-clock time.
bool IsUsEasternDaylightTime(Date date, int minutes);
// "2024-01-04T17:30:00Z".
std::string FormatUtcIso(int64_t unix_seconds);

}  // namespace backcourt
