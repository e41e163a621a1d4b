#pragma once
// Moving a store: every backcourt table of one database (SQLite or PostgreSQL) written into
// another, empty one, in one transaction, then checked row for row by count and partition
// for partition by data_version.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"

namespace backcourt {

struct CopiedTable {
  std::string table;
  int64_t rows = 0;
};

struct CopyResult {
  std::vector<CopiedTable> tables;
  std::vector<std::string> skipped;  // the source's tables backcourt does not know
  int64_t partitions = 0;            // partition records whose data_version was compared
};

// `from` is read only (a current backcourt schema); `to` is migrated and holds no rows. A
// derived table the destination lacks is made from the definition the source recorded.
// `progress` is told each table once it is copied. On any error nothing is written to `to`.
Result<CopyResult> CopyStore(Db& from, Db& to,
                             const std::function<void(const CopiedTable&)>& progress = {});

}  // namespace backcourt
