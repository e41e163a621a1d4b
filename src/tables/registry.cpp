#include "tables/registry.h"

#include <set>

#include <fmt/format.h>

#include "tables/player_availability.h"
#include "tables/game_lines.h"
#include "tables/player_game_features.h"
#include "tables/player_game_summary.h"
#include "tables/player_prop_lines.h"
#include "tables/team_defense_game_summary.h"
#include "tables/team_offense_game_summary.h"

namespace backcourt {

std::vector<std::unique_ptr<Processor>> Registry::DefaultProcessors() {
  std::vector<std::unique_ptr<Processor>> processors;
  processors.push_back(MakeTeamOffenseProcessor());
  processors.push_back(MakeTeamDefenseProcessor());
  processors.push_back(MakePlayerGameProcessor());
  // Both read season histories of the same upstream tables: each date is read once.
  auto slices = std::make_shared<HistorySlices>();
  processors.push_back(MakePlayerAvailabilityProcessor(slices));
  processors.push_back(MakePlayerFeatureProcessor(slices));
  processors.push_back(MakeGameLinesProcessor());
  processors.push_back(MakePlayerPropLinesProcessor());
  return processors;
}

Registry Registry::Default() { return Registry(DefaultProcessors()); }

const Processor* Registry::Find(std::string_view name) const {
  for (const auto& p : processors_) {
    if (p->name() == name) return p.get();
  }
  return nullptr;
}

std::vector<std::string> Registry::Names() const {
  std::vector<std::string> names;
  for (const auto& p : processors_) names.emplace_back(p->name());
  return names;
}

Result<std::vector<const Processor*>> Registry::Select(
    const std::vector<std::string>& targets) const {
  std::set<std::string_view> wanted;
  for (const std::string& t : targets) {
    const Processor* p = Find(t);
    if (p == nullptr) {
      return InvalidInput(
          fmt::format("unknown table '{}' (tables: {})", t, fmt::join(Names(), ", ")));
    }
    wanted.insert(p->name());
  }
  std::vector<const Processor*> ordered;
  for (const auto& p : processors_) {
    if (wanted.count(p->name())) ordered.push_back(p.get());
  }
  return ordered;
}

}  // namespace backcourt
