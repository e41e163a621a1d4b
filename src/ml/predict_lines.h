#pragma once
// predict against the market: each player's consensus points line (player_prop_lines when
// the date is built, else LinesForDate from the raw snapshots before tip), the edge and the
// side OVER/UNDER/PASS by a minimum edge, with the best price for that side and its book.
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/db.h"
#include "tables/market_lines.h"

namespace backcourt {

inline constexpr const char* kSideOver = "OVER";
inline constexpr const char* kSideUnder = "UNDER";
inline constexpr const char* kSidePass = "PASS";

struct LinePick {
  std::optional<PropLine> line;  // the consensus row; nullopt: the player has no line
  std::optional<double> edge;    // prediction − line
  std::string side = kSidePass;  // OVER when edge >= min_edge, UNDER when edge <= −min_edge
  std::optional<double> price;   // best American price for the side (none for PASS)
  std::optional<std::string> book;
};

// The side a prediction takes against a line (pure).
LinePick PickSide(double prediction, const std::optional<PropLine>& line, double min_edge);

// The consensus lines of a date: from player_prop_lines when its partition of the date is
// built, else computed from the raw snapshots (LinesForDate).
Result<std::vector<PropLine>> ConsensusLinesForDate(Db& db, const std::string& game_date);

}  // namespace backcourt
