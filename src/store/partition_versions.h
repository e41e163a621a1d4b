#pragma once
// The data_version of each built (ok or partial) partition of some tables over a date range:
// what a reader with a season-to-date window compares against its cache to know which dates
// changed.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

// Calls `fn(date, table, version)` for each partition of `tables` built (ok or partial) and
// dated in [first, last], in date order; `table` is its index in `tables`; the views are
// valid for the call only. One query for all of them.
Status ForEachOkDataVersion(
    Db& db, const std::vector<std::string_view>& tables, const std::string& first,
    const std::string& last,
    const std::function<void(std::string_view date, size_t table, std::string_view version)>& fn);

}  // namespace backcourt
