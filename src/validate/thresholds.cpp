#include "validate/thresholds.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <fstream>
#include <functional>
#include <sstream>

namespace backcourt {
namespace {

using Setter = std::function<Status(const toml::node&, const std::string& where)>;

Status Bad(const std::string& where, const std::string& what) {
  return InvalidInput(fmt::format("{}: {}", where, what));
}

Setter Number(double& out) {
  return [&out](const toml::node& node, const std::string& where) -> Status {
    auto value = node.value<double>();
    if (!value) return Bad(where, "expected a number");
    out = *value;
    return {};
  };
}

Setter Integer(int& out) {
  return [&out](const toml::node& node, const std::string& where) -> Status {
    auto value = node.value<int64_t>();
    if (!value || *value < 0) return Bad(where, "expected a non-negative integer");
    out = static_cast<int>(*value);
    return {};
  };
}

Setter Pair(Range& out) {
  return [&out](const toml::node& node, const std::string& where) -> Status {
    const toml::array* array = node.as_array();
    if (!array || array->size() != 2) return Bad(where, "expected [low, high]");
    auto lo = (*array)[0].value<double>();
    auto hi = (*array)[1].value<double>();
    if (!lo || !hi || *lo > *hi) return Bad(where, "expected two numbers, low <= high");
    out = {*lo, *hi};
    return {};
  };
}

std::map<std::string, std::map<std::string, Setter>> Setters(Thresholds& t) {
  return {
      {"coverage",
       {{"minutes_pct", Number(t.min_minutes_coverage_pct)},
        {"usage_pct", Number(t.min_usage_coverage_pct)},
        {"team_games_pct", Number(t.min_team_games_pct)},
        {"player_team_games_pct", Number(t.min_player_team_games_pct)}}},
      {"points_match", {{"max_mismatch_pct", Number(t.max_points_mismatch_pct)}}},
      {"usage_share",
       {{"min", Number(t.usage_share.lo)},
        {"max", Number(t.usage_share.hi)},
        {"max_outside_pct", Number(t.max_usage_share_outside_pct)}}},
      {"ranges",
       {{"team_points", Pair(t.team_points)},
        {"pace", Pair(t.pace)},
        {"player_minutes", Pair(t.player_minutes)},
        {"active_players", Pair(t.active_players)}}},
      {"report", {{"max_examples", Integer(t.max_examples)}}},
  };
}

Status ReadSeverities(const toml::table& table, const std::string& origin, Thresholds& t) {
  for (auto&& [key, node] : table) {
    const std::string where = fmt::format("{}: severity.{}", origin, key.str());
    auto value = node.value<std::string>();
    if (!value || (*value != "blocking" && *value != "warning")) {
      return Bad(where, "expected \"blocking\" or \"warning\"");
    }
    t.severity[std::string(key.str())] = *value;
  }
  return {};
}

Status Apply(const toml::table& root, const std::string& origin, Thresholds& t) {
  auto setters = Setters(t);
  for (auto&& [section, node] : root) {
    const std::string name(section.str());
    const toml::table* table = node.as_table();
    if (!table) return Bad(origin, fmt::format("'{}' must be a [section]", name));
    if (name == "severity") {
      BC_RETURN_IF_ERROR(ReadSeverities(*table, origin, t));
      continue;
    }
    auto known = setters.find(name);
    if (known == setters.end()) return Bad(origin, fmt::format("unknown section [{}]", name));
    for (auto&& [key, value] : *table) {
      auto setter = known->second.find(std::string(key.str()));
      const std::string where = fmt::format("{}: {}.{}", origin, name, key.str());
      if (setter == known->second.end()) return Bad(where, "unknown key");
      BC_RETURN_IF_ERROR(setter->second(value, where));
    }
  }
  return {};
}

}  // namespace

void MakeStrict(Thresholds& t) {
  t.min_team_games_pct = t.min_player_team_games_pct = 100.0;
  t.min_minutes_coverage_pct = t.min_usage_coverage_pct = 100.0;
  t.share_includes_every_game = true;
}

Result<Thresholds> ParseThresholds(const std::string& toml_text, const std::string& origin) {
  Thresholds thresholds;
  try {
    const toml::table root = toml::parse(toml_text, origin);
    BC_RETURN_IF_ERROR(Apply(root, origin, thresholds));
  } catch (const toml::parse_error& e) {
    return InvalidInput(fmt::format("{}:{}: {}", origin, e.source().begin.line, e.description()));
  }
  return thresholds;
}

Result<Thresholds> LoadThresholds(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorKind::kNotFound, fmt::format("{}: cannot read thresholds file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseThresholds(text.str(), path);
}

}  // namespace backcourt
