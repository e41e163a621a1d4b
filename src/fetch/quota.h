#pragma once
// The Odds API's quota, as its response headers report it (x-requests-remaining,
// x-requests-used, x-requests-last): the fetcher stops before a request could take the
// remaining units below the reserve.
#include <optional>
#include <string>

#include "core/status.h"
#include "fetch/http_client.h"

namespace backcourt {

class QuotaTracker {
 public:
  explicit QuotaTracker(int reserve) : reserve_(reserve) {}

  // Reads the quota headers of a response (absent headers leave the state as it was).
  void Update(const HttpResponse& response);
  // Fails when a request costing `cost` units would leave fewer than the reserve.
  Status Allow(int cost) const;

  bool known() const { return remaining_.has_value(); }
  // "480 remaining, 20 used (last request 4)" or "" before any metered response.
  std::string Describe() const;

 private:
  int reserve_;
  std::optional<long long> remaining_, used_, last_;
};

}  // namespace backcourt
