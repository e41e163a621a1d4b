#include "tables/player_availability.h"

#include <algorithm>
#include <map>

#include "core/date.h"
#include "ingest/player_names.h"
#include "store/derived_store.h"
#include "store/raw_store.h"
#include "store/resolved_store.h"
#include "store/schema.h"
#include "tables/inputs.h"
#include "tables/player_game_summary.h"
#include "tables/typed_output.h"

namespace backcourt {

const Table<PlayerAvailabilityRow>& PlayerAvailabilityTable() {
  using R = PlayerAvailabilityRow;
  static const Table<R> table{"player_availability",
                              {Col("game_id", &R::game_id), Col("game_date", &R::game_date),
                               Col("season", &R::season), Col("player_key", &R::player_key),
                               Col("player_name", &R::player_name), Col("team", &R::team),
                               Col("status", &R::status), Col("derived", &R::derived),
                               Col("report_time", &R::report_time), Col("reason", &R::reason),
                               Col("outcome", &R::outcome), Col("derived_out", &R::derived_out)},
                              {"game_id", "player_key"},
                              {}};
  return table;
}

std::vector<ReportedStatus> LatestReportedStatuses(const std::vector<InjuryReportRow>& game_rows,
                                                   const std::string& as_of) {
  // ISO UTC spellings sort in time order: the comparisons are on text.
  auto usable = [&](const InjuryReportRow& r) {
    return !r.tip_time_utc.empty() && r.report_time_utc < r.tip_time_utc &&
           (as_of.empty() || r.report_time_utc < as_of);
  };
  std::map<std::string, std::string> latest;  // team -> time of its latest submitted report
  for (const InjuryReportRow& r : game_rows) {
    if (!usable(r) || r.status == kInjuryNotSubmitted) continue;
    std::string& time = latest[r.team];
    time = std::max(time, r.report_time_utc);
  }
  std::vector<ReportedStatus> out;
  std::set<std::pair<std::string, std::string>> seen;  // (team, name): one row per report line
  for (const InjuryReportRow& r : game_rows) {
    auto it = latest.find(r.team);
    if (!usable(r) || r.status == kInjuryNotSubmitted || it == latest.end() ||
        r.report_time_utc != it->second || !seen.insert({r.team, r.player_name_key}).second) {
      continue;
    }
    out.push_back({r.team, r.player_name, r.player_name_key, r.status, r.reason,
                   r.report_time_utc});
  }
  return out;
}

std::vector<std::string> RotationPlayers(const SeasonHistory& history, const std::string& team,
                                         int32_t day) {
  const auto& team_games = history.Team(team);
  auto end = std::lower_bound(team_games.begin(), team_games.end(), day,
                              [](const PastTeamGame& g, int32_t d) { return g.day < d; });
  const size_t back = std::min<size_t>(5, static_cast<size_t>(end - team_games.begin()));
  std::set<int32_t> last5;
  for (auto it = end - static_cast<long>(back); it != end; ++it) last5.insert(it->day);
  std::vector<std::string> rotation;
  for (const std::string& key : history.RecentRoster(team, day, 5)) {
    const auto& games = history.Player(key);
    auto last = std::lower_bound(games.begin(), games.end(), day,
                                 [](const PastPlayerGame& g, int32_t d) { return g.day < d; });
    const auto count = last - games.begin();
    int played = 0;  // of the team's last five games (dated from the earliest of them)
    for (auto g = last; g != games.begin() && !last5.empty();) {
      if ((--g)->day < *last5.begin()) break;
      played += g->team == team && last5.count(g->day);
    }
    double minutes = 0;
    const auto first = last - std::min<long>(10, count);
    for (auto g = first; g != last; ++g) minutes += g->minutes;
    if (played >= 3 && minutes >= 15.0 * static_cast<double>(last - first)) rotation.push_back(key);
  }
  return rotation;
}

std::vector<std::string> DerivedOut(const std::vector<std::string>& rotation,
                                    const std::set<std::string>& played) {
  std::vector<std::string> out;
  for (const std::string& key : rotation) {
    if (!played.count(key)) out.push_back(key);
  }
  return out;
}

void ReportNameResolver::Learn(const std::string& player_name, const std::string& team,
                               const std::string& key) {
  if (player_name.empty() || IsNameKey(key)) return;
  const std::string name = NormalizePlayerName(player_name);
  keys_[name + "|" + team].insert(key);
  keys_[name].insert(key);
}

void ReportNameResolver::LearnHistory(const SeasonHistory& history) {
  for (const auto& [key, games] : history.players()) {
    // A player's games mostly repeat one (name, team): normalise each spelling once.
    const PastPlayerGame* previous = nullptr;
    for (const PastPlayerGame& g : games) {
      if (!previous || g.player_name != previous->player_name || g.team != previous->team) {
        Learn(g.player_name, g.team, key);
      }
      previous = &g;
    }
  }
}

std::string ReportNameResolver::KeyFor(const std::string& name_key, const std::string& team) const {
  for (const std::string& k : {name_key + "|" + team, name_key}) {
    auto it = keys_.find(k);
    if (it != keys_.end() && it->second.size() == 1) return *it->second.begin();
  }
  return "name:" + name_key;
}

namespace {

struct GameTeams {
  std::string season, home, away;
};

std::string OutcomeOf(const PlayerGameRow* row, bool has_box) {
  if (!has_box) return "";
  if (row == nullptr) return "absent";
  if (row->status == "inactive") return "inactive";
  if (row->status == "active" && row->minutes_played && *row->minutes_played > 0) return "played";
  return "dnp";
}

class TeamGameBuilder {
 public:
  TeamGameBuilder(const std::string& game_id, const std::string& date, const std::string& season,
                  const std::string& team, std::vector<PlayerAvailabilityRow>& out)
      : game_id_(game_id), date_(date), season_(season), team_(team), out_(out) {}

