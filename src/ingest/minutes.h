#pragma once
// Strict minutes parsing for every format of DESIGN.md §2. An unparseable value is an error
// with a reason (the caller rejects the row), never a silent NULL.
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace backcourt {

struct ParsedMinutes {
  std::optional<double> minutes;  // NULL: the source says the player did not play
  bool did_not_play = false;      // "", "-", null, "00", "0:00"
};

enum class MinutesKind {
  kPlayer,  // at most 70
  kTeam,    // "240:00", "265:00": at most 400
};

// Accepts "MM:SS", "MMM:SS", "PT34M12.00S", "28", "29.01666667". "" and "-" mean did not play;
// "00"/"0:00"/"0" parse as 0 minutes with did_not_play set (the caller decides with the
// comment whether it is a DNP). Seconds >= 60, negatives, and values above the kind's
// maximum are errors.
Result<ParsedMinutes> ParseMinutes(std::string_view text, MinutesKind kind = MinutesKind::kPlayer);
// Numbers given as JSON numbers.
Result<ParsedMinutes> MinutesFromNumber(double value, MinutesKind kind = MinutesKind::kPlayer);

}  // namespace backcourt
