#include "engine/season_inputs.h"

#include <chrono>

#include <fmt/format.h>

#include "core/date.h"
#include "store/raw_store.h"

namespace backcourt {
namespace {

Result<std::vector<PlayerBoxRow>> LoadPlayerBox(Db& db, const std::string& first,
                                                const std::string& last) {
  if (db.path() == ":memory:") return RawStore(db).LoadPlayerBox(first, last);
  BC_ASSIGN_OR_RETURN(Db own, Db::Open(db.path()));
  return RawStore(own).LoadPlayerBox(first, last);
}

Result<ResolvedInputs> LoadSeason(Db& db, int season) {
  const std::string first = fmt::format("{}-08-01", season);
  const std::string last = fmt::format("{}-07-31", season + 1);
  // The player rows, the bulk of the raw data, load on their own connection and thread
  // while this one loads the schedule and the team rows (an in-memory database has one).
  auto player_box = std::async(db.path() == ":memory:" ? std::launch::deferred : std::launch::async,
                               LoadPlayerBox, std::ref(db), first, last);
  RawStore raw(db);
  BC_ASSIGN_OR_RETURN(auto schedule, raw.LoadSchedule(first, last));
  BC_ASSIGN_OR_RETURN(auto team_box, raw.LoadTeamBox(first, last));
  BC_ASSIGN_OR_RETURN(auto players, player_box.get());
  return ResolvedInputs::Build(std::move(schedule), std::move(team_box), std::move(players));
}

}  // namespace

int SeasonInputs::SeasonOf(const std::string& date) {
  const auto parsed = Date::ParseIso(date);
  if (!parsed) return 0;
  return parsed->month() >= 8 ? parsed->year() : parsed->year() - 1;
}

SeasonInputs::SeasonInputs(Db& db, std::vector<int> seasons,
                           std::function<void(size_t)> loaded)
    : seasons_(std::move(seasons)), loaded_callback_(std::move(loaded)) {
  for (int season : seasons_) loaded_[season] = promises_[season].get_future().share();
  if (db.path() == ":memory:") {
    LoadAll(db);
    return;
  }
  loader_ = std::thread([this, path = db.path()] {
    Result<Db> own = Db::Open(path);
    if (!own) {
      for (size_t i = 0; i < seasons_.size(); ++i) {
        promises_[seasons_[i]].set_value(tl::unexpected(own.error()));
        loaded_callback_(i);
      }
      return;
    }
    LoadAll(*own);
  });
}

SeasonInputs::~SeasonInputs() {
  cancel_ = true;
  if (loader_.joinable()) loader_.join();
}

void SeasonInputs::LoadAll(Db& db) {
  for (size_t i = 0; i < seasons_.size(); ++i) {
    const int season = seasons_[i];
    if (cancel_) {
      promises_[season].set_value(Fail(ErrorKind::kInternal, "backfill stopped"));
      loaded_callback_(i);
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    Result<ResolvedInputs> inputs = LoadSeason(db, season);
    seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!inputs) {
      inputs = tl::unexpected(Error(inputs.error().kind(),
                                    fmt::format("loading the raw rows of {}-{:02}: {}", season,
                                                (season + 1) % 100, inputs.error().message())));
    }
    promises_[season].set_value(std::move(inputs));
    loaded_callback_(i);
  }
}

Result<const ResolvedInputs*> SeasonInputs::ForDate(const std::string& date) {
  auto it = loaded_.find(SeasonOf(date));
  if (it == loaded_.end()) {
    return Fail(ErrorKind::kInternal, "no raw rows were loaded for " + date);
  }
  const Result<ResolvedInputs>& inputs = it->second.get();
  if (!inputs) return tl::unexpected(inputs.error());
  return &*inputs;
}

SeasonInputs::Totals SeasonInputs::Summarize() {
  cancel_ = true;
  if (loader_.joinable()) loader_.join();
  Totals totals;
  for (auto& [season, future] : loaded_) {
    const Result<ResolvedInputs>& inputs = future.get();
    if (!inputs) continue;
    totals.unplaced_rows += static_cast<int64_t>(inputs->unplaced().size());
    for (const UnplacedRow& row : inputs->unplaced()) totals.unplaced_reasons[row.reason]++;
    totals.inferred_games += inputs->inferred_games();
    totals.unresolved_players += inputs->unresolved_players();
  }
  totals.seconds = seconds_;
  return totals;
}

}  // namespace backcourt
