#include "validate/thresholds.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "tables/registry.h"
#include "validate/check.h"

namespace backcourt {
namespace {

// Where a value sits: "file:line: section.key", so the user can go straight to it.
std::string Where(const std::string& origin, const toml::node& node, const std::string& key) {
  const auto line = node.source().begin.line;
  return line > 0 ? fmt::format("{}:{}: {}", origin, line, key) : fmt::format("{}: {}", origin, key);
}

tl::unexpected<Error> Bad(const std::string& where, const std::string& what) {
  return InvalidInput(fmt::format("{}: {}; fix the thresholds file", where, what));
}

// The bounds a setting may take: a value outside them is a typo, not a policy.
struct Bounds {
  double lo, hi;
};

using Setter = std::function<Status(const toml::node&, const std::string& where)>;

Result<double> FiniteNumber(const toml::node& node, const std::string& where, Bounds bounds) {
  if (!node.is_number()) return Bad(where, "expected a number");
  const double value = *node.value<double>();
  if (!std::isfinite(value)) return Bad(where, "expected a finite number (not nan or inf)");
  if (value < bounds.lo || value > bounds.hi) {
    return Bad(where, fmt::format("{} is outside {}..{}", value, bounds.lo, bounds.hi));
  }
  return value;
}

Setter Number(double& out, Bounds bounds) {
  return [&out, bounds](const toml::node& node, const std::string& where) -> Status {
    BC_ASSIGN_OR_RETURN(out, FiniteNumber(node, where, bounds));
    return {};
  };
}

Setter Integer(int& out, Bounds bounds) {
  return [&out, bounds](const toml::node& node, const std::string& where) -> Status {
    if (!node.is_integer()) return Bad(where, "expected an integer");
    const int64_t value = *node.value<int64_t>();
    if (value < bounds.lo || value > bounds.hi) {
      return Bad(where, fmt::format("{} is outside {}..{}", value, bounds.lo, bounds.hi));
    }
    out = static_cast<int>(value);
    return {};
  };
}

Setter Pair(Range& out, Bounds bounds) {
  return [&out, bounds](const toml::node& node, const std::string& where) -> Status {
    const toml::array* array = node.as_array();
    if (!array || array->size() != 2) return Bad(where, "expected [low, high]");
    BC_ASSIGN_OR_RETURN(const double lo, FiniteNumber((*array)[0], where + "[0]", bounds));
    BC_ASSIGN_OR_RETURN(const double hi, FiniteNumber((*array)[1], where + "[1]", bounds));
    if (lo > hi) return Bad(where, "expected two numbers, low <= high");
    out = {lo, hi};
    return {};
  };
}

constexpr Bounds kPercent{0, 100};

std::map<std::string, std::map<std::string, Setter>> Setters(Thresholds& t) {
  return {
      {"coverage",
       {{"minutes_pct", Number(t.min_minutes_coverage_pct, kPercent)},
        {"usage_pct", Number(t.min_usage_coverage_pct, kPercent)},
        {"team_games_pct", Number(t.min_team_games_pct, kPercent)},
        {"player_team_games_pct", Number(t.min_player_team_games_pct, kPercent)}}},
      {"points_match", {{"max_mismatch_pct", Number(t.max_points_mismatch_pct, kPercent)}}},
      {"usage_share",
       {{"min", Number(t.usage_share.lo, {0, 200})},
        {"max", Number(t.usage_share.hi, {0, 200})},
        {"max_outside_pct", Number(t.max_usage_share_outside_pct, kPercent)}}},
      {"ranges",
       {{"team_points", Pair(t.team_points, {0, 400})},
        {"pace", Pair(t.pace, {0, 300})},
        {"player_minutes", Pair(t.player_minutes, {0, 100})},
        {"active_players", Pair(t.active_players, {0, 30})}}},
      {"report", {{"max_examples", Integer(t.max_examples, {0, kMaxExamplesLimit})}}},
      {"retention", {{"check_runs", Integer(t.keep_check_runs, {1, 100000})}}},
  };
}

// "table.check" of every check validation declares, for the registry's tables.
std::set<std::string> KnownCheckKeys() {
  ValidationFacts facts;
  for (const std::string& name : Registry::Default().Names()) {
    TableInfo table;
    table.name = name;
    facts.tables.push_back(std::move(table));
  }
  std::set<std::string> keys;
  for (const CheckSpec& spec : CheckCatalogue(facts)) keys.insert(spec.table + "." + spec.name);
  return keys;
}

Status ReadSeverities(const toml::table& table, const std::string& origin, Thresholds& t) {
  const std::set<std::string> known = KnownCheckKeys();
  for (auto&& [key, node] : table) {
    const std::string name(key.str());
    const std::string where = Where(origin, node, "severity." + name);
    auto value = node.value<std::string>();
    if (!value || (*value != "blocking" && *value != "warning")) {
      return Bad(where, "expected \"blocking\" or \"warning\"");
    }
    if (known.count(name) == 0) {
      return Bad(where, fmt::format("no check is called '{}' (checks: {})", name,
                                    fmt::join(known, ", ")));
    }
    t.severity[name] = *value;
  }
  return {};
}

Status Apply(const toml::table& root, const std::string& origin, Thresholds& t) {
  auto setters = Setters(t);
  for (auto&& [section, node] : root) {
    const std::string name(section.str());
    const toml::table* table = node.as_table();
    if (!table) return Bad(Where(origin, node, name), "must be a [section]");
    if (name == "severity") {
      BC_RETURN_IF_ERROR(ReadSeverities(*table, origin, t));
      continue;
    }
    auto known = setters.find(name);
    if (known == setters.end()) {
      return Bad(Where(origin, node, fmt::format("[{}]", name)),
                 fmt::format("unknown section [{}]", name));
    }
    for (auto&& [key, value] : *table) {
      auto setter = known->second.find(std::string(key.str()));
      const std::string where = Where(origin, value, fmt::format("{}.{}", name, key.str()));
      if (setter == known->second.end()) return Bad(where, "unknown key");
      BC_RETURN_IF_ERROR(setter->second(value, where));
    }
    if (name == "usage_share" && t.usage_share.lo > t.usage_share.hi) {
      return Bad(Where(origin, node, "usage_share"), "min must be <= max");
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