  // The row of one player; his box line decides the outcome.
  void Add(const std::string& key, const std::string& name, const std::string& status,
           bool derived, const std::string& report_time, const std::string& reason,
           const std::map<std::string, const PlayerGameRow*>& box, bool derived_out) {
    if (!keys_.insert(key).second) return;
    auto it = box.find(key);
    const std::string outcome = OutcomeOf(it == box.end() ? nullptr : it->second, !box.empty());
    PlayerAvailabilityRow row{game_id_, date_, season_, key, name, team_, status,
                              derived ? 1 : 0, {}, {}, {}, derived_out ? 1 : 0};
    if (!report_time.empty()) row.report_time = report_time;
    if (!reason.empty()) row.reason = reason;
    if (!outcome.empty()) row.outcome = outcome;
    out_.push_back(std::move(row));
  }

 private:
  const std::string &game_id_, &date_, &season_, &team_;
  std::vector<PlayerAvailabilityRow>& out_;
  std::set<std::string> keys_;
};

class PlayerAvailabilityProcessor : public Processor {
 public:
  explicit PlayerAvailabilityProcessor(std::shared_ptr<HistorySlices> slices)
      : pool_(std::move(slices)) {}
  std::string_view name() const override { return "player_availability"; }
  std::string_view version() const override { return "1"; }
  std::vector<std::string_view> upstreams() const override {
    return {"player_game_summary", "team_offense_game_summary", "team_defense_game_summary"};
  }
  ReadWindow window() const override { return ReadWindow::kSeasonToDate; }
  bool reads_raw() const override { return false; }
  bool reads_injury_reports() const override { return true; }
  // Complete: a row for every player the last pre-tip report lists, or (no report) every rotation
  // player absent from the box score.
  Result<TableSchemaState> CheckTable(Db& db) const override {
    return CheckDerivedTable(db, PlayerAvailabilityTable());
  }
  Result<TableSchema> EnsureTable(Db& db) const override {
    return EnsureDerivedTable(db, PlayerAvailabilityTable());
  }

  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                 const std::string& game_date) const override {
    BC_ASSIGN_OR_RETURN(auto players, ReadPartitionRows(ctx.db, PlayerGameTable(), game_date));
    // The date's scheduled games as the resolver placed them (inferred games have no schedule
    // row: their teams come from the player rows, as any game's without a resolved record).
    BC_ASSIGN_OR_RETURN(auto schedule, ResolvedStore(ctx.db).GamesOn(game_date));
    BC_ASSIGN_OR_RETURN(auto reports, RawStore(ctx.db).LoadInjuryReports(game_date, game_date));
    const auto date = Date::ParseIso(game_date);
    if (!date) return InvalidInput("bad game_date " + game_date);
    std::map<std::string, GameTeams> games;
    for (const ResolvedGameRecord& s : schedule) {
      if (s.inferred != 0 || s.game_type == "preseason" || s.game_type == "all_star") continue;
      if (s.status == kStatusCancelled || s.status == kStatusPostponed) continue;
      games.try_emplace(s.game_id, GameTeams{s.season, s.home_team, s.away_team});
    }
    std::map<std::pair<std::string, std::string>, std::map<std::string, const PlayerGameRow*>> box;
    for (const PlayerGameRow& p : players) {
      GameTeams& g = games[p.game_id];
      if (g.season.empty()) g.season = p.season;
      (p.is_home ? g.home : g.away) = p.team;
      box[{p.game_id, p.team}][p.player_key] = &p;
    }
    std::vector<PlayerAvailabilityRow> rows;
    if (!games.empty()) {
      const std::string season = games.begin()->second.season;
      auto history = pool_.Take(season, date->AddDays(-1).ToIso());
      BC_RETURN_IF_ERROR(history->Sync(ctx.db, date->AddDays(-1).ToIso()));
      std::map<std::string, std::vector<ReportedStatus>> statuses;  // by game_id
      for (const auto& [game_id, teams] : games) {
        std::vector<InjuryReportRow> game_reports;
        for (const InjuryReportRow& r : reports) {
          if (r.home_team == teams.home && r.away_team == teams.away) game_reports.push_back(r);
        }
        statuses[game_id] = LatestReportedStatuses(game_reports);
      }
      // Names are resolved only for reported players: most dates have no report, and
      // learning the season's names on each would make a backfill quadratic in its dates.
      ReportNameResolver names;
      if (std::any_of(statuses.begin(), statuses.end(),
                      [](const auto& game) { return !game.second.empty(); })) {
        names.LearnHistory(*history);
        for (const PlayerGameRow& p : players) names.Learn(p.player_name, p.team, p.player_key);
      }
      for (const auto& [game_id, teams] : games) {
        for (const std::string& team : {teams.home, teams.away}) {
          if (team.empty()) continue;
          static const std::map<std::string, const PlayerGameRow*> kNoBox;
          auto b = box.find({game_id, team});
          BuildTeamGame(game_id, game_date, teams.season, team, statuses[game_id], *history,
                        names, b == box.end() ? kNoBox : b->second, date->days(), rows);
        }
      }
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return std::tie(a.game_id, a.player_key) < std::tie(b.game_id, b.player_key);
    });
    return std::unique_ptr<PartitionOutput>(
        std::make_unique<TypedOutput<PlayerAvailabilityRow>>(PlayerAvailabilityTable(),
                                                             std::move(rows)));
  }

