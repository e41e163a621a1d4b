#include "engine/scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <mutex>

namespace backcourt {
namespace {

// Each task runs to completion on its thread: `run(i)` returns false to stop scheduling new
// tasks (in-flight ones finish).
SchedulerResult RunDag(size_t workers, const std::vector<std::vector<size_t>>& deps,
                       const std::function<bool(size_t)>& run,
                       const std::atomic<bool>* stop = nullptr) {
  Dag dag(deps);
  return dag.Run(workers, [&](size_t i) { dag.Finish(i, run(i)); }, stop);
}

TEST(SchedulerTest, RunsEveryTaskAfterItsDependencies) {
  // A diamond per "date": 0 -> {1, 2} -> 3, repeated.
  std::vector<std::vector<size_t>> deps;
  for (size_t base = 0; base < 400; base += 4) {
    deps.push_back({});
    deps.push_back({base});
    deps.push_back({base});
    deps.push_back({base + 1, base + 2});
  }
  std::vector<std::atomic<bool>> done(deps.size());
  std::atomic<int> violations{0};
  const SchedulerResult result = RunDag(4, deps, [&](size_t i) {
    for (size_t d : deps[i]) violations += done[d].load() ? 0 : 1;
    done[i] = true;
    return true;
  });
  EXPECT_EQ(result.started, deps.size());
  EXPECT_EQ(result.not_started, 0u);
  EXPECT_EQ(violations.load(), 0);
}

TEST(SchedulerTest, StopsSchedulingWhenATaskAsks) {
  std::vector<std::vector<size_t>> deps(100);
  std::atomic<int> ran{0};
  const SchedulerResult result = RunDag(1, deps, [&](size_t i) {
    ++ran;
    return i != 9;
  });
  EXPECT_EQ(ran.load(), 10);
  EXPECT_EQ(result.not_started, 90u);
}

TEST(SchedulerTest, StopFlagLeavesTheRestUnstarted) {
  std::vector<std::vector<size_t>> deps(50);
  std::atomic<bool> stop{false};
  const SchedulerResult result = RunDag(
      2, deps,
      [&](size_t i) {
        if (i == 4) stop = true;
        return true;
      },
      &stop);
  EXPECT_LT(result.started, 50u);
  EXPECT_EQ(result.started + result.not_started, 50u);
}

TEST(SchedulerTest, DependentsWaitForAFinishFromAnotherThread) {
  // A chain 0 -> 1 -> 2: each task is finished later by a "writer" thread, as the backfill's
  // writer finishes a partition only once it is committed.
  const std::vector<std::vector<size_t>> deps = {{}, {0}, {1}};
  Dag dag(deps);
  std::mutex mu;
  std::vector<size_t> handed, finished;
  std::vector<std::thread> writers;
  const SchedulerResult result = dag.Run(2, [&](size_t i) {
    std::lock_guard lock(mu);
    // Every earlier task was finished before this one started.
    EXPECT_EQ(finished.size(), i);
    handed.push_back(i);
    writers.emplace_back([&, i] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      {
        std::lock_guard inner(mu);
        finished.push_back(i);
      }
      dag.Finish(i, true);
    });
  });
  for (std::thread& t : writers) t.join();
  EXPECT_EQ(result.started, 3u);
  EXPECT_EQ(handed, (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(finished, (std::vector<size_t>{0, 1, 2}));
}

TEST(SchedulerTest, ExternalEventsGateTheirDependentsAndAreNeverStarted) {
  // Tasks 0 and 1; event 2 (a season loaded) gates task 1.
  const std::vector<std::vector<size_t>> deps = {{}, {2}, {}};
  Dag dag(deps, 1);
  std::atomic<bool> event_done{false};
  std::vector<size_t> started;
  std::thread loader([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    event_done = true;
    dag.Finish(2, true);
  });
  const SchedulerResult result = dag.Run(1, [&](size_t i) {
    started.push_back(i);
    if (i == 1) {
      EXPECT_TRUE(event_done.load());
    }
    dag.Finish(i, true);
  });
  loader.join();
  EXPECT_EQ(started, (std::vector<size_t>{0, 1}));
  EXPECT_EQ(result.started, 2u);
  EXPECT_EQ(result.not_started, 0u);
}

}  // namespace
}  // namespace backcourt
