#include "engine/season_inputs.h"

#include <algorithm>
#include <chrono>
#include <future>

#include <fmt/format.h>

#include "store/raw_store.h"

namespace backcourt {
namespace {

Result<std::vector<PlayerBoxRow>> LoadPlayerBox(Db& db, const std::string& first,
                                                const std::string& last) {
  if (db.path() == ":memory:") return RawStore(db).LoadPlayerBox(first, last);
  BC_ASSIGN_OR_RETURN(Db own, Db::Open(db.path()));
  return RawStore(own).LoadPlayerBox(first, last);
}

}  // namespace

Result<ResolvedInputs> SeasonInputs::Resolve(Db& db, Season season) {
  const std::string first = season.first().ToIso(), last = season.last().ToIso();
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

SeasonInputs::SeasonInputs(Db& db, std::vector<Season> seasons,
                           std::function<void(size_t)> loaded, std::map<Season, Inputs> resolved)
    : seasons_(std::move(seasons)),
      resolved_(std::move(resolved)),
      loaded_callback_(std::move(loaded)),
      bounded_(db.path() != ":memory:"),
      loaded_(seasons_.size()) {
  start_ = std::chrono::steady_clock::now();
  if (!bounded_) {
    LoadAll(db);
    return;
  }
  for (size_t i = 0; i < std::min(kLoaders, seasons_.size()); ++i) {
    loaders_.emplace_back([this, path = db.path()] {
      Result<Db> own = Db::Open(path);
      if (own) return LoadAll(*own);
      for (;;) {  // the seasons left fail with the connection's error
        size_t index;
        {
          std::lock_guard lock(mu_);
          if (next_ >= seasons_.size()) return;
          index = next_++;
          ++held_;
        }
        Publish(index, tl::unexpected(own.error()));
      }
    });
  }
}

SeasonInputs::~SeasonInputs() { Stop(); }

void SeasonInputs::Stop() {
  {
    std::lock_guard lock(mu_);
    cancel_ = true;
  }
  room_.notify_all();
  for (std::thread& loader : loaders_) {
    if (loader.joinable()) loader.join();
  }
}

void SeasonInputs::LoadAll(Db& db) {
  for (;;) {
    size_t index;
    {
      std::unique_lock lock(mu_);
      if (bounded_) room_.wait(lock, [&] { return cancel_ || held_ < kMaxHeld; });
      if (next_ >= seasons_.size()) return;
      index = next_++;
      ++held_;  // its room is taken while it loads
    }
    Load(db, index);
  }
}

void SeasonInputs::Load(Db& db, size_t index) {
  const Season season = seasons_[index];
  if (cancel_) return Publish(index, Fail(ErrorKind::kInternal, "backfill stopped"));
  Inputs inputs;
  {
    std::lock_guard lock(mu_);
    if (auto it = resolved_.find(season); it != resolved_.end()) {
      inputs = std::move(it->second);
      resolved_.erase(it);
    }
  }
  if (inputs == nullptr) {
    Result<ResolvedInputs> loaded = Resolve(db, season);
    if (!loaded) {
      return Publish(index, tl::unexpected(Error(
                                loaded.error().kind(),
                                fmt::format("loading the raw rows of {}: {}", season.label(),
                                            loaded.error().message()))));
    }
    inputs = std::make_shared<const ResolvedInputs>(std::move(*loaded));
  }
  {
    std::lock_guard lock(mu_);
    totals_.unplaced_rows += static_cast<int64_t>(inputs->unplaced().size());
    for (const UnplacedRow& row : inputs->unplaced()) totals_.unplaced_reasons[row.reason]++;
    totals_.inferred_games += inputs->inferred_games();
    totals_.unresolved_players += inputs->unresolved_players();
    totals_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  Publish(index, std::move(inputs));
}

void SeasonInputs::Publish(size_t index, Result<Inputs> inputs) {
  {
    std::lock_guard lock(mu_);
    loaded_[index].ready = true;
    loaded_[index].inputs = std::move(inputs);
  }
  ready_.notify_all();
  loaded_callback_(index);
}

Result<SeasonInputs::Inputs> SeasonInputs::ForDate(const std::string& date) {
  const auto it = std::find(seasons_.begin(), seasons_.end(), Season::OfIso(date));
  if (it == seasons_.end()) {
    return Fail(ErrorKind::kInternal, "no raw rows were loaded for " + date);
  }
  std::unique_lock lock(mu_);
  Slot& season = loaded_[static_cast<size_t>(it - seasons_.begin())];
  ready_.wait(lock, [&] { return season.ready; });
  if (season.inputs && *season.inputs == nullptr) {
    return Fail(ErrorKind::kInternal, "the raw rows of " + date + " were released");
  }
  return season.inputs;
}

void SeasonInputs::Release(const std::string& date) {
  const auto it = std::find(seasons_.begin(), seasons_.end(), Season::OfIso(date));
  if (it == seasons_.end()) return;
  {
    std::lock_guard lock(mu_);
    Slot& season = loaded_[static_cast<size_t>(it - seasons_.begin())];
    if (!season.ready || season.released) return;
    if (season.inputs) season.inputs->reset();
    season.released = true;
    --held_;
  }
  room_.notify_all();
}

SeasonInputs::Totals SeasonInputs::Summarize() {
  Stop();
  return totals_;
}

}  // namespace backcourt
