#include "ingest/nba_stats_json_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "core/season.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

constexpr StatKeys kTableKeys = {"PTS",  "FGM", "FGA", "FG3M", "FG3A", "FTM", "FTA", "OREB",
                                 "DREB", "REB", "AST", "STL",  "BLK",  "TOV", "PF",  "PLUS_MINUS"};

// Older v2 responses write minutes as "240.000000:00"; the fraction is always zero.
const Json* MinutesField(const Json& row, std::string_view key, Json& cleaned) {
  const Json* value = FindField(row, key);
  if (value == nullptr || !value->is_string()) return value;
  const std::string& text = value->get_ref<const std::string&>();
  const size_t dot = text.find(".000000:");
  if (dot == std::string::npos) return value;
  cleaned = text.substr(0, dot) + text.substr(dot + 7);
  return &cleaned;
}

bool HasAnyHeader(const Json& result_set, std::string_view alternatives) {
  for (size_t start = 0; start <= alternatives.size();) {
    const size_t bar = std::min(alternatives.find('|', start), alternatives.size());
    if (HasHeader(result_set, alternatives.substr(start, bar - start))) return true;
    start = bar + 1;
  }
  return false;
}

}  // namespace

Result<BoxStats> TableStats(const Json& row) {
  StatKeys keys = kTableKeys;
  if (FindField(row, "TOV") == nullptr && FindField(row, "TO") != nullptr) keys.tov = "TO";
  return ReadBoxStats(row, keys);
}

Result<std::string> GameIdOf(const Json& row, std::string_view key) {
  return ParseGameId(key, OptString(row, key));
}

Result<ParsedMinutes> MinutesOf(const Json& row, std::string_view key, MinutesKind kind) {
  Json cleaned;
  return MinutesFromJson(MinutesField(row, key, cleaned), kind);
}

std::string SeasonLabelOfGame(std::string_view game_id, std::string_view game_date) {
  if (const auto season = SeasonOfGameId(game_id)) return season->label();
  const auto season = Season::OfIso(game_date);
  return season ? season->label() : "";
}

bool HasHeader(const Json& result_set, std::string_view wanted) {
  const Json* headers = FindField(result_set, "headers");
  if (headers == nullptr || !headers->is_array()) return false;
  return std::any_of(headers->begin(), headers->end(), [&](const Json& h) {
    if (!h.is_string()) return false;
    const std::string& name = h.get_ref<const std::string&>();
    return std::equal(
        name.begin(), name.end(), wanted.begin(), wanted.end(),
        [](unsigned char a, unsigned char b) { return std::toupper(a) == std::toupper(b); });
  });
}

Status RequireHeaders(const Json& result_set, std::initializer_list<std::string_view> names,
                      std::span<const std::string_view> more) {
  std::vector<std::string> missing;
  for (std::string_view name : names) {
    if (!HasAnyHeader(result_set, name)) missing.emplace_back(name);
  }
  for (std::string_view name : more) {
    if (!HasAnyHeader(result_set, name)) missing.emplace_back(name);
  }
  if (missing.empty()) return {};
  return InvalidInput(fmt::format("result set '{}' lacks headers: {}",
                                  OptString(result_set, "name"), fmt::join(missing, ", ")));
}

}  // namespace backcourt
