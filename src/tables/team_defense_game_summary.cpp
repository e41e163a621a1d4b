#include "tables/team_defense_game_summary.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "tables/formulas.h"
#include "tables/upstream_gaps.h"
#include "tables/team_offense_game_summary.h"
#include "tables/typed_output.h"

namespace backcourt {

const Table<TeamDefenseRow>& TeamDefenseTable() {
  using R = TeamDefenseRow;
  static const Table<R> table{
      "team_defense_game_summary",
      {Col("game_id", &R::game_id),         Col("game_date", &R::game_date),
       Col("season", &R::season),           Col("game_type", &R::game_type),
       Col("team", &R::team),               Col("opponent", &R::opponent),
       Col("is_home", &R::is_home),         Col("team_minutes", &R::team_minutes),
       Col("opp_points", &R::opp_points),   Col("opp_fgm", &R::opp_fgm),
       Col("opp_fga", &R::opp_fga),         Col("opp_fg3m", &R::opp_fg3m),
       Col("opp_fg3a", &R::opp_fg3a),       Col("opp_ftm", &R::opp_ftm),
       Col("opp_fta", &R::opp_fta),         Col("opp_oreb", &R::opp_oreb),
       Col("opp_dreb", &R::opp_dreb),       Col("opp_reb", &R::opp_reb),
       Col("opp_ast", &R::opp_ast),         Col("opp_tov", &R::opp_tov),
       Col("opp_pf", &R::opp_pf),           Col("possessions", &R::possessions),
       Col("defensive_rating", &R::defensive_rating), Col("pace", &R::pace),
       Col("opp_ts_pct", &R::opp_ts_pct),   Col("opp_efg_pct", &R::opp_efg_pct),
       Col("stl", &R::stl),                 Col("blk", &R::blk),
       Col("dreb", &R::dreb)},
      {"game_id", "team"},
      {}};
  return table;
}

namespace {

TeamDefenseRow Defense(const TeamOffenseRow& own, const TeamOffenseRow& opp) {
  TeamDefenseRow row;
  row.game_id = own.game_id, row.game_date = own.game_date, row.season = own.season;
  row.game_type = own.game_type, row.team = own.team, row.opponent = own.opponent;
  row.is_home = own.is_home, row.team_minutes = own.team_minutes;
  row.opp_points = opp.points, row.opp_fgm = opp.fgm, row.opp_fga = opp.fga;
  row.opp_fg3m = opp.fg3m, row.opp_fg3a = opp.fg3a, row.opp_ftm = opp.ftm, row.opp_fta = opp.fta;
  row.opp_oreb = opp.oreb, row.opp_dreb = opp.dreb, row.opp_reb = opp.reb, row.opp_ast = opp.ast;
  row.opp_tov = opp.tov, row.opp_pf = opp.pf;
  row.possessions = own.possessions, row.pace = own.pace;
  if (own.possessions && opp.points) {
    row.defensive_rating = Rating(static_cast<double>(*opp.points), *own.possessions);
  }
  row.opp_ts_pct = opp.ts_pct, row.opp_efg_pct = opp.efg_pct;
  row.stl = own.stl, row.blk = own.blk, row.dreb = own.dreb;
  return row;
}

class TeamDefenseProcessor : public Processor {
 public:
  std::string_view name() const override { return "team_defense_game_summary"; }
  std::string_view version() const override { return "1"; }
  std::vector<std::string_view> upstreams() const override { return {"team_offense_game_summary"}; }
  // Reads the schedule: a partition is complete with two rows for each final game.
  bool reads_raw() const override { return true; }
  Result<TableSchemaState> CheckTable(Db& db) const override {
    return CheckDerivedTable(db, TeamDefenseTable());
  }
  Result<TableSchema> EnsureTable(Db& db) const override { return EnsureDerivedTable(db, TeamDefenseTable()); }

  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                 const std::string& game_date) const override {
    BC_ASSIGN_OR_RETURN(auto offense, ReadPartitionRows(ctx.db, TeamOffenseTable(), game_date));
    std::map<std::pair<std::string, std::string>, const TeamOffenseRow*> by_key;
    for (const TeamOffenseRow& row : offense) by_key[{row.game_id, row.team}] = &row;
    BC_ASSIGN_OR_RETURN(UpstreamGaps upstream,
                        UpstreamGaps::Read(ctx.db, TeamOffenseTable().name, game_date));
    std::vector<TeamDefenseRow> rows;
    std::set<std::pair<std::string, std::string>> built;
    for (const TeamOffenseRow& own : offense) {
      auto opp = by_key.find({own.game_id, own.opponent});
      if (opp == by_key.end()) continue;
      rows.push_back(Defense(own, *opp->second));
      built.insert({own.game_id, own.team});
    }
    auto output = std::make_unique<TypedOutput<TeamDefenseRow>>(TeamDefenseTable(), std::move(rows));
    // Completeness against the schedule: two rows for each final game of the date.
    if (const DateInputs* inputs = ctx.inputs.ForDate(game_date)) {
      for (const GameInputs& game : inputs->games) {
        if (!game.game.built()) continue;  // a conflicting game is a gap of team offense only
        for (const TeamSide& side : game.sides) {
          if (built.count({game.game.game_id, side.team})) continue;
          output->gaps.push_back(upstream.For(game.game.game_id, side.team,
                                              "no offense row for the team or its opponent"));
        }
      }
    }
    return std::unique_ptr<PartitionOutput>(std::move(output));
  }
};

}  // namespace

std::unique_ptr<Processor> MakeTeamDefenseProcessor() {
  return std::make_unique<TeamDefenseProcessor>();
}

}  // namespace backcourt
