#pragma once
// Runs the sources' requests into the landing folder: skips what is landed and fresh, rate
// limits per host, retries what may succeed later, checks every body, saves atomically,
// records the manifest, follows up (a date's box scores, a day's event odds) and reports
// each request's outcome.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "fetch/http_client.h"
#include "fetch/retry.h"
#include "fetch/source.h"

namespace backcourt {

struct FetchOptions {
  std::string out_dir = "landing";               // the landing folder
  HttpOptions http;                              // timeouts
  RetryPolicy retry;                             // attempts and backoff
  std::chrono::milliseconds min_interval{1000};  // between two requests to one host
  int quota_reserve = 20;                        // Odds API units never spent
  // Injected clock and sleep (tests); empty means the system's.
  std::function<std::chrono::system_clock::time_point()> now;
  std::function<void(std::chrono::milliseconds)> sleep;
};

enum class FetchAction {
  kFetched,    // downloaded, new or changed bytes saved
  kUnchanged,  // expired, downloaded again, same bytes (manifest refreshed)
  kSkipped,    // landed and not expired: no request made
  kFailed,     // nothing saved; `reason` says why
};
const char* FetchActionName(FetchAction action);

struct RequestOutcome {
  std::string source;
  std::string url;   // without secrets; empty when the source could not plan
  std::string file;  // relative to the landing folder
  FetchAction action = FetchAction::kFailed;
  long status = 0;
  int64_t bytes = 0;
  int attempts = 0;
  std::string reason;
};

struct FetchReport {
  std::vector<RequestOutcome> outcomes;
  std::string quota;  // the Odds API's last reported quota, "" when not contacted
  int stale_temps_removed = 0;

  int Count(FetchAction action) const;
  bool ok() const { return Count(FetchAction::kFailed) == 0; }
};

struct FetchCallbacks {
  // A new stage of requests is about to run: how many per source.
  std::function<void(const std::map<std::string, int64_t>&)> on_stage;
  std::function<void(const RequestOutcome&)> on_outcome;
};

// Fetches everything `sources` plan for `scope`. An error is the landing folder's (cannot
// create or write); a failed request is an outcome, and the others go on.
Result<FetchReport> RunFetch(const std::vector<std::unique_ptr<Source>>& sources,
                             const FetchScope& scope, const FetchOptions& options,
                             const FetchCallbacks& callbacks = {});

}  // namespace backcourt
