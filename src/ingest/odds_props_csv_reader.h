#pragma once
// odds-props-csv: player prop lines flattened to CSV, in two shapes.
//  - Book snapshots (The Odds API flattened): event_id, player, market, line, bookmaker, game
//    ("Away Team @ Home Team"), game_time (the tip, UTC), over_odds, under_odds (American;
//    either may be empty). One row per player, book and point (alternate lines are rows too).
//  - Pick'em lines (PrizePicks, Underdog): player, market, bookmaker, side (Over/Under), line,
//    price (a fixed payout, not a real price), home_team, away_team, game_id (The Odds API
//    event id), commence_time. The two sides of a line pair into one row (an Over joins the
//    first earlier row of its key without one), line_kind "pickem".
// Markets other than player_points are counted in ParsedFile::skipped. Capture time: a
// captured_at (or timestamp) column, else the file name raw_YYYYMMDD_HHMMSS, else
// --captured-at, else none (such a line can grade, never feed a feature).
#include <string_view>

#include "ingest/reader.h"

namespace backcourt {

class OddsPropsCsvReader : public Reader {
 public:
  static constexpr std::string_view kFormat = "odds-props-csv";
  std::string_view format() const override { return kFormat; }
  // The columns of either shape.
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
