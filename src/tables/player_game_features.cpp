#include "tables/player_game_features.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "core/date.h"
#include "tables/availability_features.h"
#include "tables/player_availability.h"
#include "tables/line_features.h"
#include "tables/player_feature_calc.h"
#include "tables/player_game_summary.h"
#include "tables/team_offense_game_summary.h"
#include "tables/typed_output.h"

namespace backcourt {

const std::vector<FeatureColumn>& PlayerFeatureColumns() {
  using R = PlayerFeatureRow;
  static const std::vector<FeatureColumn> columns = {
      {"is_home", &R::is_home},
      {"games_played_season", &R::games_played_season},
      {"pts_avg_last5", &R::pts_avg_last5},
      {"pts_avg_last10", &R::pts_avg_last10},
      {"pts_avg_season", &R::pts_avg_season},
      {"min_avg_last5", &R::min_avg_last5},
      {"min_avg_last10", &R::min_avg_last10},
      {"min_avg_season", &R::min_avg_season},
      {"reb_avg_last5", &R::reb_avg_last5},
      {"reb_avg_last10", &R::reb_avg_last10},
      {"reb_avg_season", &R::reb_avg_season},
      {"ast_avg_last5", &R::ast_avg_last5},
      {"ast_avg_last10", &R::ast_avg_last10},
      {"ast_avg_season", &R::ast_avg_season},
      {"pts_std_last10", &R::pts_std_last10},
      {"usage_avg_last10", &R::usage_avg_last10},
      {"ts_avg_last10", &R::ts_avg_last10},
      {"min_trend", &R::min_trend},
      {"days_rest", &R::days_rest},
      {"back_to_back", &R::back_to_back},
      {"games_in_last_7_days", &R::games_in_last_7_days},
      {"team_pace_last10", &R::team_pace_last10},
      {"team_ortg_last10", &R::team_ortg_last10},
      {"opp_drtg_last10", &R::opp_drtg_last10},
      {"opp_pace_last10", &R::opp_pace_last10},
      {"pts_last1", &R::pts_last1},
      {"min_last1", &R::min_last1},
      {"pts_per_min_last10", &R::pts_per_min_last10},
      {"team_games_since_played", &R::team_games_since_played},
      {"pts_median_last10", &R::pts_median_last10},
      {"pts_ewma", &R::pts_ewma},
      {"min_ewma", &R::min_ewma},
      {"pts_share_last10", &R::pts_share_last10},
      {"team_missing_pts", &R::team_missing_pts},
      {"game_total", &R::game_total, FeatureGroup::kGameLines},
      {"team_spread", &R::team_spread, FeatureGroup::kGameLines},
      {"implied_team_total", &R::implied_team_total, FeatureGroup::kGameLines},
      {"implied_vs_recent", &R::implied_vs_recent, FeatureGroup::kGameLines},
      {"player_line", &R::player_line, FeatureGroup::kPlayerLine},
      // Availability, grouped at the end (availability_features.h).
      {"avail_rotation_out", &R::avail_rotation_out},
      {"avail_out_pts", &R::avail_out_pts},
      {"avail_out_min", &R::avail_out_min},
      {"avail_out_share_last10", &R::avail_out_share_last10},
      {"avail_top_scorer_out", &R::avail_top_scorer_out},
      {"avail_scoring_rank", &R::avail_scoring_rank},
      {"avail_returning_regulars", &R::avail_returning_regulars},
      {"opp_avail_rotation_out", &R::opp_avail_rotation_out},
      {"opp_avail_out_pts", &R::opp_avail_out_pts},
      {"opp_avail_top_scorer_out", &R::opp_avail_top_scorer_out},
  };
  return columns;
}

bool IsAvailabilityFeature(std::string_view name) {
  return name.starts_with("avail_") || name.starts_with("opp_avail_");
}

const Table<PlayerFeatureRow>& PlayerFeatureTable() {
  using R = PlayerFeatureRow;
  static const Table<R> table = [] {
    std::vector<Field<R>> fields = {
        Col("game_id", &R::game_id),     Col("game_date", &R::game_date),
        Col("season", &R::season),       Col("player_key", &R::player_key),
        Col("player_name", &R::player_name), Col("team", &R::team),
        Col("opponent", &R::opponent)};
    for (const FeatureColumn& c : PlayerFeatureColumns()) fields.push_back(Col(c.name, c.member));
    fields.push_back(Col("history_games_missing", &R::history_games_missing));
    fields.push_back(Col("avail_from_report", &R::avail_from_report));
    fields.push_back(Col("target_points", &R::target_points));
    fields.push_back(Col("target_minutes", &R::target_minutes));
    return Table<R>{"player_game_features", std::move(fields), {"game_id", "player_key"}, {}};
  }();
  return table;
}

namespace {

// The out-list of each game of the date as player_availability has it: status 'out', from the
// last pre-tip report, or derived from the box scores where the team-game had none.
Result<std::map<std::string, GameOutList>> ReadOutLists(Db& db, const std::string& game_date) {
  BC_ASSIGN_OR_RETURN(auto rows, ReadPartitionRows(db, PlayerAvailabilityTable(), game_date));
  std::map<std::string, GameOutList> lists;
  for (const PlayerAvailabilityRow& r : rows) {
    GameOutList& list = lists[r.game_id];
    if (r.status == kInjuryOut) list.out.insert(r.player_key);
    bool& from_report = list.from_report[r.team];
    from_report = from_report || r.derived == 0;
  }
  return lists;
}

FeatureSubject SubjectOf(const PlayerGameRow& row) {
  FeatureSubject s{row.game_id, row.game_date, row.season, row.player_key,
                   row.player_name, row.team, row.opponent, row.is_home != 0, {}, {}};
  if (row.points) s.points = static_cast<double>(*row.points);
  s.minutes = row.minutes_played;
  return s;
}

class PlayerFeatureProcessor : public Processor {
 public:
  explicit PlayerFeatureProcessor(std::shared_ptr<HistorySlices> slices)
      : pool_(std::move(slices)) {}
  std::string_view name() const override { return "player_game_features"; }
  // 3: history_games_missing; a date's team-games without player rows are gaps.
  // 4: availability features (player_availability).
  // 5: market columns (game_total, team_spread, implied_team_total, implied_vs_recent,
  // player_line) from the same date's game_lines and player_prop_lines.
  std::string_view version() const override { return "5"; }
  std::vector<std::string_view> upstreams() const override {
    return {"player_game_summary", "team_offense_game_summary", "team_defense_game_summary",
            "player_availability", "game_lines", "player_prop_lines"};
  }
  ReadWindow window() const override { return ReadWindow::kSeasonToDate; }
  bool reads_raw() const override { return false; }
  // Complete: a row for every active player of the date, from every earlier date of the season.
  Result<TableSchemaState> CheckTable(Db& db) const override {
    return CheckDerivedTable(db, PlayerFeatureTable());
  }
  Result<TableSchema> EnsureTable(Db& db) const override { return EnsureDerivedTable(db, PlayerFeatureTable()); }

  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                 const std::string& game_date) const override {
    BC_ASSIGN_OR_RETURN(auto players, ReadPartitionRows(ctx.db, PlayerGameTable(), game_date));
    BC_ASSIGN_OR_RETURN(auto gaps, PartitionStore(ctx.db).Gaps(PlayerGameTable().name, game_date));
    std::erase_if(players, [](const PlayerGameRow& p) { return p.status != "active"; });
    std::vector<PlayerFeatureRow> rows;
    if (!players.empty()) {
      const std::string& season = players.front().season;
      const auto date = Date::ParseIso(game_date);
      if (!date) return InvalidInput("bad game_date " + game_date);
      auto history = pool_.Take(season, date->AddDays(-1).ToIso());
      BC_RETURN_IF_ERROR(history->Sync(ctx.db, date->AddDays(-1).ToIso()));
      BC_ASSIGN_OR_RETURN(auto out_lists, ReadOutLists(ctx.db, game_date));
      RotationCache rotations(*history);
      BC_ASSIGN_OR_RETURN(const FeatureLines lines, ReadFeatureLines(ctx.db, game_date));
      rows.reserve(players.size());
      for (const PlayerGameRow& p : players) {
        rows.push_back(ComputePlayerFeatures(SubjectOf(p), *history));
        rows.back().history_games_missing = history->TeamGamesWithoutPlayers(p.team);
        SetAvailabilityFeatures(rows.back(), *history, rotations.For(p.team, date->days()),
                                rotations.For(p.opponent, date->days()), out_lists[p.game_id]);
        SetLineFeatures(rows.back(), lines, *history);
      }
    }
    auto output =
        std::make_unique<TypedOutput<PlayerFeatureRow>>(PlayerFeatureTable(), std::move(rows));
    // A team-game without player rows has no feature rows: the same gap, one table down.
    for (const PartitionGap& gap : gaps) {
      output->gaps.push_back({gap.game_id, gap.team,
                              fmt::format("upstream {}: {}", PlayerGameTable().name, gap.reason)});
    }
    return std::unique_ptr<PartitionOutput>(std::move(output));
  }

