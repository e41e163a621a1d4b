#pragma once
// The SQLite connection behind Db: WAL mode, a busy timeout, statements prepared once per
// connection and kept for reuse.
#include <memory>
#include <string>

#include "store/connection.h"

namespace backcourt {

// Opens (creating) the file; ":memory:" works.
Result<std::unique_ptr<Connection>> OpenSqlite(const std::string& path);
// Opens an existing file read-only; in a folder it cannot write, as immutable.
Result<std::unique_ptr<Connection>> OpenSqliteReadOnly(const std::string& path);

}  // namespace backcourt
