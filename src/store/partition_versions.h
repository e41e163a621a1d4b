#pragma once
// The data_version of each built (ok or partial) partition of a table over a date range: what a reader with a
// season-to-date window compares against its cache to know which dates changed.
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

// date -> data_version for partitions of `table` built (ok or partial) in [first, last].
Result<std::map<std::string, std::string>> ReadOkDataVersions(Db& db, std::string_view table,
                                                              const std::string& first,
                                                              const std::string& last);

}  // namespace backcourt
