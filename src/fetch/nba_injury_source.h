#pragma once
// The league's official injury reports (PDF), published several times a day at fixed times
// under ak-static.cms.nba.com/referee/injury/: Injury-Report_YYYY-MM-DD_HHPM.pdf (hourly),
// and since the 2025-26 season also Injury-Report_YYYY-MM-DD_HH_MMPM.pdf (every 15 minutes).
// Every slot of a date is asked for; a slot the league did not publish (404/403) is skipped.
#include <memory>
#include <string>
#include <vector>

#include "core/date.h"
#include "fetch/source.h"

namespace backcourt {

// `base_url` defaults to BACKCOURT_NBA_INJURY_URL or
// https://ak-static.cms.nba.com/referee/injury.
std::unique_ptr<Source> MakeNbaInjurySource(std::string base_url);

// The report file names of a US date, in time order: hourly (both patterns' hourly form)
// and, from 2025-10-01 on, quarter-hourly in the ..._HH_MMPM form.
std::vector<std::string> InjuryReportFileNames(Date date);

}  // namespace backcourt
