#include "tables/upstream_gaps.h"

#include <fmt/format.h>

namespace backcourt {

Result<UpstreamGaps> UpstreamGaps::Read(Db& db, std::string_view upstream,
                                        const std::string& game_date) {
  UpstreamGaps gaps;
  gaps.upstream_ = std::string(upstream);
  BC_ASSIGN_OR_RETURN(gaps.gaps_, PartitionStore(db).Gaps(gaps.upstream_, game_date));
  return gaps;
}

const PartitionGap* UpstreamGaps::Find(const std::string& game_id, const std::string& team) const {
  for (const PartitionGap& gap : gaps_) {
    if (gap.game_id == game_id && (gap.team == team || gap.team.empty())) return &gap;
  }
  return nullptr;
}

PartitionGap UpstreamGaps::For(const std::string& game_id, const std::string& team,
                               const std::string& otherwise) const {
  const PartitionGap* upstream = Find(game_id, team);
  if (upstream == nullptr) return {game_id, team, otherwise};
  return {game_id, team, fmt::format("upstream {}: {}", upstream_, upstream->reason)};
}

}  // namespace backcourt
