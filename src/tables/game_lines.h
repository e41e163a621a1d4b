#pragma once
// game_lines: the consensus closing spread and total of each final game, PK (game_id), from
// the betting-line snapshots captured before tip (tables/market_lines.h).
#include <memory>

#include "tables/processor.h"

namespace backcourt {

std::unique_ptr<Processor> MakeGameLinesProcessor();

}  // namespace backcourt
