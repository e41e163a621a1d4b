#include "tables/team_offense_game_summary.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "tables/formulas.h"
#include "tables/typed_output.h"

namespace backcourt {

const Table<TeamOffenseRow>& TeamOffenseTable() {
  using R = TeamOffenseRow;
  static const Table<R> table{
      "team_offense_game_summary",
      {Col("game_id", &R::game_id),
       Col("game_date", &R::game_date),
       Col("season", &R::season),
       Col("game_type", &R::game_type),
       Col("team", &R::team),
       Col("opponent", &R::opponent),
       Col("is_home", &R::is_home),
       Col("win", &R::win),
       Col("margin", &R::margin),
       Col("overtime_periods", &R::overtime_periods),
       Col("team_minutes", &R::team_minutes),
       Col("team_minutes_source", &R::team_minutes_source),
       Col("points", &R::points),
       Col("fgm", &R::fgm),
       Col("fga", &R::fga),
       Col("fg3m", &R::fg3m),
       Col("fg3a", &R::fg3a),
       Col("ftm", &R::ftm),
       Col("fta", &R::fta),
       Col("oreb", &R::oreb),
       Col("dreb", &R::dreb),
       Col("reb", &R::reb),
       Col("ast", &R::ast),
       Col("stl", &R::stl),
       Col("blk", &R::blk),
       Col("tov", &R::tov),
       Col("pf", &R::pf),
       Col("plus_minus", &R::plus_minus),
       Col("possessions", &R::possessions),
       Col("pace", &R::pace),
       Col("offensive_rating", &R::offensive_rating),
       Col("ts_pct", &R::ts_pct),
       Col("efg_pct", &R::efg_pct),
       Col("tov_basis", &R::tov_basis),
       Col("primary_source", &R::primary_source),
       Col("rebuilt_from_players", &R::rebuilt_from_players)},
      {"game_id", "team"},
      {}};
  return table;
}

namespace {

std::optional<int64_t> Sum(const std::vector<ResolvedPlayer>& players,
                           std::optional<int64_t> BoxStats::*field) {
  int64_t total = 0;
  bool any = false;
  for (const ResolvedPlayer& p : players) {
    if (p.row->status != "active") continue;
    const auto& value = p.row->stats.*field;
    if (!value) return std::nullopt;  // one player without the column: the sum is unknown
    total += *value;
    any = true;
  }
  return any ? std::optional<int64_t>(total) : std::nullopt;
}

double PlayerMinutes(const TeamSide& side) {
  double total = 0;
  for (const ResolvedPlayer& p : side.players) total += p.row->minutes.value_or(0);
  return total;
}

bool HasActivePlayers(const TeamSide& side) {
  return std::any_of(side.players.begin(), side.players.end(),
                     [](const ResolvedPlayer& p) { return p.row->status == "active"; });
}

// A team row from the team box, else rebuilt from the players (flagged).
std::optional<TeamOffenseRow> CountingStats(const TeamSide& side) {
  TeamOffenseRow row;
  if (side.box) {
    const BoxStats& s = side.box->stats;
    row.points = s.pts, row.fgm = s.fgm, row.fga = s.fga, row.fg3m = s.fg3m, row.fg3a = s.fg3a;
    row.ftm = s.ftm, row.fta = s.fta, row.oreb = s.oreb, row.dreb = s.dreb, row.reb = s.reb;
    row.ast = s.ast, row.stl = s.stl, row.blk = s.blk, row.tov = s.tov, row.pf = s.pf;
    row.plus_minus = s.plus_minus;
    row.tov_basis = side.box->tov_basis;
    row.primary_source = side.box->source;
    return row;
  }
  if (!HasActivePlayers(side)) return std::nullopt;
  row.points = Sum(side.players, &BoxStats::pts);
  row.fgm = Sum(side.players, &BoxStats::fgm);
  row.fga = Sum(side.players, &BoxStats::fga);
  row.fg3m = Sum(side.players, &BoxStats::fg3m);
  row.fg3a = Sum(side.players, &BoxStats::fg3a);
  row.ftm = Sum(side.players, &BoxStats::ftm);
  row.fta = Sum(side.players, &BoxStats::fta);
  row.oreb = Sum(side.players, &BoxStats::oreb);
  row.dreb = Sum(side.players, &BoxStats::dreb);
  row.reb = Sum(side.players, &BoxStats::reb);
  row.ast = Sum(side.players, &BoxStats::ast);
  row.stl = Sum(side.players, &BoxStats::stl);
  row.blk = Sum(side.players, &BoxStats::blk);
  row.tov = Sum(side.players, &BoxStats::tov);
  row.pf = Sum(side.players, &BoxStats::pf);
  row.tov_basis = "players";
  row.primary_source = std::string("players:") + PlayerSourceName(side.players.front().source);
  row.rebuilt_from_players = 1;
  return row;
}

// Team minutes: the team box, else the team advanced file, else the other side's (a game
// lasts as long for both), else Σ player minutes rounded to 240 + 25·k. Never a silent 240.
void SetTeamMinutes(TeamOffenseRow& row, const TeamSide& side, const TeamSide& other) {
  if (side.team_minutes) {
    row.team_minutes = side.team_minutes;
    row.team_minutes_source = side.minutes_source;
  } else if (other.team_minutes) {
    row.team_minutes = other.team_minutes;
    row.team_minutes_source = "opponent";
  } else if (PlayerMinutes(side) > 0) {
    row.team_minutes = TeamMinutesFromPlayers(PlayerMinutes(side));
    row.team_minutes_source = "players";
  }
  if (row.team_minutes) row.overtime_periods = OvertimePeriods(*row.team_minutes);
}

std::optional<PossessionInputs> PossessionSide(const TeamOffenseRow& t, const TeamOffenseRow& o) {
  if (!t.fga || !t.fgm || !t.fta || !t.oreb || !t.tov || !o.dreb) return std::nullopt;
  return PossessionInputs{static_cast<double>(*t.fga),  static_cast<double>(*t.fgm),
                          static_cast<double>(*t.fta),  static_cast<double>(*t.oreb),
                          static_cast<double>(*t.tov),  static_cast<double>(*o.dreb)};
}

void SetRates(TeamOffenseRow& row, const TeamOffenseRow& opp) {
  if (row.points && opp.points) {
    row.margin = *row.points - *opp.points;
    row.win = *row.points > *opp.points ? 1 : 0;
    if (!row.plus_minus) row.plus_minus = static_cast<double>(*row.margin);
  }
  auto mine = PossessionSide(row, opp);
  auto theirs = PossessionSide(opp, row);
  if (mine && theirs) {
    row.possessions = GamePossessions(*mine, *theirs);
    if (row.team_minutes) row.pace = Pace(*row.possessions, *row.team_minutes);
    if (row.points) row.offensive_rating = Rating(static_cast<double>(*row.points), *row.possessions);
  }
  if (row.points && row.fga && row.fta) {
    row.ts_pct = TrueShooting(static_cast<double>(*row.points), static_cast<double>(*row.fga),
                              static_cast<double>(*row.fta));
  }
  if (row.fgm && row.fg3m && row.fga) {
    row.efg_pct = EffectiveFgPct(static_cast<double>(*row.fgm), static_cast<double>(*row.fg3m),
                                 static_cast<double>(*row.fga));
  }
}

// Raw rows of the date that fit no game (no schedule row, and the source does not name both
// teams and the home side) are gaps too, one per team: every raw row reaches a table or a
// listed gap.
void UnplacedGaps(const ResolvedInputs& inputs, const std::string& game_date,
                  std::vector<PartitionGap>& gaps) {
  std::map<std::string, std::map<std::string, int64_t>> by_team;  // team -> reason -> rows
  for (const UnplacedRow& row : inputs.unplaced()) {
    if (row.game_date == game_date) by_team[row.team][row.source + ": " + row.reason]++;
  }
  for (const auto& [team, reasons] : by_team) {
    std::vector<std::string> parts;
    for (const auto& [reason, rows] : reasons) parts.push_back(fmt::format("{} ({} rows)", reason, rows));
    gaps.push_back({"", team, fmt::format("raw rows fit no game: {}", fmt::join(parts, "; "))});
  }
}

class TeamOffenseProcessor : public Processor {
 public:
  std::string_view name() const override { return "team_offense_game_summary"; }
  // 2: team minutes are always 240 + 25·k (game-log MIN sums no longer win).
  std::string_view version() const override { return "2"; }
  std::vector<std::string_view> upstreams() const override { return {}; }
  bool reads_raw() const override { return true; }
  // Complete: two rows for every final game of the date.
  Result<TableSchemaState> CheckTable(Db& db) const override {
    return CheckDerivedTable(db, TeamOffenseTable());
  }
  Result<TableSchema> EnsureTable(Db& db) const override { return EnsureDerivedTable(db, TeamOffenseTable()); }

  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                 const std::string& game_date) const override {
    std::vector<TeamOffenseRow> rows;
    std::vector<PartitionGap> gaps;
    if (const DateInputs* inputs = ctx.inputs.ForDate(game_date)) {
      for (const GameInputs& game : inputs->games) {
        if (!game.game.counts()) continue;
        if (!game.game.conflict.empty()) {
          for (const TeamSide& side : game.sides) {
            gaps.push_back({game.game.game_id, side.team, game.game.conflict});
          }
          continue;
        }
        auto home = CountingStats(game.sides[0]);
        auto away = CountingStats(game.sides[1]);
        if (!home || !away) {
          // Possessions need both sides: neither team row of the game is built.
          const std::string reason = fmt::format(
              "{} has no team box and no player rows", !home ? game.sides[0].team : game.sides[1].team);
          for (const TeamSide& side : game.sides) gaps.push_back({game.game.game_id, side.team, reason});
          continue;
        }
        std::array<TeamOffenseRow*, 2> pair = {&*home, &*away};
        for (int i = 0; i < 2; ++i) {
          TeamOffenseRow& row = *pair[i];
          const TeamSide& side = game.sides[i];
          row.game_id = game.game.game_id, row.game_date = game.game.game_date;
          row.season = game.game.season, row.game_type = game.game.game_type;
          row.team = side.team, row.opponent = side.opponent, row.is_home = side.is_home;
          SetTeamMinutes(row, side, game.sides[1 - i]);
        }
        SetRates(*home, *away);
        SetRates(*away, *home);
        rows.push_back(std::move(*home));
        rows.push_back(std::move(*away));
      }
    }
    UnplacedGaps(ctx.inputs, game_date, gaps);
    auto output = std::make_unique<TypedOutput<TeamOffenseRow>>(TeamOffenseTable(), std::move(rows));
    output->gaps = std::move(gaps);
    return std::unique_ptr<PartitionOutput>(std::move(output));
  }
};

}  // namespace

std::unique_ptr<Processor> MakeTeamOffenseProcessor() {
  return std::make_unique<TeamOffenseProcessor>();
}

}  // namespace backcourt
