#include "tables/market_lines.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/date.h"
#include "core/season.h"
#include "store/derived_store.h"
#include "store/raw_store.h"
#include "tables/line_picks.h"

namespace backcourt {

const Table<GameLine>& GameLinesTable() {
  using R = GameLine;
  static const Table<R> table{
      "game_lines",
      {Col("game_id", &R::game_id), Col("game_date", &R::game_date), Col("season", &R::season),
       Col("home_team", &R::home_team), Col("away_team", &R::away_team),
       Col("spread_home", &R::spread_home), Col("total", &R::total),
       Col("home_implied", &R::home_implied), Col("away_implied", &R::away_implied),
       Col("books_spread", &R::books_spread), Col("books_total", &R::books_total),
       Col("captured_at", &R::captured_at), Col("source", &R::source)},
      {"game_id"},
      {}};
  return table;
}

const Table<PropLine>& PropLinesTable() {
  using R = PropLine;
  static const Table<R> table{
      "player_prop_lines",
      {Col("game_id", &R::game_id), Col("game_date", &R::game_date), Col("season", &R::season),
       Col("player_key", &R::player_key), Col("player_name", &R::player_name),
       Col("team", &R::team), Col("bookmaker", &R::bookmaker), Col("line_kind", &R::line_kind),
       Col("line", &R::line), Col("over_price", &R::over_price),
       Col("under_price", &R::under_price), Col("over_book", &R::over_book),
       Col("under_book", &R::under_book), Col("alternates", &R::alternates),
       Col("books", &R::books), Col("captured_at", &R::captured_at), Col("resolved", &R::resolved)},
      {"game_id", "player_key", "bookmaker"},
      {}};
  return table;
}

Result<RawLines> LoadRawLines(Db& db, const std::string& game_date) {
  RawStore raw(db);
  RawLines lines;
  BC_ASSIGN_OR_RETURN(lines.events, raw.LoadOddsEvents(game_date, game_date));
  BC_ASSIGN_OR_RETURN(lines.props, raw.LoadPropLines(game_date, game_date));
  BC_ASSIGN_OR_RETURN(lines.games, raw.LoadGameLines(game_date, game_date));
  return lines;
}

namespace {

struct Match {
  const Game* game = nullptr;
  bool swapped = false;  // the source's home team is the game's away team
};

// The games of a date by (date, home, away), and each game's tip: the earliest commence_time
// any row of it gives (an in-play feed moves it to the real tip; the earliest is the safe one).
class GameIndex {
 public:
  GameIndex(const std::vector<const Game*>& games, const RawLines& raw) {
    for (const Game* g : games) by_teams_[{g->game_date, g->home_team, g->away_team}] = g;
    for (const OddsEventRow& e : raw.events) NoteTip(e, e.commence_time);
    for (const PropLineRow& p : raw.props) NoteTip(p, p.commence_time);
    for (const GameLineRow& l : raw.games) NoteTip(l, l.commence_time.value_or(""));
  }
  template <class Row>
  Match Find(const Row& row) const {
    if (auto it = by_teams_.find({row.game_date, row.home_team, row.away_team});
        it != by_teams_.end()) {
      return {it->second, false};
    }
    if (auto it = by_teams_.find({row.game_date, row.away_team, row.home_team});
        it != by_teams_.end()) {
      return {it->second, true};
    }
    return {};
  }
  // A tip no row gives is taken as 15:00 UTC of the game date (10 or 11 a.m. Eastern), earlier
  // than any NBA tip: a timed snapshot then counts only when captured before it.
  std::string Tip(const Game& game) const {
    auto it = tips_.find(game.game_id);
    return it != tips_.end() ? it->second : game.game_date + "T15:00:00Z";
  }

