#include "fetch/rate_limiter.h"

#include <thread>

namespace backcourt {

RateLimiter::RateLimiter(std::chrono::milliseconds interval, Sleep sleep)
    : interval_(interval), sleep_(std::move(sleep)) {
  if (!sleep_) sleep_ = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
}

void RateLimiter::Wait(const std::string& host) {
  const auto it = last_.find(host);
  if (it != last_.end()) {
    const auto next = it->second + interval_;
    const auto now = Clock::now();
    if (next > now) {
      sleep_(std::chrono::ceil<std::chrono::milliseconds>(next - now));
    }
  }
  last_[host] = Clock::now();
}

std::string HostOf(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  const size_t end = url.find_first_of("/?#", start);
  return url.substr(0, end);
}

}  // namespace backcourt
