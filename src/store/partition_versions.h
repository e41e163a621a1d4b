#pragma once
// The data_version of each built (ok or partial) partition of a table over a date range: what a reader with a
// season-to-date window compares against its cache to know which dates changed.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

// For each of `tables`, in order: date -> data_version of its partitions built (ok or
// partial) in [first, last]. One query for all of them.
Result<std::vector<std::map<std::string, std::string>>> ReadOkDataVersions(
    Db& db, const std::vector<std::string_view>& tables, const std::string& first,
    const std::string& last);

}  // namespace backcourt