 private:
  mutable SeasonHistoryPool pool_;
};

}  // namespace

Result<std::vector<PlayerFeatureRow>> ProjectFeatures(Db& db, const ScheduledGame& game,
                                                      const FeatureLines& lines,
                                                      const std::set<std::string>& out) {
  const auto date = Date::ParseIso(game.game_date);
  if (!date) return InvalidInput("bad game_date " + game.game_date);
  SeasonHistory history(game.season);
  BC_RETURN_IF_ERROR(history.Sync(db, date->AddDays(-1).ToIso()));
  std::vector<PlayerFeatureRow> rows;
  GameOutList out_list{out, {{game.home_team, true}, {game.away_team, true}}};
  RotationCache rotations(history);
  for (const bool home : {true, false}) {
    const std::string& team = home ? game.home_team : game.away_team;
    const std::string& opponent = home ? game.away_team : game.home_team;
    for (const std::string& key : history.RecentRoster(team, date->days(), 5)) {
      if (out.count(key)) continue;
      const std::string& name = history.Player(key).back().player_name;
      FeatureSubject subject{game.game_id, game.game_date, game.season, key, name,
                             team, opponent, home, {}, {}};
      rows.push_back(ComputePlayerFeatures(subject, history));
      SetAvailabilityFeatures(rows.back(), history, rotations.For(team, date->days()),
                              rotations.For(opponent, date->days()), out_list);
      SetLineFeatures(rows.back(), lines, history);
    }
  }
  return rows;
}

std::unique_ptr<Processor> MakePlayerFeatureProcessor(std::shared_ptr<HistorySlices> slices) {
  return std::make_unique<PlayerFeatureProcessor>(std::move(slices));
}

}  // namespace backcourt
