#include "engine/scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

namespace backcourt {
namespace {

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

}  // namespace
}  // namespace backcourt
