#pragma once
// A DAG executor: tasks run on a pool of threads as soon as every task they depend on has
// finished; among ready tasks the lowest index goes first.
#include <atomic>
#include <cstddef>
#include <functional>
#include <vector>

namespace backcourt {

struct SchedulerResult {
  size_t started = 0;
  size_t not_started = 0;  // left when stopped (signal or a task asked to stop)
};

// `deps[i]` lists the tasks i waits for (all < i is not required). `run(i)` executes task i on
// a worker thread and returns false to stop scheduling new tasks (in-flight ones finish).
// `stop`, when set, is polled between tasks.
SchedulerResult RunDag(size_t workers, const std::vector<std::vector<size_t>>& deps,
                       const std::function<bool(size_t)>& run,
                       const std::atomic<bool>* stop = nullptr);

}  // namespace backcourt
