#pragma once
// A DAG executor: tasks run on a pool of threads as soon as every task they depend on has
// finished; among ready tasks the lowest index goes first. A task may finish after its
// thread has moved on (a writer thread commits it later): its dependents wait for Finish.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <queue>
#include <vector>

namespace backcourt {

struct SchedulerResult {
  size_t started = 0;
  size_t not_started = 0;  // left when stopped (signal or a task asked to stop)
};

class Dag {
 public:
  // `deps[i]` lists the tasks i waits for (they need not be < i). The last `external` tasks
  // are events, never started here: the caller finishes them (a season's raw rows loaded).
  explicit Dag(const std::vector<std::vector<size_t>>& deps, size_t external = 0);

  // Starts ready tasks on `workers` threads: `start(i)` runs on a worker thread, and task i is
  // done when Finish(i) is called, by `start` itself or later from any thread. Returns when
  // every task has finished, or when scheduling stopped (a task finished with go_on = false,
  // or `stop` was set) and no start() is running; started tasks may then still be
  // unfinished. `stop`, when set, is polled between tasks.
  SchedulerResult Run(size_t workers, const std::function<void(size_t)>& start,
                      const std::atomic<bool>* stop = nullptr);
  // Marks task i done (started or external) and its dependents ready; go_on = false stops
  // scheduling new tasks.
  void Finish(size_t task, bool go_on);

 private:
  std::vector<std::vector<size_t>> dependents_;
  std::vector<size_t> waiting_;
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready_;
  std::mutex mu_;
  std::condition_variable cv_;
  const size_t first_external_;
  size_t external_left_;  // external tasks not yet finished
  size_t in_flight_ = 0;   // started, not yet finished
  size_t started_ = 0;
  bool halted_ = false;
};

}  // namespace backcourt
