#pragma once
// What the three betting-line readers share: prices (American, as every row stores them),
// capture times, bookmaker keys, the markets kept, and the checks a line must pass.
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ingest/raw_rows.h"
#include "ingest/reader.h"

namespace backcourt {

inline constexpr std::string_view kMarketPlayerPoints = "player_points";
inline constexpr std::string_view kMarketSpreads = "spreads";
inline constexpr std::string_view kMarketTotals = "totals";
inline constexpr std::string_view kMarketH2h = "h2h";
// Key of ParsedFile::skipped for the records of a market that is not kept.
std::string SkippedMarketKey(std::string_view market);

// An American price: |A| >= 100 (100 and -100 are both even money), at most 1,000,000 (the
// pick'em files hold -100000). Anything else is an error naming `what`.
Result<double> CheckAmericanPrice(double price, std::string_view what);
// A decimal price d > 1 (at most 10,001), converted: d >= 2 gives +100·(d−1), else −100/(d−1).
Result<double> AmericanFromDecimal(double price, std::string_view what);
// A CSV cell holding an American price ("-115.0", "+150", "116"); empty -> nullopt.
Result<std::optional<double>> ParseAmericanCell(std::string_view cell, std::string_view column);

// A tip or capture time as canonical UTC, or an error naming `what` and the text.
Result<std::string> ParseTimeText(std::string_view text, std::string_view what);
// The US Eastern date of a canonical UTC time (the game date of a tip-off).
std::string GameDateOfTip(const std::string& utc);

// Capture time of a file's rows when the rows themselves carry none: raw_YYYYMMDD_HHMMSS in
// the file name (UTC), else InputFile::captured_at (--captured-at), else none.
struct Capture {
  std::optional<std::string> at;
  std::string basis = kCaptureNone;
};
Capture FileCapture(const InputFile& file);
// "raw_20251021_170000.csv" -> "2025-10-21T17:00:00Z"; nullopt for any other name.
std::optional<std::string> CaptureTimeOfFileName(std::string_view path);

// Bookmaker keys are lower case ASCII, trimmed: "PrizePicks" -> "prizepicks".
std::string BookmakerKey(std::string_view name);

// A prop line: known player name (valid UTF-8, at most kMaxNameBytes), a point 0..150, at least
// one price, home != away, a game date in an NBA season.
Status CheckPropLine(const PropLineRow& row);
// A game line: spreads |point| <= 60, totals 100..400, h2h without a point, at least one
// price or point, home != away, a game date in an NBA season.
Status CheckGameLine(const GameLineRow& row);
Status CheckOddsEvent(const OddsEventRow& row);

}  // namespace backcourt
