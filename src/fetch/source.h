#pragma once
// One source = one file pair implementing this interface: what to request for a season or a
// date, where each response lands, and when it expires. The fetcher does the rest (HTTP,
// rate limit, retries, checks, atomic save, manifest).
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace backcourt {

// When a landed response must be fetched again.
struct Expiry {
  bool never = false;              // final data: a finished game's box score, a past snapshot
  std::chrono::seconds ttl{3600};  // otherwise: re-fetched once older than this

  static Expiry Never() { return Expiry{true, std::chrono::seconds(0)}; }
  static Expiry After(std::chrono::seconds ttl) { return Expiry{false, ttl}; }
  // "never" or "ttl=3600s", as written in the manifest.
  std::string Describe() const;
};

struct FetchRequest {
  std::string source;          // "nba-stats", "nba-cdn", "odds-api"
  std::string base_url;        // scheme://host[:port], from the environment or the default
  std::string path_and_query;  // exactly the real API's path and parameters, without secrets
  std::string save_as;         // path inside the landing folder, derived from the request
  Expiry expiry;
  std::vector<std::string> headers;  // "Name: value"
  // A query parameter appended only when sending ("apiKey=..."): never printed, never in
  // the manifest or a file name.
  std::string secret_query;
  int quota_cost = 0;  // upper bound of the units a metered API charges for this request
  // What a 200 body must be: a JSON document (the APIs) or a PDF (the injury reports).
  enum class Body { kJson, kPdf } body = Body::kJson;
  // 404 and 403 mean "not published" (a report slot the league skipped): the request is
  // skipped, not failed. Otherwise any 4xx fails it.
  bool absent_ok = false;

  // The URL without secrets: the one messages and the manifest name.
  std::string url() const { return base_url + path_and_query; }
  // The URL actually requested.
  std::string url_to_send() const;
};

// What the user asked for: `fetch SOURCE [--season S] [--date D] [--game ID]...`.
struct FetchScope {
  std::string season;              // "2024-25"; defaults to the season of `date` or of today
  std::optional<Date> date;        // one game date (US)
  std::vector<std::string> games;  // explicit NBA.com game ids for box scores
  Date today;                      // the current US date (UTC-5), from the injected clock
};

class Source {
 public:
  virtual ~Source() = default;
  virtual std::string_view name() const = 0;
  // The first requests for `scope`. An error means the scope cannot be served (no key, a
  // date outside the season): nothing is fetched for this source.
  virtual Result<std::vector<FetchRequest>> Plan(const FetchScope& scope) const = 0;
  // Checks a body beyond "is JSON" (the CDN's season); an error is never saved.
  virtual Status CheckBody(const FetchRequest& request, std::string_view body) const;
  // Requests that a landed body leads to (the box scores of a date's games, the odds of a
  // day's events). Called for fresh and for skipped responses alike.
  virtual std::vector<FetchRequest> FollowUps(const FetchRequest& request, std::string_view body,
                                              const FetchScope& scope) const;
};

// The base URL of a source: the environment variable when set, otherwise `fallback`.
// A trailing '/' is dropped.
std::string BaseUrlFromEnv(const char* variable, const char* fallback);

// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
std::string QueryEscape(std::string_view value);


}  // namespace backcourt
