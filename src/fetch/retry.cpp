#include "fetch/retry.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace backcourt {

bool IsRetryableStatus(long status) { return status == 429 || (status >= 500 && status <= 599); }

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int attempt, std::mt19937& rng) {
  const int doublings = std::clamp(attempt - 1, 0, 20);
  const auto exponential = policy.base_delay * (int64_t{1} << doublings);
  const auto capped = std::min<std::chrono::milliseconds>(exponential, policy.max_delay);
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return std::chrono::milliseconds(
      static_cast<int64_t>(static_cast<double>(capped.count()) * jitter(rng)));
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(
    const std::string& value, std::chrono::system_clock::time_point now) {
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (value.size() > 9) return std::nullopt;
    return std::chrono::seconds(std::stoll(value));
  }
  const time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  const auto delta = std::chrono::system_clock::from_time_t(when) - now;
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(delta));
}

}  // namespace backcourt
