#pragma once
// How a gap propagates downstream, game by game (DESIGN.md §5): a team-game missing upstream
// is a gap of the same team-game downstream, with the upstream named in the reason.
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "store/partition_store.h"

namespace backcourt {

class UpstreamGaps {
 public:
  static Result<UpstreamGaps> Read(Db& db, std::string_view upstream, const std::string& game_date);
  // The upstream's gap covering (game_id, team) — its own team-game or the whole game — or
  // nullptr when the upstream built it.
  const PartitionGap* Find(const std::string& game_id, const std::string& team) const;
  // The downstream gap of (game_id, team): "upstream <table>: <reason>" when the upstream
  // has a gap there, else `otherwise`.
  PartitionGap For(const std::string& game_id, const std::string& team,
                   const std::string& otherwise) const;

 private:
  std::string upstream_;
  std::vector<PartitionGap> gaps_;
};

}  // namespace backcourt
