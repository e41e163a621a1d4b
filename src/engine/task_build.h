#pragma once
// How one planned task becomes a write: the gate on its upstreams, the build with retries of
// transient errors, and the partition's record. A backfill runs it on its worker pool; a
// `worker` process runs it on each partition it claims: one build path for both.
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "engine/backfill.h"
#include "engine/connection_pool.h"
#include "engine/lineage.h"
#include "engine/partition_writer.h"
#include "engine/planner.h"
#include "engine/season_inputs.h"

namespace backcourt {

class TaskBuilder {
 public:
  // The resolved raw rows of the season holding a date (raw-fed builds only).
  using InputsFor = std::function<Result<SeasonInputs::Inputs>(const std::string& date)>;

  // `lineage` is read and updated under `lineage_mu`. `run_set` is what this run builds;
  // `outside` the reads outside it, with why they are stale ("" when fresh).
  TaskBuilder(Lineage& lineage, std::mutex& lineage_mu, const BackfillOptions& options,
              const std::set<PartitionKey>& run_set,
              const std::map<PartitionKey, std::string>& outside, InputsFor inputs)
      : lineage_(lineage),
        mu_(lineage_mu),
        options_(options),
        run_set_(run_set),
        outside_(outside),
        inputs_(std::move(inputs)) {}

  // The task's write: no_games, blocked (an upstream it reads is not built or stale),
  // failed (with the reason), or built (ok, or partial with its gaps), recorded under run_id.
  // `index` is the caller's id for the partition (PartitionWrite::task).
  PartitionWrite Run(size_t index, const Task& task, ConnectionPool& pool, int64_t run_id);

 private:
  std::string Gate(const Task& task);
  // Why reading `read` blocks the task ("" when it may be read).
  std::string GateRead(const PartitionKey& read) const;
  Result<std::unique_ptr<PartitionOutput>> BuildWithRetries(const Task& task, Db& db,
                                                            int64_t& retries);
  Result<std::unique_ptr<PartitionOutput>> BuildOnce(const Task& task, Db& db);
  PartitionWrite Record(size_t index, const Task& task, PartitionStatus status,
                        std::unique_ptr<PartitionOutput> output, const std::string& note,
                        int64_t retries, double build_seconds, int64_t run_id);

  Lineage& lineage_;
  std::mutex& mu_;
  const BackfillOptions& options_;
  const std::set<PartitionKey>& run_set_;
  const std::map<PartitionKey, std::string>& outside_;
  InputsFor inputs_;
  // By season-to-date table and season: the date through which its reads are known to pass
  // the gate. A task runs only once what it reads is done, which then stays as it is for
  // the run: a season-to-date task checks only the dates no earlier task checked.
  std::map<std::pair<std::string_view, Season>, std::string> season_gate_;
};

}  // namespace backcourt
