#pragma once
// The text PostgreSQL and backcourt exchange: targets with their passwords hidden, SQL with
// SQLite's `?` parameters, values in text format (parameters, results, COPY rows).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace backcourt {

// `target` with any password replaced by ***: the userinfo password of a URL, a password=
// query parameter, or a password key of a key=value string. Messages name a database only
// through this.
std::string RedactPostgresTarget(std::string_view target);

// SQL with `?` and `?N` parameters rewritten to `$N` (a bare `?` is one more than the
// largest number before it, as in SQLite); quoted literals, quoted identifiers and comments
// are left alone. `parameters` gets the largest number used.
std::string RewriteParameters(std::string_view sql, int& parameters);

// A double in the shortest text that reads back to the same bits (Infinity, -Infinity, NaN
// as PostgreSQL spells them).
std::string FormatDouble(double value);
// Values as PostgreSQL prints them: integers, booleans (t, f: 1, 0), doubles; an integer
// read from a fractional value is truncated, as SQLite does.
int64_t ParseInt(std::string_view text);
double ParseDouble(std::string_view text);

// Appends `value` to a COPY text-format row: backslash, tab, newline and carriage return
// escaped. NULL is written as \N by the caller.
void AppendCopyValue(std::string& row, std::string_view value);

}  // namespace backcourt
