#include "fetch/fetcher.h"

#include <fmt/format.h>

#include <random>
#include <set>
#include <thread>

#include "core/hash.h"
#include "fetch/body_check.h"
#include "fetch/landing.h"
#include "fetch/quota.h"
#include "fetch/rate_limiter.h"

namespace backcourt {
namespace {

using Clock = std::chrono::system_clock;
using std::chrono::milliseconds;

std::string StatusText(long status) {
  switch (status) {
    case 401:
      return "HTTP 401 Unauthorized: the API key was refused (check ODDS_API_KEY)";
    case 403:
      return "HTTP 403 Forbidden (blocked? NBA.com wants its browser headers and about one "
             "request a second)";
    case 404:
      return "HTTP 404 Not Found";
    case 422:
      return "HTTP 422 Unprocessable: a parameter was refused";
    case 429:
      return "HTTP 429 Too Many Requests";
    default:
      return fmt::format("HTTP {}", status);
  }
}

// Removes the secret parameter's value wherever a message might have picked it up.
std::string Redact(std::string text, const FetchRequest& request) {
  const size_t eq = request.secret_query.find('=');
  const std::string secret =
      eq == std::string::npos ? request.secret_query : request.secret_query.substr(eq + 1);
  if (secret.empty()) return text;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

bool IsFresh(const ManifestEntry& entry, Clock::time_point now) {
  if (entry.expires == "never") return true;
  long long ttl = 0;
  if (std::sscanf(entry.expires.c_str(), "ttl=%llds", &ttl) != 1) return false;
  const auto fetched = ParseUtc(entry.fetched_at);
  return fetched && now < *fetched + std::chrono::seconds(ttl);
}

bool IsRetryable(TransportFailure kind) {
  return kind == TransportFailure::kTimeout || kind == TransportFailure::kTruncated ||
         kind == TransportFailure::kConnect;
}

class FetchRun {
 public:
  FetchRun(const FetchOptions& options, Landing& landing)
      : options_(options),
        landing_(landing),
        http_(options.http),
        limiter_(options.min_interval, options.sleep),
        quota_(options.quota_reserve),
        rng_(std::random_device{}()) {}

  // Fetches (or skips) one request; `body` receives what is landed, for follow-ups.
  RequestOutcome One(const Source& source, const FetchRequest& request, std::string& body) {
    RequestOutcome out;
    out.source = request.source;
    out.url = request.url();
    out.file = request.save_as;
    const auto latest = landing_.Latest(request.save_as);
    if (latest && IsFresh(*latest, Now())) {
      if (auto landed = landing_.Read(request.save_as)) {
        body = std::move(*landed);
        out.action = FetchAction::kSkipped;
        out.status = latest->status;
        out.bytes = latest->bytes;
        return out;
      }
    }
    if (auto allowed = quota_.Allow(request.quota_cost); !allowed) {
      out.reason = allowed.error().message();
      return out;
    }
    for (out.attempts = 1;; ++out.attempts) {
      std::optional<milliseconds> wait;  // set: retry after it
      Attempt(source, request, latest, out, body, wait);
      if (!wait) return out;
      if (out.attempts >= options_.retry.max_attempts) {
        out.reason = fmt::format("{} (gave up after {} attempt(s))", out.reason, out.attempts);
        return out;
      }
      Sleep(*wait);
    }
  }

  std::string quota() const { return quota_.Describe(); }

 private:
  void Attempt(const Source& source, const FetchRequest& request,
               const std::optional<ManifestEntry>& latest, RequestOutcome& out, std::string& body,
               std::optional<milliseconds>& wait) {
    out.action = FetchAction::kFailed;
    limiter_.Wait(HostOf(request.base_url));
    auto response = http_.Get(request.url_to_send(), request.headers);
    if (!response) {
      out.reason = Redact(fmt::format("{}: {}", TransportFailureName(response.error().kind),
                                      response.error().message),
                          request);
      if (IsRetryable(response.error().kind)) wait = Backoff(out.attempts);
      return;
    }
    out.status = response->status;
    if (request.quota_cost > 0 || !response->Header("x-requests-remaining").empty()) {
      quota_.Update(*response);
    }
    if (request.absent_ok && (response->status == 404 || response->status == 403)) {
      out.action = FetchAction::kSkipped;
      out.reason = "not published (" + StatusText(response->status) + ")";
      return;
    }
    if (response->status != 200) {
      out.reason = StatusText(response->status);
      if (IsRetryableStatus(response->status)) wait = RetryWait(*response, out);
      return;
    }
    Status checked = request.body == FetchRequest::Body::kPdf
                         ? CheckPdfBody(response->Header("content-type"), response->body)
                         : CheckJsonBody(response->Header("content-type"), response->body);
    if (checked) checked = source.CheckBody(request, response->body);
    if (!checked) {
      out.reason = checked.error().message();
      return;
    }
    Save(request, latest, std::move(response->body), out, body);
  }

  // 429 and 5xx: Retry-After when the server gives one, otherwise backoff. A Retry-After
  // beyond the limit fails now: retrying earlier than asked would only be refused again.
  std::optional<milliseconds> RetryWait(const HttpResponse& response, RequestOutcome& out) {
    const auto after = ParseRetryAfter(response.Header("retry-after"), Now());
    if (!after) return Backoff(out.attempts);
    out.reason += fmt::format(" (Retry-After {} s)", after->count() / 1000.0);
    if (*after > options_.retry.max_retry_after) {
      out.reason +=
          fmt::format(", over the {} s limit", options_.retry.max_retry_after.count() / 1000);
      return std::nullopt;
    }
    return *after;
  }

  void Save(const FetchRequest& request, const std::optional<ManifestEntry>& latest,
            std::string bytes, RequestOutcome& out, std::string& body) {
    ManifestEntry entry{request.url(),
                        request.save_as,
                        FormatUtc(Now()),
                        200,
                        static_cast<int64_t>(bytes.size()),
                        Sha256Hex(bytes),
                        request.expiry.Describe()};
    const bool same = latest && latest->sha256 == entry.sha256;
    if (!same) {
      if (auto saved = landing_.Save(request.save_as, bytes); !saved) {
        out.reason = saved.error().message();
        return;
      }
    }
    if (auto recorded = landing_.Record(entry); !recorded) {
      out.reason = recorded.error().message();
      return;
    }
    out.action = same ? FetchAction::kUnchanged : FetchAction::kFetched;
    out.bytes = entry.bytes;
    out.reason.clear();
    body = std::move(bytes);
  }

  milliseconds Backoff(int attempt) { return BackoffDelay(options_.retry, attempt, rng_); }
  Clock::time_point Now() const { return options_.now ? options_.now() : Clock::now(); }
  void Sleep(milliseconds ms) {
    if (options_.sleep) {
      options_.sleep(ms);
    } else {
      std::this_thread::sleep_for(ms);
    }
  }

  const FetchOptions& options_;
  Landing& landing_;
  HttpClient http_;
  RateLimiter limiter_;
  QuotaTracker quota_;
  std::mt19937 rng_;
};

struct Pending {
  const Source* source;
  FetchRequest request;
};

}  // namespace

const char* FetchActionName(FetchAction action) {
  switch (action) {
    case FetchAction::kFetched:
      return "fetched";
    case FetchAction::kUnchanged:
      return "unchanged";
    case FetchAction::kSkipped:
      return "skipped";
    case FetchAction::kFailed:
      return "failed";
  }
  return "?";
}

int FetchReport::Count(FetchAction action) const {
  int n = 0;
  for (const RequestOutcome& o : outcomes) n += o.action == action ? 1 : 0;
  return n;
}

Result<FetchReport> RunFetch(const std::vector<std::unique_ptr<Source>>& sources,
                             const FetchScope& scope, const FetchOptions& options,
                             const FetchCallbacks& callbacks) {
  Landing landing(options.out_dir);
  BC_RETURN_IF_ERROR(landing.Open());
  FetchReport report;
  report.stale_temps_removed = landing.stale_temps_removed();
  auto emit = [&](RequestOutcome outcome) {
    if (callbacks.on_outcome) callbacks.on_outcome(outcome);
    report.outcomes.push_back(std::move(outcome));
  };
  std::vector<Pending> stage;
  for (const auto& source : sources) {
    auto planned = source->Plan(scope);
    if (!planned) {
      RequestOutcome failed;
      failed.source = std::string(source->name());
      failed.reason = planned.error().message();
      emit(std::move(failed));
      continue;
    }
    for (FetchRequest& request : *planned) stage.push_back({source.get(), std::move(request)});
  }
  FetchRun run(options, landing);
  std::set<std::string> seen;
  while (!stage.empty()) {
    std::vector<Pending> next;
    std::vector<Pending> todo;
    for (Pending& p : stage) {
      if (seen.insert(p.request.save_as).second) todo.push_back(std::move(p));
    }
    if (callbacks.on_stage && !todo.empty()) {
      std::map<std::string, int64_t> counts;
      for (const Pending& p : todo) counts[p.request.source]++;
      callbacks.on_stage(counts);
    }
    for (const Pending& p : todo) {
      std::string body;
      RequestOutcome outcome = run.One(*p.source, p.request, body);
      if (outcome.action != FetchAction::kFailed) {
        for (FetchRequest& follow : p.source->FollowUps(p.request, body, scope)) {
          next.push_back({p.source, std::move(follow)});
        }
      }
      emit(std::move(outcome));
    }
    stage = std::move(next);
  }
  report.quota = run.quota();
  return report;
}

}  // namespace backcourt
