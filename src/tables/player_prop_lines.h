#pragma once
// player_prop_lines: each book's main points line per player-game and a consensus row, PK
// (game_id, player_key, bookmaker), from the snapshots captured before tip
// (tables/market_lines.h).
#include <memory>

#include "tables/processor.h"

namespace backcourt {

std::unique_ptr<Processor> MakePlayerPropLinesProcessor();

}  // namespace backcourt
