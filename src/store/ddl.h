#pragma once
// The store's DDL is written once, in SQLite's words; this translates it for the connection
// that runs it. The one place the two dialects' schemas differ.
#include <string>
#include <string_view>

#include "store/connection.h"

namespace backcourt {

// `ddl` (one or more statements in SQLite's dialect) for `dialect`. For PostgreSQL:
// INTEGER PRIMARY KEY becomes an identity column (the rowid alias it is in SQLite), INTEGER
// BIGINT, REAL DOUBLE PRECISION, TEXT TEXT COLLATE "C" (SQLite compares and sorts bytes,
// whatever the server's locale), WITHOUT ROWID goes, and a table without an INTEGER PRIMARY
// KEY gets a `rowid` identity column, so ORDER BY rowid reads rows in insert order as on
// SQLite. Only uppercase keywords outside quotes are types: column names are lowercase.
std::string DialectDdl(std::string_view ddl, Dialect dialect);

// A column compared in a WHERE clause without its index: SQLite's unary "+" (the query
// planner then scans the table); PostgreSQL's planner decides alone.
std::string Unindexed(std::string_view column, Dialect dialect);

}  // namespace backcourt
