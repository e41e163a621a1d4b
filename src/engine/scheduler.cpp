#include "engine/scheduler.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>

namespace backcourt {

SchedulerResult RunDag(size_t workers, const std::vector<std::vector<size_t>>& deps,
                       const std::function<bool(size_t)>& run, const std::atomic<bool>* stop) {
  const size_t n = deps.size();
  std::vector<std::vector<size_t>> dependents(n);
  std::vector<size_t> waiting(n, 0);
  std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
  for (size_t i = 0; i < n; ++i) {
    waiting[i] = deps[i].size();
    for (size_t d : deps[i]) dependents[d].push_back(i);
    if (waiting[i] == 0) ready.push(i);
  }
  std::mutex mu;
  std::condition_variable cv;
  size_t in_flight = 0;
  SchedulerResult result;
  bool halted = false;
  auto stopping = [&] { return halted || (stop != nullptr && stop->load()); };

  auto worker = [&] {
    std::unique_lock lock(mu);
    for (;;) {
      // Wait while tasks in flight may still make others ready.
      cv.wait(lock, [&] { return stopping() || !ready.empty() || in_flight == 0; });
      if (stopping() || ready.empty()) {
        cv.notify_all();
        return;
      }
      const size_t task = ready.top();
      ready.pop();
      ++in_flight;
      ++result.started;
      lock.unlock();
      const bool go_on = run(task);
      lock.lock();
      --in_flight;
      if (!go_on) halted = true;
      for (size_t next : dependents[task]) {
        if (--waiting[next] == 0) ready.push(next);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (size_t i = 0; i < std::max<size_t>(1, workers); ++i) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  result.not_started = n - result.started;
  return result;
}

}  // namespace backcourt
