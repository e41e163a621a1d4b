#pragma once
// The PostgreSQL connection behind Db (libpq): statements prepared once per SQL text per
// connection, results in text format, bulk inserts through COPY FROM STDIN.
#include <memory>
#include <string>

#include "store/connection.h"

namespace backcourt {

// Connects to `target` (a postgresql:// URL or a libpq key=value string; the password from
// it, PGPASSWORD or ~/.pgpass). `read_only`: every transaction of the session is read-only.
Result<std::unique_ptr<Connection>> OpenPostgres(const std::string& target, bool read_only);

}  // namespace backcourt