 private:
  template <class Row>
  void NoteTip(const Row& row, const std::string& tip) {
    if (tip.empty()) return;
    const Match m = Find(row);
    if (m.game == nullptr) return;
    auto [it, added] = tips_.emplace(m.game->game_id, tip);
    if (!added && tip < it->second) it->second = tip;
  }
  std::map<std::tuple<std::string, std::string, std::string>, const Game*> by_teams_;
  std::map<std::string, std::string> tips_;
};

std::optional<std::string> Latest(const std::optional<std::string>& a,
                                  const std::optional<std::string>& b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

void GapFor(const Game& game, const char* what, std::vector<PartitionGap>* gaps) {
  if (gaps == nullptr) return;
  gaps->push_back(
      {game.game_id, "",
       fmt::format("{} listed, but none captured before tip (in-play or untimed)", what)});
}

// ---- game_lines

struct BookMarketRows {
  std::vector<const GameLineRow*> rows;
  bool swapped = false;
};

// One book's main point of one market from its last pre-tip snapshot (spreads: home side).
std::optional<double> BookPoint(const BookMarketRows& book, const std::string& tip,
                                std::optional<std::string>& captured_at) {
  // "closing" rows carry no time by nature: the last line before tip.
  std::vector<const GameLineRow*> usable;
  bool closing = false;
  for (const GameLineRow* r : book.rows) {
    if (!r->point || (!r->captured_at && r->capture_basis != kCaptureClosing)) continue;
    usable.push_back(r);
    closing = closing || r->capture_basis == kCaptureClosing;
  }
  const auto snapshot = LastSnapshotBeforeTip(usable, tip, closing);
  if (snapshot.empty()) return std::nullopt;
  std::vector<PricedLine> lines;
  for (const GameLineRow* r : snapshot) {
    const bool spread = r->market == "spreads";
    PricedLine l{*r->point, spread ? r->home_price : r->over_price,
                 spread ? r->away_price : r->under_price};
    if (spread && book.swapped) l = {-l.point, l.under, l.over};
    lines.push_back(l);
  }
  captured_at = snapshot.front()->captured_at;
  return lines[MainLineIndex(lines)].point;
}

}  // namespace

std::vector<GameLine> BuildGameLines(const std::vector<const Game*>& games, const RawLines& raw,
                                     std::vector<PartitionGap>* gaps) {
  const GameIndex index(games, raw);
  // game_id -> market -> bookmaker -> rows
  std::map<std::string, std::map<std::string, std::map<std::string, BookMarketRows>>> rows;
  std::map<std::string, std::set<std::string>> sources_of;  // bookmaker -> formats
  for (const GameLineRow& r : raw.games) {
    if (r.market != "spreads" && r.market != "totals") continue;
    const Match m = index.Find(r);
    if (m.game == nullptr) continue;
    BookMarketRows& book = rows[m.game->game_id][r.market][r.bookmaker];
    book.rows.push_back(&r);
    book.swapped = m.swapped;
    sources_of[r.bookmaker].insert(r.source);
  }
  std::vector<GameLine> out;
  for (const Game* game : games) {
    auto it = rows.find(game->game_id);
    if (it == rows.end()) continue;
    const std::string tip = index.Tip(*game);
    GameLine line;
    line.game_id = game->game_id, line.game_date = game->game_date, line.season = game->season;
    line.home_team = game->home_team, line.away_team = game->away_team;
    std::set<std::string> sources;
    for (const auto& [market, books] : it->second) {
      std::vector<double> points;
      for (const auto& [book, book_rows] : books) {
        std::optional<std::string> at;
        if (auto point = BookPoint(book_rows, tip, at)) {
          points.push_back(*point);
          line.captured_at = Latest(line.captured_at, at);
          for (const std::string& format : sources_of[book]) sources.insert(format + ":" + book);
        }
      }
      (market == "spreads" ? line.spread_home : line.total) = Median(points);
      (market == "spreads" ? line.books_spread : line.books_total) =
          static_cast<int64_t>(points.size());
    }
    if (!line.spread_home && !line.total) {
      GapFor(*game, "game lines", gaps);
      continue;
    }
    if (line.spread_home && line.total) {
      const ImpliedTotals implied = ImpliedTeamTotals(*line.total, *line.spread_home);
      line.home_implied = implied.home, line.away_implied = implied.away;
    }
    line.source = fmt::format("{}", fmt::join(sources, ","));
    out.push_back(std::move(line));
  }
  std::sort(out.begin(), out.end(),
            [](const GameLine& a, const GameLine& b) { return a.game_id < b.game_id; });
  return out;
}

namespace {

// ---- player_prop_lines

struct PlayerBook {
  const Game* game = nullptr;
  NamedPlayer player;
  std::vector<const PropLineRow*> rows;  // every snapshot
};

// One book's row from its last pre-tip snapshot of the player-game; nullopt when none counts.
std::optional<PropLine> BookRow(const PlayerBook& pb, const std::string& tip, BookLine& book) {
  const auto snapshot = LastSnapshotBeforeTip(pb.rows, tip, /*allow_untimed=*/true);
  if (snapshot.empty()) return std::nullopt;
  for (const PropLineRow* r : snapshot)
    book.listed.push_back({r->point, r->over_price, r->under_price});
  // Duplicate rows of one snapshot (a source listing a line twice) are one line.
  std::sort(book.listed.begin(), book.listed.end(), [](const PricedLine& a, const PricedLine& b) {
    return std::tie(a.point, a.over, a.under) < std::tie(b.point, b.over, b.under);
  });
  const PropLineRow& first = *snapshot.front();
  book.book = first.bookmaker;
  book.main = book.listed[MainLineIndex(book.listed)];
  const Game& g = *pb.game;
  PropLine row{g.game_id,
               g.game_date,
               g.season,
               pb.player.player_key,
               first.player_name,
               pb.player.team,
               first.bookmaker,
               first.line_kind,
               book.main.point,
               book.main.over,
               book.main.under,
               first.bookmaker,
               first.bookmaker,
               AlternateCount(book.listed, book.main.point),
               1,
               first.captured_at,
               pb.player.resolved ? 1 : 0};
  if (!row.over_price) row.over_book.reset();
  if (!row.under_price) row.under_book.reset();
  return row;
}

// The consensus row of a player-game from its book rows: real-price books when any exist,
// else pick'em.
PropLine ConsensusRow(const std::vector<std::pair<PropLine, BookLine>>& books) {
  const bool any_real = std::any_of(books.begin(), books.end(),
                                    [](const auto& b) { return b.first.line_kind == "book"; });
  const std::string kind = any_real ? "book" : "pickem";
  std::vector<BookLine> lines;
  PropLine row;
  for (const auto& [book_row, line] : books) {
    if (book_row.line_kind != kind) continue;
    if (lines.empty()) row = book_row;
    lines.push_back(line);
    row.captured_at = Latest(row.captured_at, book_row.captured_at);
  }
  const ConsensusLine c = ConsensusOf(lines);
  row.bookmaker = kConsensusBook;
  row.line_kind = kind;
  row.line = c.line;
  row.over_price = c.over_price, row.under_price = c.under_price;
  row.over_book = c.over_book, row.under_book = c.under_book;
  row.alternates.reset();
  row.books = c.books;
  return row;
}

}  // namespace

std::vector<PropLine> BuildPropLines(const std::vector<const Game*>& games,
                                     const ResolvedInputs& inputs, const RawLines& raw,
                                     std::vector<PartitionGap>* gaps) {
  const GameIndex index(games, raw);
  // (game_id, player_key) -> bookmaker -> rows. Two spellings of one player join.
  std::map<std::pair<std::string, std::string>, std::map<std::string, PlayerBook>> by_player;
  std::map<std::pair<std::string, std::string>, NamedPlayer> names;  // (game_id, name_key)
  std::set<std::string> lined_games;
  for (const PropLineRow& r : raw.props) {
    if (r.market != "player_points") continue;
    const Match m = index.Find(r);
    if (m.game == nullptr) continue;
    auto [name, added] = names.try_emplace({m.game->game_id, r.name_key});
    if (added) name->second = inputs.ResolveName(r.name_key, *m.game);
    PlayerBook& pb = by_player[{m.game->game_id, name->second.player_key}][r.bookmaker];
    pb.game = m.game;
    pb.player = name->second;
    pb.rows.push_back(&r);
    lined_games.insert(m.game->game_id);
  }
  std::map<std::string, std::string> tips;
  for (const Game* g : games) tips[g->game_id] = index.Tip(*g);
  std::vector<PropLine> out;
  std::set<std::string> built_games;
  for (const auto& [key, books] : by_player) {
    std::vector<std::pair<PropLine, BookLine>> rows;
    for (const auto& [bookmaker, pb] : books) {
      BookLine line;
      if (auto row = BookRow(pb, tips.at(key.first), line)) rows.emplace_back(*row, line);
    }
    if (rows.empty()) continue;
    built_games.insert(key.first);
    out.push_back(ConsensusRow(rows));
    for (auto& [row, line] : rows) out.push_back(std::move(row));
  }
  for (const Game* g : games) {
    if (lined_games.count(g->game_id) && !built_games.count(g->game_id)) {
      GapFor(*g, "player points lines", gaps);
    }
  }
  std::sort(out.begin(), out.end(), [](const PropLine& a, const PropLine& b) {
    return std::tie(a.game_id, a.player_key, a.bookmaker) <
           std::tie(b.game_id, b.player_key, b.bookmaker);
  });
  return out;
}

Result<std::vector<GameLine>> ReadGameLines(Db& db, const std::string& first,
                                            const std::string& last) {
  // Not built yet: no lines (one catalog lookup: features read the lines of every date).
  BC_ASSIGN_OR_RETURN(bool exists, db.TableExists(GameLinesTable().name));
  if (!exists) return std::vector<GameLine>{};
  return ReadDateRange(db, GameLinesTable(), first, last);
}

Result<std::vector<PropLine>> ReadConsensusPropLines(Db& db, const std::string& first,
                                                     const std::string& last,
                                                     const std::string& book) {
  BC_ASSIGN_OR_RETURN(bool exists, db.TableExists(PropLinesTable().name));
  if (!exists) return std::vector<PropLine>{};
  BC_ASSIGN_OR_RETURN(auto rows, ReadDateRange(db, PropLinesTable(), first, last));
  const std::string wanted = book.empty() ? kConsensusBook : book;
  std::erase_if(rows, [&](const PropLine& r) { return r.bookmaker != wanted; });
  return rows;
}

Result<MarketLines> LinesForDate(Db& db, const std::string& game_date) {
  const auto date = Date::ParseIso(game_date);
  if (!date) return InvalidInput("not a date: " + game_date);
  // The season holding the date: names resolve within it.
  const Season season = Season::Of(*date);
  const std::string first = season.first().ToIso(), last = season.last().ToIso();
  RawStore store(db);
  BC_ASSIGN_OR_RETURN(auto schedule, store.LoadSchedule(first, last));
  BC_ASSIGN_OR_RETURN(auto team_box, store.LoadTeamBox(first, last));
  BC_ASSIGN_OR_RETURN(auto player_box, store.LoadPlayerBox(first, last));
  const ResolvedInputs inputs =
      ResolvedInputs::Build(std::move(schedule), std::move(team_box), std::move(player_box));
  std::vector<const Game*> games;
  if (const DateInputs* day = inputs.ForDate(game_date)) {
    for (const GameInputs& g : day->games) {
      if (g.game.status != kStatusPostponed && g.game.status != kStatusCancelled) {
        games.push_back(&g.game);
      }
    }
  }
  BC_ASSIGN_OR_RETURN(RawLines raw, LoadRawLines(db, game_date));
  MarketLines lines;
  lines.games = BuildGameLines(games, raw, nullptr);
  lines.props = BuildPropLines(games, inputs, raw, nullptr);
  return lines;
}

}  // namespace backcourt
