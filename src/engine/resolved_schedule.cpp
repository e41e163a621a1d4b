#include "engine/resolved_schedule.h"

#include <algorithm>
#include <future>
#include <unordered_map>

#include "core/date.h"
#include "core/season.h"
#include "engine/connection_pool.h"
#include "engine/season_inputs.h"
#include "store/resolved_store.h"

namespace backcourt {
namespace {

// Bumped whenever ResolvedInputs::Build places games differently: every persisted season is
// then resolved again.
constexpr const char* kResolverVersion = "resolver 1";

ResolvedGameRecord ToRecord(const Game& g) {
  return {g.game_id,   g.game_date,    g.season,        g.game_type,
          g.home_team, g.away_team,    g.status,        g.neutral_site,
          g.inferred ? 1 : 0, g.conflict};
}

Game FromRecord(ResolvedGameRecord r) {
  return {std::move(r.game_id),   std::move(r.game_date), std::move(r.season),
          std::move(r.game_type), std::move(r.home_team), std::move(r.away_team),
          std::move(r.status),    r.neutral_site,         r.inferred != 0,
          std::move(r.conflict)};
}

// The seasons [first, last] touches, clamped to the dates raw rows hold.
Result<std::vector<Season>> SeasonsOf(Db& db, std::string first, std::string last) {
  BC_ASSIGN_OR_RETURN(auto range, RawStore(db).RawDateRange());
  if (range.first.empty()) return std::vector<Season>();
  first = std::max(first, range.first);
  last = std::min(last, range.second);
  std::vector<Season> seasons;
  const auto from = Season::OfIso(first), to = Season::OfIso(last);
  if (first > last || !from || !to) return seasons;
  for (int s = from->start_year(); s <= to->start_year(); ++s) seasons.emplace_back(s);
  return seasons;
}

// A season's schedule as persisted from the same raw rows; else only its fingerprint
// (persisted false, no games): it must be resolved.
Result<SeasonSchedule> LoadPersisted(Db& db, Season season) {
  SeasonSchedule out;
  out.season = season;
  const std::string first = season.first().ToIso(), last = season.last().ToIso();
  ResolvedStore store(db);
  BC_ASSIGN_OR_RETURN(out.raw_fingerprint, store.RawFingerprint(first, last, kResolverVersion));
  BC_ASSIGN_OR_RETURN(auto persisted, store.LoadSeason(season.start_year(), out.raw_fingerprint));
  if (persisted) {
    out.persisted = true;
    out.games.reserve(persisted->size());
    for (ResolvedGameRecord& r : *persisted) out.games.push_back(FromRecord(std::move(r)));
  }
  return out;
}

// Resolves `seasons` at once, each on its own connection and thread (in turn on the one
// connection of an in-memory database).
std::vector<Result<ResolvedInputs>> ResolveTogether(Db& db, const std::vector<Season>& seasons) {
  std::vector<Result<ResolvedInputs>> out;
  if (db.path() == ":memory:" || seasons.size() == 1) {
    for (Season season : seasons) out.push_back(SeasonInputs::Resolve(db, season));
    return out;
  }
  std::vector<std::future<Result<ResolvedInputs>>> running;
  for (Season season : seasons) {
    running.push_back(std::async(std::launch::async, [&db, season]() -> Result<ResolvedInputs> {
      BC_ASSIGN_OR_RETURN(Db own, Db::Open(db.path()));
      return SeasonInputs::Resolve(own, season);
    }));
  }
  for (auto& r : running) out.push_back(r.get());
  return out;
}

}  // namespace

Result<std::vector<SeasonSchedule>> LoadSchedules(Db& db, const std::string& first,
                                                  const std::string& last,
                                                  const ScheduleOptions& options) {
  BC_ASSIGN_OR_RETURN(std::vector<Season> seasons, SeasonsOf(db, first, last));
  std::vector<SeasonSchedule> out;
  std::vector<size_t> unresolved;  // indexes into out
  for (Season season : seasons) {
    BC_ASSIGN_OR_RETURN(SeasonSchedule schedule, LoadPersisted(db, season));
    if (!schedule.persisted) unresolved.push_back(out.size());
    out.push_back(std::move(schedule));
  }
  // The seasons not persisted are resolved one per core at a time (memory holds those and
  // the kept ones only), then persisted in season order on this connection.
  const size_t at_once = WorkerCount(db, 0);
  size_t kept_rows = 0;
  for (size_t from = 0; from < unresolved.size(); from += at_once) {
    const size_t to = std::min(unresolved.size(), from + at_once);
    std::vector<Season> batch;
    for (size_t i = from; i < to; ++i) batch.push_back(out[unresolved[i]].season);
    std::vector<Result<ResolvedInputs>> resolved = ResolveTogether(db, batch);
    for (size_t i = from; i < to; ++i) {
      SeasonSchedule& schedule = out[unresolved[i]];
      BC_ASSIGN_OR_RETURN(ResolvedInputs inputs, std::move(resolved[i - from]));
      schedule.games = inputs.Games();
      if (options.persist) {
        std::vector<ResolvedGameRecord> records;
        records.reserve(schedule.games.size());
        for (const Game& g : schedule.games) records.push_back(ToRecord(g));
        BC_RETURN_IF_ERROR(ResolvedStore(db).ReplaceSeason(schedule.season.start_year(),
                                                           schedule.raw_fingerprint, records));
        schedule.persisted = true;
      }
      if (kept_rows + inputs.raw_rows() <= options.keep_rows) {
        kept_rows += inputs.raw_rows();
        schedule.resolved = std::make_shared<const ResolvedInputs>(std::move(inputs));
      }
    }
  }
  return out;
}

Result<std::vector<Game>> ResolvedGames(Db& db, const std::string& first,
                                        const std::string& last) {
  BC_ASSIGN_OR_RETURN(auto seasons, LoadSchedules(db, first, last));
  std::vector<Game> games;
  for (SeasonSchedule& season : seasons) {
    for (Game& g : season.games) {
      if (g.game_date >= first && g.game_date <= last) games.push_back(std::move(g));
    }
  }
  return games;
}

Result<std::map<std::string, DateInfo>> DateCatalog(Db& db, const std::string& first,
                                                    const std::string& last,
                                                    const std::vector<SeasonSchedule>& seasons) {
  // The scheduled games' dates: a date the schedule has games on has games when one counts.
  std::map<std::string, DateInfo> dates;
  std::unordered_map<std::string, std::string> date_of_game;
  for (const SeasonSchedule& season : seasons) {
    for (const Game& g : season.games) {
      if (g.inferred || g.game_date < first || g.game_date > last) continue;
      date_of_game.emplace(g.game_id, g.game_date);
      auto [it, added] = dates.try_emplace(g.game_date, DateInfo{g.season, false, "", "", ""});
      if (!added) it->second.season = std::min(it->second.season, g.season);
      it->second.has_games = it->second.has_games || g.counts();
    }
  }
  RawStore raw(db);
  BC_ASSIGN_OR_RETURN(auto fingerprints, raw.DateFingerprints(first, last, date_of_game));
  // Dates that hold raw rows but no scheduled game (a source beyond the schedule's end, a game
  // the schedule lacks) are dates too: their games are inferred from the rows, and rows that
  // fit no game are listed, never dropped unseen.
  for (const auto& [date, fingerprint] : fingerprints) {
    const auto parsed = Date::ParseIso(date);
    if (!parsed) continue;
    auto [it, added] = dates.try_emplace(date, DateInfo{Season::Of(*parsed).label(), true, "", "", ""});
    it->second.fingerprint = fingerprint;
  }
  const std::string no_rows = Hasher().HexDigest();
  for (auto& [date, info] : dates) {
    if (info.fingerprint.empty()) info.fingerprint = no_rows;
  }
  BC_ASSIGN_OR_RETURN(auto injury, raw.InjuryFingerprints(first, last));
  for (auto& [date, fingerprint] : injury) {
    if (auto it = dates.find(date); it != dates.end()) it->second.injury_fingerprint = fingerprint;
  }
  BC_ASSIGN_OR_RETURN(auto odds, raw.OddsFingerprints(first, last));
  for (auto& [date, fingerprint] : odds) {
    if (auto it = dates.find(date); it != dates.end()) it->second.odds_fingerprint = fingerprint;
  }
  return dates;
}

Result<std::map<std::string, DateInfo>> DateCatalog(Db& db, const std::string& first,
                                                    const std::string& last) {
  BC_ASSIGN_OR_RETURN(auto seasons, LoadSchedules(db, first, last));
  return DateCatalog(db, first, last, seasons);
}

}  // namespace backcourt
