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
// "00"/"0:00"/"0" parse as 0 minutes with did_not_play set (ApplyPlayed, ingest/played.h,
// decides with the comment and the stats whether it is a DNP). Seconds >= 60, negatives, and
// values above the kind's maximum are errors.
Result<ParsedMinutes> ParseMinutes(std::string_view text, MinutesKind kind = MinutesKind::kPlayer);
// Numbers given as JSON numbers.
Result<ParsedMinutes> MinutesFromNumber(double value, MinutesKind kind = MinutesKind::kPlayer);

// A player's minutes given twice, as NBA.com playergamelogs do: MIN, decimal
// ("20.066666666666666"), and MIN_SEC, "MM:SS" printed from it as floor(MIN) minutes and
// MIN's seconds rounded ("20:04"; 30.9917 prints as "30:60"). Both must parse, MIN_SEC as
// digits "M:SS" with SS at most 60, and agree: |MM·60 + SS − MIN·60| <= 0.5 s (the rounding),
// both blank for a player who did not play. Otherwise an error naming both values. The value
// is MIN_SEC's (ParseMinutes), or MIN's when MIN_SEC is the carry "MM:60".
Result<ParsedMinutes> ParseMinutesGivenTwice(std::string_view min, std::string_view min_sec);

}  // namespace backcourt
