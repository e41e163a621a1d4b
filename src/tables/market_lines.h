#pragma once
// The betting markets of a game date (DESIGN.md §3): `game_lines` (consensus spread and total
// per game, implied team totals) and `player_prop_lines` (each book's main points line per
// player-game, plus a 'consensus' row), built from the raw snapshots captured strictly before
// tip. The two processors (game_lines.h, player_prop_lines.h) and LinesForDate (dates not built
// yet: predict on today's games) share the builders below, so they give the same lines.
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/raw_rows.h"
#include "store/db.h"
#include "store/partition_store.h"
#include "store/table.h"
#include "tables/inputs.h"

namespace backcourt {

inline constexpr const char* kConsensusBook = "consensus";

// A row of game_lines, PK (game_id). NULL where a market is missing.
struct GameLine {
  std::string game_id, game_date, season, home_team, away_team;
  std::optional<double> spread_home;   // median of books' last pre-tip home spread (< 0: home favoured)
  std::optional<double> total;         // median of books' last pre-tip total
  std::optional<double> home_implied;  // total/2 − spread_home/2
  std::optional<double> away_implied;  // total/2 + spread_home/2
  int64_t books_spread = 0, books_total = 0;
  std::optional<std::string> captured_at;  // latest snapshot used; NULL for closing-only sources
  std::string source;                      // "<format>:<book>" of the books used, comma-separated
};

// A row of player_prop_lines, PK (game_id, player_key, bookmaker).
struct PropLine {
  std::string game_id, game_date, season, player_key, player_name;
  std::optional<std::string> team;  // tricode, NULL when unknown
  std::string bookmaker;            // a book key, or kConsensusBook
  std::string line_kind;            // "book" (real prices) or "pickem" (fixed payout)
  double line = 0;                  // main line; consensus: median of the books' main lines
  std::optional<double> over_price, under_price;  // American; consensus: best over / under
  std::optional<std::string> over_book, under_book;
  std::optional<int64_t> alternates;  // other lines the book listed; consensus: NULL
  int64_t books = 1;                  // consensus: number of books
  std::optional<std::string> captured_at;  // snapshot used; NULL when the source has no time
  int64_t resolved = 0;  // 1: player_key is an NBA.com id; 0: "name:<normalised>"
};

const Table<GameLine>& GameLinesTable();
const Table<PropLine>& PropLinesTable();

struct MarketLines {
  std::vector<GameLine> games;  // by game_id
  std::vector<PropLine> props;  // by game_id, player_key, bookmaker (consensus rows included)
};

// The raw betting rows of a date (every snapshot).
struct RawLines {
  std::vector<OddsEventRow> events;
  std::vector<PropLineRow> props;
  std::vector<GameLineRow> games;
};
Result<RawLines> LoadRawLines(Db& db, const std::string& game_date);

// Builders shared by the processors and LinesForDate. A line belongs to a game of `games` by
// its game date and teams (home/away as given, or swapped: the spread is then turned to the
// game's home side); its tip is the earliest commence_time any row gives for the game. A game
// that has line rows but none usable (all captured at or after tip) is listed in `gaps`.
std::vector<GameLine> BuildGameLines(const std::vector<const Game*>& games, const RawLines& raw,
                                     std::vector<PartitionGap>* gaps);
std::vector<PropLine> BuildPropLines(const std::vector<const Game*>& games,
                                     const ResolvedInputs& inputs, const RawLines& raw,
                                     std::vector<PartitionGap>* gaps);

// game_lines rows dated within [first, last].
Result<std::vector<GameLine>> ReadGameLines(Db& db, const std::string& first,
                                            const std::string& last);
// player_prop_lines consensus rows dated within [first, last]; with `book`, that book's rows.
Result<std::vector<PropLine>> ReadConsensusPropLines(Db& db, const std::string& first,
                                                     const std::string& last,
                                                     const std::string& book = "");

// The lines of every schedule game of a date (not postponed or cancelled) from the raw
// snapshots before tip, with the same builders as the tables: for dates not built yet.
Result<MarketLines> LinesForDate(Db& db, const std::string& game_date);

}  // namespace backcourt
