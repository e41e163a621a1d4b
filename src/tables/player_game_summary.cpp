#include "tables/player_game_summary.h"

#include <map>

#include <fmt/format.h>

#include "tables/formulas.h"
#include "tables/inputs.h"
#include "tables/upstream_gaps.h"
#include "tables/team_offense_game_summary.h"
#include "tables/typed_output.h"

namespace backcourt {

const Table<PlayerGameRow>& PlayerGameTable() {
  using R = PlayerGameRow;
  static const Table<R> table{
      "player_game_summary",
      {Col("game_id", &R::game_id),       Col("game_date", &R::game_date),
       Col("season", &R::season),         Col("player_key", &R::player_key),
       Col("player_id", &R::player_id),   Col("player_name", &R::player_name),
       Col("team", &R::team),             Col("opponent", &R::opponent),
       Col("is_home", &R::is_home),       Col("status", &R::status),
       Col("dnp_reason", &R::dnp_reason), Col("starter", &R::starter),
       Col("minutes_played", &R::minutes_played), Col("points", &R::points),
       Col("fgm", &R::fgm),               Col("fga", &R::fga),
       Col("fg3m", &R::fg3m),             Col("fg3a", &R::fg3a),
       Col("ftm", &R::ftm),               Col("fta", &R::fta),
       Col("oreb", &R::oreb),             Col("dreb", &R::dreb),
       Col("reb", &R::reb),               Col("ast", &R::ast),
       Col("stl", &R::stl),               Col("blk", &R::blk),
       Col("tov", &R::tov),               Col("pf", &R::pf),
       Col("plus_minus", &R::plus_minus), Col("usage_rate", &R::usage_rate),
       Col("ts_pct", &R::ts_pct),         Col("efg_pct", &R::efg_pct),
       Col("shooting_provided", &R::shooting_provided),
       Col("primary_source", &R::primary_source), Col("team_minutes", &R::team_minutes)},
      {"game_id", "player_key"},
      {}};
  return table;
}

namespace {

double D(const std::optional<int64_t>& v) { return static_cast<double>(*v); }

PlayerGameRow FromSource(const Game& game, const TeamSide& side, const ResolvedPlayer& p) {
  const PlayerBoxRow& src = *p.row;
  const BoxStats& s = src.stats;
  PlayerGameRow row;
  row.game_id = game.game_id, row.game_date = game.game_date, row.season = game.season;
  row.player_key = p.player_key, row.player_id = src.player_id;
  if (!row.player_id && !IsNameKey(p.player_key)) {
    row.player_id = std::stoll(p.player_key);  // resolved through another source
  }
  row.player_name = src.player_name, row.team = side.team, row.opponent = side.opponent;
  row.is_home = side.is_home, row.status = src.status, row.dnp_reason = src.dnp_reason;
  row.starter = src.starter, row.minutes_played = src.minutes;
  row.points = s.pts, row.fgm = s.fgm, row.fga = s.fga, row.fg3m = s.fg3m, row.fg3a = s.fg3a;
  row.ftm = s.ftm, row.fta = s.fta, row.oreb = s.oreb, row.dreb = s.dreb, row.reb = s.reb;
  if (!row.reb && s.oreb && s.dreb) row.reb = *s.oreb + *s.dreb;
  row.ast = s.ast, row.stl = s.stl, row.blk = s.blk, row.tov = s.tov, row.pf = s.pf;
  row.plus_minus = s.plus_minus;
  row.shooting_provided = src.has_shooting;
  row.primary_source = PlayerSourceName(p.source);
  if (src.has_shooting && s.pts && s.fga && s.fta) row.ts_pct = TrueShooting(D(s.pts), D(s.fga), D(s.fta));
  if (src.has_shooting && s.fgm && s.fg3m && s.fga) row.efg_pct = EffectiveFgPct(D(s.fgm), D(s.fg3m), D(s.fga));
  return row;
}

void SetUsage(PlayerGameRow& row, const PlayerBoxRow& src, const TeamOffenseRow& team) {
  row.team_minutes = team.team_minutes;
  const BoxStats& s = src.stats;
  if (!src.has_shooting || !src.minutes || !s.fga || !s.fta || !s.tov) return;
  if (!team.fga || !team.fta || !team.tov || !team.team_minutes) return;
  row.usage_rate = UsageRate(D(s.fga), D(s.fta), D(s.tov), *src.minutes, D(team.fga),
                             D(team.fta), D(team.tov), *team.team_minutes);
}

class PlayerGameProcessor : public Processor {
 public:
  std::string_view name() const override { return "player_game_summary"; }
  std::string_view version() const override { return "2"; }
  std::vector<std::string_view> upstreams() const override { return {"team_offense_game_summary"}; }
  bool reads_raw() const override { return true; }
  // Complete: active player rows for both teams of every final game of the date.
  Result<TableSchemaState> CheckTable(Db& db) const override {
    return CheckDerivedTable(db, PlayerGameTable());
  }
  Result<TableSchema> EnsureTable(Db& db) const override { return EnsureDerivedTable(db, PlayerGameTable()); }

  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                 const std::string& game_date) const override {
    BC_ASSIGN_OR_RETURN(auto teams, ReadPartitionRows(ctx.db, TeamOffenseTable(), game_date));
    std::map<std::pair<std::string, std::string>, const TeamOffenseRow*> team_rows;
    for (const TeamOffenseRow& t : teams) team_rows[{t.game_id, t.team}] = &t;
    BC_ASSIGN_OR_RETURN(UpstreamGaps upstream,
                        UpstreamGaps::Read(ctx.db, TeamOffenseTable().name, game_date));
    std::vector<PlayerGameRow> rows;
    std::vector<PartitionGap> gaps;
    if (const DateInputs* inputs = ctx.inputs.ForDate(game_date)) {
      for (const GameInputs& game : inputs->games) {
        if (!game.game.built()) continue;  // a conflicting game is a gap of team offense only
        for (const TeamSide& side : game.sides) {
          auto team = team_rows.find({game.game.game_id, side.team});
          // Usage needs the team's row: without it the team-game is a gap, not NULL usage.
          if (team == team_rows.end()) {
            gaps.push_back(upstream.For(game.game.game_id, side.team, "no team offense row"));
            continue;
          }
          size_t active = 0;
          for (const ResolvedPlayer& p : side.players) {
            PlayerGameRow row = FromSource(game.game, side, p);
            SetUsage(row, *p.row, *team->second);
            active += row.status == "active" ? 1 : 0;
            rows.push_back(std::move(row));
          }
          if (active > 0) continue;
          gaps.push_back({game.game.game_id, side.team,
                          side.players.empty()
                              ? "no player rows in any ingested source"
                              : fmt::format("no active player rows ({} listed as not playing)",
                                            side.players.size())});
        }
      }
    }
    auto output = std::make_unique<TypedOutput<PlayerGameRow>>(PlayerGameTable(), std::move(rows));
    output->gaps = std::move(gaps);
    return std::unique_ptr<PartitionOutput>(std::move(output));
  }
};

}  // namespace

std::unique_ptr<Processor> MakePlayerGameProcessor() {
  return std::make_unique<PlayerGameProcessor>();
}

}  // namespace backcourt
