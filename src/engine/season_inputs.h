#pragma once
// The raw rows a backfill builds from, read and resolved one season (its window, see
// core/season.h) at a time on kLoaders loader threads, taking the seasons in order: the first
// seasons' builds start while the later seasons load. Identity resolution is per
// season (DESIGN.md §2), so this gives the same rows as resolving every season at once.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/season.h"
#include "core/status.h"
#include "store/db.h"
#include "tables/inputs.h"

namespace backcourt {

class SeasonInputs {
 public:
  using Inputs = std::shared_ptr<const ResolvedInputs>;

  // Reads a season's raw rows and resolves them (ResolvedInputs::Build), on `db` (and, for a
  // database file, a second connection for the player rows).
  static Result<ResolvedInputs> Resolve(Db& db, Season season);

  // Starts loading the given seasons; `loaded(i)` is called when seasons[i] is ready (or
  // failed to load). Seasons in `resolved` (already resolved by this run) are not read again.
  // A database file is read on the loader's own connections; an in-memory database (one
  // connection) is read here, before returning.
  SeasonInputs(Db& db, std::vector<Season> seasons, std::function<void(size_t)> loaded,
               std::map<Season, Inputs> resolved = {});
  ~SeasonInputs();  // stops after the season being loaded
  SeasonInputs(const SeasonInputs&) = delete;
  SeasonInputs& operator=(const SeasonInputs&) = delete;

  // The resolved rows of the season holding `date`, waiting for them to load.
  Result<Inputs> ForDate(const std::string& date);
  // Frees the rows of the season holding `date` once no build needs them (builds holding
  // them keep them until they finish).
  void Release(const std::string& date);

  // Identity resolution over the seasons loaded, and the loader's time.
  struct Totals {
    int64_t unplaced_rows = 0, inferred_games = 0, unresolved_players = 0;
    std::map<std::string, int64_t> unplaced_reasons;
    double seconds = 0;  // from the loaders' start to the last season loaded (this run's
                         // planning may have resolved some seasons already: see BackfillResult)
  };
  // Stops loading (the builds are done) and returns the totals.
  Totals Summarize();

  // Seasons loaded (or loading) and not yet released: a loader waits for room, so memory is
  // bounded by a few seasons whatever the range (an in-memory database loads all before the
  // builds).
  static constexpr size_t kMaxHeld = 3;
  // Seasons loaded side by side (each loader reads on its own connections).
  static constexpr size_t kLoaders = 2;
  // The raw rows of the seasons a backfill's planning resolves and keeps for the builds
  // (about 300 bytes each once resolved): a few seasons' worth, so a usual range is resolved
  // once, not again by the loader.
  static constexpr size_t kMaxKeptRows = 750000;

 private:
  struct Slot {
    bool ready = false, released = false;
    Result<Inputs> inputs;  // null once released
  };
  void LoadAll(Db& db);
  // Loads season `index` (or takes it from `resolved_`) and publishes it.
  void Load(Db& db, size_t index);
  void Publish(size_t index, Result<Inputs> inputs);
  void Stop();

  std::vector<Season> seasons_;
  std::map<Season, Inputs> resolved_;  // taken by the loader
  std::function<void(size_t)> loaded_callback_;
  const bool bounded_;  // false: loads every season at once, before the builds
  std::mutex mu_;
  std::condition_variable ready_, room_;
  size_t held_ = 0;     // published and not released, or being loaded
  size_t next_ = 0;     // the next season a loader takes
  std::vector<Slot> loaded_;  // by index in seasons_
  std::atomic<bool> cancel_{false};
  Totals totals_;  // guarded by mu_; read after the loaders have stopped
  std::chrono::steady_clock::time_point start_;
  std::vector<std::thread> loaders_;
};

}  // namespace backcourt
