#include "ml/predict_availability.h"

#include "core/date.h"
#include "engine/resolved_schedule.h"
#include "store/raw_store.h"
#include "tables/player_availability.h"
#include "tables/season_history.h"

namespace backcourt {

Result<std::vector<Game>> ScheduledGames(Db& db, const std::string& date) {
  BC_ASSIGN_OR_RETURN(std::vector<Game> games, ResolvedGames(db, date, date));
  std::erase_if(games, [](const Game& g) {
    return g.inferred || g.game_type == "preseason" || g.game_type == "all_star" ||
           g.status == kStatusCancelled || g.status == kStatusPostponed;
  });
  return games;
}

Result<std::map<std::string, GameAvailability>> AvailabilityForDate(Db& db,
                                                                    const std::string& date,
                                                                    const std::string& as_of) {
  BC_ASSIGN_OR_RETURN(auto reports, RawStore(db).LoadInjuryReports(date, date));
  std::map<std::string, GameAvailability> games;
  const auto day = Date::ParseIso(date);
  if (reports.empty() || !day) return games;
  BC_ASSIGN_OR_RETURN(const std::vector<Game> schedule, ScheduledGames(db, date));
  if (schedule.empty()) return games;
  SeasonHistory history(schedule.front().season);
  BC_RETURN_IF_ERROR(history.Sync(db, day->AddDays(-1).ToIso()));
  ReportNameResolver names;
  names.LearnHistory(history);
  for (const Game& s : schedule) {
    std::vector<InjuryReportRow> rows;
    for (const InjuryReportRow& r : reports) {
      if (r.home_team == s.home_team && r.away_team == s.away_team) rows.push_back(r);
    }
    GameAvailability& game = games[s.game_id];
    for (const ReportedStatus& st : LatestReportedStatuses(rows, as_of)) {
      const std::string key = names.KeyFor(st.player_name_key, st.team);
      game.listed.try_emplace(key, ListedPlayer{s.game_id, st.team, key, st.player_name,
                                                st.status, st.reason, st.report_time});
      if (st.status == kInjuryOut) game.out.insert(key);
    }
  }
  return games;
}

}  // namespace backcourt
