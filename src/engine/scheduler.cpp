#include "engine/scheduler.h"

#include <thread>

namespace backcourt {

Dag::Dag(const std::vector<std::vector<size_t>>& deps, size_t external)
    : dependents_(deps.size()),
      waiting_(deps.size(), 0),
      first_external_(deps.size() - external),
      external_left_(external) {
  for (size_t i = 0; i < deps.size(); ++i) {
    waiting_[i] = deps[i].size();
    for (size_t d : deps[i]) dependents_[d].push_back(i);
    if (waiting_[i] == 0 && i < first_external_) ready_.push(i);
  }
}

void Dag::Finish(size_t task, bool go_on) {
  std::lock_guard lock(mu_);
  if (task >= first_external_) {
    --external_left_;
  } else {
    --in_flight_;
  }
  if (!go_on) halted_ = true;
  for (size_t next : dependents_[task]) {
    if (--waiting_[next] == 0) ready_.push(next);
  }
  cv_.notify_all();
}

SchedulerResult Dag::Run(size_t workers, const std::function<void(size_t)>& start,
                         const std::atomic<bool>* stop) {
  auto stopping = [&] { return halted_ || (stop != nullptr && stop->load()); };
  auto worker = [&] {
    std::unique_lock lock(mu_);
    for (;;) {
      // Wait while unfinished tasks may still make others ready.
      cv_.wait(lock, [&] {
        return stopping() || !ready_.empty() || (in_flight_ == 0 && external_left_ == 0);
      });
      if (stopping() || ready_.empty()) {
        cv_.notify_all();
        return;
      }
      const size_t task = ready_.top();
      ready_.pop();
      ++started_;
      ++in_flight_;
      lock.unlock();
      start(task);
      lock.lock();
    }
  };
  std::vector<std::thread> threads;
  for (size_t i = 0; i < std::max<size_t>(1, workers); ++i) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  return {started_, first_external_ - started_};
}

}  // namespace backcourt
