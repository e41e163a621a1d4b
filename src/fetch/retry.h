#pragma once
// When a failed request is tried again, and after how long: exponential backoff with jitter
// on timeouts, truncated bodies, refused connections, 429 and 5xx; never on another 4xx.
#include <chrono>
#include <optional>
#include <random>
#include <string>

namespace backcourt {

struct RetryPolicy {
  int max_attempts = 4;                                // first try included
  std::chrono::milliseconds base_delay{1000};          // before the second attempt, ± jitter
  std::chrono::milliseconds max_delay{30'000};         // cap of the exponential delay
  std::chrono::milliseconds max_retry_after{120'000};  // a longer Retry-After fails instead
};

// Is this HTTP status worth another attempt?
bool IsRetryableStatus(long status);

// The delay before attempt `attempt + 1` (attempt counts from 1): base·2^(attempt-1),
// capped, then scaled by a random factor in [0.5, 1.0] so clients do not retry in step.
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int attempt, std::mt19937& rng);

// Reads a Retry-After value: delta seconds ("3") or an HTTP date; nullopt when unreadable.
std::optional<std::chrono::milliseconds> ParseRetryAfter(const std::string& value,
                                                         std::chrono::system_clock::time_point now);

}  // namespace backcourt
