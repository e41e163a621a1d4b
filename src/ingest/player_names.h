#pragma once
// Player name keys: how name-only sources are matched to NBA.com player ids.
#include <string>
#include <string_view>
#include <vector>

namespace backcourt {

// Lower case ASCII, diacritics folded (UTF-8 Latin-1/Latin Extended-A letters), punctuation
// removed, suffixes Jr./Sr./II/III/IV dropped, single spaces: "Luka Dončić" -> "luka doncic",
// "Jaren Jackson Jr." -> "jaren jackson", "P.J. Washington" -> "pj washington".
std::string NormalizePlayerName(std::string_view name);

// Other spellings of a normalised name whose first name is a known short or long form
// ("herb jones" -> "herbert jones", "nicolas claxton" -> "nic claxton", "moe wagner" ->
// "moritz wagner"): tried only when a name does not resolve as written, and accepted only
// when a variant names exactly one player. Empty when the first name has no other form.
std::vector<std::string> FirstNameVariants(std::string_view name_key);

}  // namespace backcourt
