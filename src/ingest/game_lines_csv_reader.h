#pragma once
// game-lines-csv: one closing line per game, in two shapes.
//  - Per-game betting history (season, date, away, home, ..., whos_favored, spread, total,
//    moneyline_away, moneyline_home, ...): `spread` is the favourite's margin (positive),
//    `whos_favored` home or away; lower-case short team codes ("gs", "utah", "wsh").
//    Bookmaker "closing" (one line of unnamed origin).
//  - Consensus closing lines (date, home, away, spread_home, total): spread_home < 0 means the
//    home team is favoured. Bookmaker "consensus".
// Each game gives up to three GameLineRows: spreads (point = the home team's spread), totals,
// and h2h when moneylines are given; an empty spread or total gives no row of that market.
// Both sources are closing lines without a capture time: capture_basis "closing" (or
// "option" with --captured-at).
#include <string_view>

#include "ingest/reader.h"

namespace backcourt {

class GameLinesCsvReader : public Reader {
 public:
  static constexpr std::string_view kFormat = "game-lines-csv";
  std::string_view format() const override { return kFormat; }
  // date, home, away and total, with whos_favored and spread or with spread_home.
  bool Detect(const InputFile& file) const override;
  Result<ParsedFile> Read(const InputFile& file) const override;
};

}  // namespace backcourt
