#pragma once
// Teams by their full name, as the league's injury report writes them ("San Antonio Spurs",
// "LA Clippers"), to NBA.com tricodes.
#include <optional>
#include <string>
#include <string_view>

namespace backcourt {

// Exact full names (single spaces, any case), current and those of recent relocations and
// renames; nullopt for anything else (the caller rejects the row, naming the team).
std::optional<std::string> TeamFromFullName(std::string_view name);

}  // namespace backcourt
