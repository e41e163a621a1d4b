#pragma once
// Player name keys: how name-only sources are matched to NBA.com player ids.
#include <string>
#include <string_view>

namespace backcourt {

// Lower case ASCII, diacritics folded (UTF-8 Latin-1/Latin Extended-A letters), punctuation
// removed, suffixes Jr./Sr./II/III/IV dropped, single spaces: "Luka Dončić" -> "luka doncic",
// "Jaren Jackson Jr." -> "jaren jackson", "P.J. Washington" -> "pj washington".
std::string NormalizePlayerName(std::string_view name);

}  // namespace backcourt
