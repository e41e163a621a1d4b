// The pure rules of fetching: what is retried, how long to wait, what a body must be, the
// quota arithmetic, the US date and the per-host rate limit.
#include "fetch/retry.h"

#include <gtest/gtest.h>

#include "fetch/body_check.h"
#include "fetch/fetcher.h"
#include "fetch/landing.h"
#include "fetch/nba_stats_source.h"
#include "fetch/quota.h"
#include "fetch/rate_limiter.h"

namespace backcourt {
namespace {

using std::chrono::milliseconds;

TEST(RetryTest, OnlyTooManyRequestsAndServerErrorsAreRetried) {
  const struct {
    long status;
    bool retry;
  } cases[] = {{200, false}, {400, false}, {401, false}, {403, false}, {404, false},
               {422, false}, {429, true},  {500, true},  {502, true},  {503, true}};
  for (const auto& c : cases) EXPECT_EQ(IsRetryableStatus(c.status), c.retry) << c.status;
}

TEST(RetryTest, BackoffDoublesIsCappedAndJittered) {
  RetryPolicy policy;
  policy.base_delay = milliseconds(100);
  policy.max_delay = milliseconds(1000);
  std::mt19937 rng(7);
  for (int i = 0; i < 50; ++i) {
    const auto first = BackoffDelay(policy, 1, rng);
    EXPECT_GE(first, milliseconds(50));
    EXPECT_LE(first, milliseconds(100));
    const auto third = BackoffDelay(policy, 3, rng);
    EXPECT_GE(third, milliseconds(200));
    EXPECT_LE(third, milliseconds(400));
    EXPECT_LE(BackoffDelay(policy, 30, rng), milliseconds(1000));
  }
  std::set<int64_t> distinct;
  for (int i = 0; i < 20; ++i) distinct.insert(BackoffDelay(policy, 2, rng).count());
  EXPECT_GT(distinct.size(), 5u) << "no jitter";
}

TEST(RetryTest, RetryAfterIsSecondsOrAnHttpDate) {
  const auto now = *ParseUtc("2025-03-16T09:00:00Z");
  EXPECT_EQ(ParseRetryAfter("3", now), milliseconds(3000));
  EXPECT_EQ(ParseRetryAfter("Sun, 16 Mar 2025 09:00:30 GMT", now), milliseconds(30000));
  EXPECT_EQ(ParseRetryAfter("Sun, 16 Mar 2025 08:00:00 GMT", now), milliseconds(0));
  EXPECT_FALSE(ParseRetryAfter("", now));
  EXPECT_FALSE(ParseRetryAfter("soon", now));
}

TEST(BodyCheckTest, OnlyCompleteJsonObjectsAndArraysPass) {
  const struct {
    const char* type;
    const char* body;
    const char* error;  // "" when accepted
  } cases[] = {
      {"application/json", R"({"resultSets":[]})", ""},
      {"application/json", R"([{"id":"x"}])", ""},
      {"", "\xEF\xBB\xBF {\"a\":1}", ""},
      {"application/json", "", "empty body"},
      {"text/html; charset=utf-8", R"({"a":1})", "HTML page"},
      {"application/json", "  <!DOCTYPE html><html>blocked</html>", "HTML page"},
      {"application/json", R"({"resultSets":[)", "not valid JSON"},
      {"application/json", "42", "JSON scalar"},
  };
  for (const auto& c : cases) {
    const Status status = CheckJsonBody(c.type, c.body);
    if (std::string(c.error).empty()) {
      EXPECT_TRUE(status) << c.body;
    } else {
      ASSERT_FALSE(status) << c.body;
      EXPECT_NE(status.error().message().find(c.error), std::string::npos)
          << status.error().message();
    }
  }
}

TEST(QuotaTest, AllowsUntilTheReserveAndDescribesTheHeaders) {
  QuotaTracker quota(10);
  EXPECT_TRUE(quota.Allow(1000)) << "unknown quota: the first request finds out";
  HttpResponse response;
  response.headers = {
      {"x-requests-remaining", "14"}, {"x-requests-used", "486"}, {"x-requests-last", "1"}};
  quota.Update(response);
  EXPECT_TRUE(quota.Allow(4));
  EXPECT_FALSE(quota.Allow(5));
  EXPECT_EQ(quota.Describe(), "14 remaining, 486 used (last request 1)");
}

TEST(SeasonTest, SeasonTypes) {
  EXPECT_EQ(NbaSeasonTypes(2019), (std::vector<std::string>{"Regular Season", "Playoffs"}));
  EXPECT_EQ(NbaSeasonTypes(2023),
            (std::vector<std::string>{"Regular Season", "Playoffs", "PlayIn", "IST"}));
}

TEST(RateLimiterTest, SpacesRequestsToOneHostOnly) {
  RateLimiter limiter(milliseconds(120));
  const auto start = std::chrono::steady_clock::now();
  limiter.Wait("http://127.0.0.1:1");
  limiter.Wait("http://127.0.0.1:2");  // another host: no wait
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(100));
  limiter.Wait("http://127.0.0.1:1");
  limiter.Wait("http://127.0.0.1:1");
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(240));
  EXPECT_EQ(HostOf("https://stats.nba.com/stats/x?y=1"), "https://stats.nba.com");
}

TEST(QueryEscapeTest, EscapesAllButUnreserved) {
  EXPECT_EQ(QueryEscape("Regular Season"), "Regular%20Season");
  EXPECT_EQ(QueryEscape("10/21/2025"), "10%2F21%2F2025");
  EXPECT_EQ(QueryEscape("a-b_c.d~e"), "a-b_c.d~e");
}

}  // namespace
}  // namespace backcourt
