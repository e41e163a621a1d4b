#include "ml/predict_availability.h"

#include "core/date.h"
#include "store/raw_store.h"
#include "tables/player_availability.h"
#include "tables/season_history.h"

namespace backcourt {

Result<std::map<std::string, GameAvailability>> AvailabilityForDate(Db& db,
                                                                    const std::string& date,
                                                                    const std::string& as_of) {
  RawStore raw(db);
  BC_ASSIGN_OR_RETURN(auto schedule, raw.LoadSchedule(date, date));
  BC_ASSIGN_OR_RETURN(auto reports, raw.LoadInjuryReports(date, date));
  std::map<std::string, GameAvailability> games;
  const auto day = Date::ParseIso(date);
  if (schedule.empty() || reports.empty() || !day) return games;
  SeasonHistory history(schedule.front().season);
  BC_RETURN_IF_ERROR(history.Sync(db, day->AddDays(-1).ToIso()));
  ReportNameResolver names;
  names.LearnHistory(history);
  for (const ScheduleRow& s : schedule) {
    if (games.count(s.game_id)) continue;
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
