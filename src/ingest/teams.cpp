#include "ingest/teams.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/text.h"

namespace backcourt {
namespace {

constexpr std::array<std::string_view, 30> kTricodes = {
    "ATL", "BOS", "BKN", "CHA", "CHI", "CLE", "DAL", "DEN", "DET", "GSW",
    "HOU", "IND", "LAC", "LAL", "MEM", "MIA", "MIL", "MIN", "NOP", "NYK",
    "OKC", "ORL", "PHI", "PHX", "POR", "SAC", "SAS", "TOR", "UTA", "WAS"};

// Other sites' codes and historical codes, mapped to the franchise's current tricode.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kAliases = {{
    {"BRK", "BKN"}, {"CHO", "CHA"}, {"PHO", "PHX"}, {"NJN", "BKN"}, {"SEA", "OKC"},
    {"VAN", "MEM"}, {"NOH", "NOP"}, {"NOK", "NOP"}, {"CHH", "CHA"}, {"GS", "GSW"},
    {"NY", "NYK"},  {"SA", "SAS"},  {"NO", "NOP"},  {"UTAH", "UTA"}, {"WSH", "WAS"},
    {"CHB", "CHA"},
}};

// Full names, current and former, mapped like the codes to the franchise's current tricode.
constexpr std::array<std::pair<std::string_view, std::string_view>, 41> kFullNames = {{
    {"Atlanta Hawks", "ATL"},
    {"Boston Celtics", "BOS"},
    {"Brooklyn Nets", "BKN"},
    {"Charlotte Hornets", "CHA"},
    {"Chicago Bulls", "CHI"},
    {"Cleveland Cavaliers", "CLE"},
    {"Dallas Mavericks", "DAL"},
    {"Denver Nuggets", "DEN"},
    {"Detroit Pistons", "DET"},
    {"Golden State Warriors", "GSW"},
    {"Houston Rockets", "HOU"},
    {"Indiana Pacers", "IND"},
    {"Los Angeles Clippers", "LAC"},
    {"LA Clippers", "LAC"},
    {"Los Angeles Lakers", "LAL"},
    {"LA Lakers", "LAL"},
    {"Memphis Grizzlies", "MEM"},
    {"Miami Heat", "MIA"},
    {"Milwaukee Bucks", "MIL"},
    {"Minnesota Timberwolves", "MIN"},
    {"New Orleans Pelicans", "NOP"},
    {"New York Knicks", "NYK"},
    {"Oklahoma City Thunder", "OKC"},
    {"Orlando Magic", "ORL"},
    {"Philadelphia 76ers", "PHI"},
    {"Phoenix Suns", "PHX"},
    {"Portland Trail Blazers", "POR"},
    {"Sacramento Kings", "SAC"},
    {"San Antonio Spurs", "SAS"},
    {"Toronto Raptors", "TOR"},
    {"Utah Jazz", "UTA"},
    {"Washington Wizards", "WAS"},
    {"New Jersey Nets", "BKN"},
    {"Charlotte Bobcats", "CHA"},
    {"New Orleans Hornets", "NOP"},
    {"New Orleans/Oklahoma City Hornets", "NOP"},
    {"Seattle SuperSonics", "OKC"},
    {"Vancouver Grizzlies", "MEM"},
    {"Washington Bullets", "WAS"},
    {"Kansas City Kings", "SAC"},
    {"San Diego Clippers", "LAC"},
}};

// `s` trimmed, with each run of inner spaces folded to one ("  golden  STATE warriors ").
std::string FoldSpaces(std::string_view s) {
  std::string folded;
  folded.reserve(s.size());
  for (char c : Trim(s)) {
    if (c == ' ' && !folded.empty() && folded.back() == ' ') continue;
    folded.push_back(c);
  }
  return folded;
}

// Codes are 2 to 4 bytes and every team cell is looked up: compared inline, since a call to
// memcmp per candidate was most of the lookup.
bool SameCode(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> NormalizeTeam(std::string_view raw) {
  const std::string_view code = Trim(raw);
  for (std::string_view tricode : kTricodes) {
    if (SameCode(code, tricode)) return std::string(tricode);
  }
  for (const auto& [alias, tricode] : kAliases) {
    if (SameCode(code, alias)) return std::string(tricode);
  }
  return std::nullopt;
}

std::optional<std::string> NormalizeTeamName(std::string_view raw) {
  const std::string name = FoldSpaces(raw);
  for (const auto& [full, tricode] : kFullNames) {
    if (EqualsIgnoreCase(name, full)) return std::string(tricode);
  }
  if (name.size() > 4) return std::nullopt;
  std::string upper(name);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return NormalizeTeam(upper);
}

Result<Matchup> ParseMatchup(std::string_view matchup) {
  const std::string_view text = Trim(matchup);
  bool is_home = true;
  size_t sep = text.find(" vs. ");
  size_t sep_len = 5;
  if (sep == std::string_view::npos) {
    sep = text.find(" @ ");
    sep_len = 3;
    is_home = false;
  }
  if (sep == std::string_view::npos) {
    return InvalidInput(fmt::format("MATCHUP '{}' is not 'TEAM vs. OPP' or 'TEAM @ OPP'", text));
  }
  Matchup parsed;
  parsed.is_home = is_home;
  for (auto [code, out] : {std::pair(text.substr(0, sep), &parsed.team),
                           std::pair(text.substr(sep + sep_len), &parsed.opponent)}) {
    auto team = NormalizeTeam(code);
    if (!team) return InvalidInput(fmt::format("unknown team code '{}' in MATCHUP", Trim(code)));
    *out = std::move(*team);
  }
  return parsed;
}

std::string GameTypeFromGameId(std::string_view game_id) {
  if (game_id.size() != 10) return "";
  const std::string_view prefix = game_id.substr(0, 3);
  if (prefix == "001") return "preseason";
  if (prefix == "002") return "regular_season";
  if (prefix == "003") return "all_star";
  if (prefix == "004") return "playoffs";
  if (prefix == "005") return "play_in";
  if (prefix == "006") return "cup_final";
  return "";
}

std::optional<Season> SeasonOfGameId(std::string_view game_id) {
  if (game_id.size() != 10 || !game_id.starts_with("00")) return std::nullopt;
  for (char c : game_id) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const int yy = (game_id[3] - '0') * 10 + (game_id[4] - '0');
  return Season(yy >= 46 ? 1900 + yy : 2000 + yy);
}

std::optional<std::string> NormalizeGameId(std::string_view raw) {
  const std::string_view text = Trim(raw);
  if (text.empty() || text.size() > 10) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::string(10 - text.size(), '0') + std::string(text);
}

Result<std::string> ParseGameId(std::string_view field, std::string_view text) {
  if (auto game_id = NormalizeGameId(text)) return *game_id;
  if (Trim(text).empty()) return InvalidInput(fmt::format("missing {}", field));
  return InvalidInput(fmt::format("invalid {} '{}'", field, Trim(text)));
}

}  // namespace backcourt