 private:
  static void BuildTeamGame(const std::string& game_id, const std::string& date,
                            const std::string& season, const std::string& team,
                            const std::vector<ReportedStatus>& statuses,
                            const SeasonHistory& history, const ReportNameResolver& names,
                            const std::map<std::string, const PlayerGameRow*>& box, int32_t day,
                            std::vector<PlayerAvailabilityRow>& rows) {
    std::set<std::string> played, derived_out;
    for (const auto& [key, row] : box) {
      if (OutcomeOf(row, true) == "played") played.insert(key);
    }
    if (!box.empty()) {
      for (const std::string& key : DerivedOut(RotationPlayers(history, team, day), played)) {
        derived_out.insert(key);
      }
    }
    TeamGameBuilder builder(game_id, date, season, team, rows);
    std::string report_time;
    for (const ReportedStatus& s : statuses) {
      if (s.team != team) continue;
      report_time = s.report_time;
      const std::string key = names.KeyFor(s.player_name_key, team);
      builder.Add(key, s.player_name, s.status, false, s.report_time, s.reason, box,
                  derived_out.count(key) > 0);
    }
    for (const std::string& key : derived_out) {
      const std::string& name = history.Player(key).back().player_name;
      // A team-game with a report: a rotation player it does not list was expected to play.
      builder.Add(key, name, report_time.empty() ? kInjuryOut : kInjuryAvailable,
                  report_time.empty(), report_time, "", box, true);
    }
  }

  mutable SeasonHistoryPool pool_;
};

}  // namespace

std::unique_ptr<Processor> MakePlayerAvailabilityProcessor(std::shared_ptr<HistorySlices> slices) {
  return std::make_unique<PlayerAvailabilityProcessor>(std::move(slices));
}

}  // namespace backcourt
