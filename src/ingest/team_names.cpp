#include "ingest/team_names.h"

#include <array>
#include <utility>

namespace backcourt {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 37> kFullNames = {{
    {"atlanta hawks", "ATL"},
    {"boston celtics", "BOS"},
    {"brooklyn nets", "BKN"},
    {"charlotte hornets", "CHA"},
    {"chicago bulls", "CHI"},
    {"cleveland cavaliers", "CLE"},
    {"dallas mavericks", "DAL"},
    {"denver nuggets", "DEN"},
    {"detroit pistons", "DET"},
    {"golden state warriors", "GSW"},
    {"houston rockets", "HOU"},
    {"indiana pacers", "IND"},
    {"la clippers", "LAC"},
    {"los angeles clippers", "LAC"},
    {"los angeles lakers", "LAL"},
    {"memphis grizzlies", "MEM"},
    {"miami heat", "MIA"},
    {"milwaukee bucks", "MIL"},
    {"minnesota timberwolves", "MIN"},
    {"new orleans pelicans", "NOP"},
    {"new york knicks", "NYK"},
    {"oklahoma city thunder", "OKC"},
    {"orlando magic", "ORL"},
    {"philadelphia 76ers", "PHI"},
    {"phoenix suns", "PHX"},
    {"portland trail blazers", "POR"},
    {"sacramento kings", "SAC"},
    {"san antonio spurs", "SAS"},
    {"toronto raptors", "TOR"},
    {"utah jazz", "UTA"},
    {"washington wizards", "WAS"},
    // Former names of current franchises.
    {"new jersey nets", "BKN"},
    {"charlotte bobcats", "CHA"},
    {"new orleans hornets", "NOP"},
    {"new orleans/oklahoma city hornets", "NOP"},
    {"seattle supersonics", "OKC"},
    {"vancouver grizzlies", "MEM"},
}};

}  // namespace

std::optional<std::string> TeamFromFullName(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  for (char c : name) {
    if (c == ' ' && (key.empty() || key.back() == ' ')) continue;
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  for (const auto& [full, tricode] : kFullNames) {
    if (key == full) return std::string(tricode);
  }
  return std::nullopt;
}

}  // namespace backcourt
