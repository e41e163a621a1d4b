#pragma once
// Politeness: at most one request per `interval` to each host (NBA.com blocks clients that
// go faster than about one a second).
#include <chrono>
#include <functional>
#include <map>
#include <string>

namespace backcourt {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  using Sleep = std::function<void(std::chrono::milliseconds)>;

  // `sleep` is injectable so tests can observe the waits instead of making them.
  explicit RateLimiter(std::chrono::milliseconds interval, Sleep sleep = nullptr);

  // Blocks until a request to `host` is allowed, then records it as made.
  void Wait(const std::string& host);

 private:
  std::chrono::milliseconds interval_;
  Sleep sleep_;
  std::map<std::string, Clock::time_point> last_;
};

// "scheme://host:port" of a URL (the part before the path): the key of a per-host limit.
std::string HostOf(const std::string& url);

}  // namespace backcourt
