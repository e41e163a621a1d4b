// The failures a live source produces, injected by the local server: each is retried or
// not as it should be, and a failed response never lands (no file, no temp, no manifest).
#include <gtest/gtest.h>

#include <atomic>

#include "fetch/fetch_fixture.h"
#include "fetch/nba_cdn_source.h"

namespace backcourt::testing {
namespace {

constexpr const char* kSchedulePath = "/static/json/staticData/scheduleLeagueV2.json";

class FetchFailuresTest : public FetchTest {
 protected:
  void Serve(LocalServer::Handler handler) {
    server_.Route(kSchedulePath, std::move(handler));
    server_.Start();
  }
  static std::string Schedule() {
    return ReadBytes(TestData("scheduleleaguev2_2024-25_sample.json"));
  }

  RequestOutcome FetchSchedule() {
    const FetchReport report =
        Run(MakeNbaCdnSource(server_.url()), Scope("2024-25", "2025-01-15T18:00:00Z"));
    EXPECT_EQ(report.outcomes.size(), 1u);
    return report.outcomes.empty() ? RequestOutcome{} : report.outcomes[0];
  }

  void ExpectNothingLanded() { EXPECT_EQ(FilesUnder(landing_), std::vector<std::string>{}); }

  std::atomic<int> calls_{0};
};

TEST_F(FetchFailuresTest, TooManyRequestsWaitsForRetryAfterThenSucceeds) {
  Serve([this](const httplib::Request&, httplib::Response& res) {
    if (calls_++ == 0) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content("{\"message\":\"slow down\"}", "application/json");
      return;
    }
    res.set_content(Schedule(), "application/json");
  });
  const auto start = std::chrono::steady_clock::now();
  const RequestOutcome outcome = FetchSchedule();
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(outcome.action, FetchAction::kFetched) << outcome.reason;
  EXPECT_EQ(outcome.attempts, 2);
  // The backoff alone is at most 40 ms here: only Retry-After explains a second.
  EXPECT_GE(waited, std::chrono::milliseconds(950));
  EXPECT_EQ(Landed("nba_cdn/scheduleLeagueV2_2024-25.json"), Schedule());
}

TEST_F(FetchFailuresTest, RetryAfterBeyondTheLimitFailsAtOnceInsteadOfRetryingEarly) {
  Serve([](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "3600");
    res.set_content("{}", "application/json");
  });
  const RequestOutcome outcome = FetchSchedule();
  EXPECT_EQ(outcome.action, FetchAction::kFailed);
  EXPECT_EQ(outcome.attempts, 1);
  EXPECT_NE(outcome.reason.find("HTTP 429 Too Many Requests (Retry-After 3600 s), over the 120 s"),
            std::string::npos)
      << outcome.reason;
  ExpectNothingLanded();
}

TEST_F(FetchFailuresTest, ServerErrorIsRetriedWithBackoffThenSucceeds) {
  Serve([this](const httplib::Request&, httplib::Response& res) {
    if (calls_++ < 2) {
      res.status = 500;
      res.set_content("{\"error\":\"internal\"}", "application/json");
      return;
    }
    res.set_content(Schedule(), "application/json");
  });
  const RequestOutcome outcome = FetchSchedule();
  EXPECT_EQ(outcome.action, FetchAction::kFetched) << outcome.reason;
  EXPECT_EQ(outcome.attempts, 3);
  EXPECT_EQ(ManifestLines(landing_).size(), 1u);
}

TEST_F(FetchFailuresTest, PersistentServerErrorFailsAfterTheLastAttempt) {
  Serve([](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_content("{}", "application/json");
  });
  const RequestOutcome outcome = FetchSchedule();
  EXPECT_EQ(outcome.action, FetchAction::kFailed);
  EXPECT_EQ(outcome.attempts, 3);
  EXPECT_EQ(server_.Hits(kSchedulePath), 3);
  EXPECT_NE(outcome.reason.find("HTTP 503 (gave up after 3 attempt(s))"), std::string::npos);
  EXPECT_EQ(outcome.url, server_.url() + kSchedulePath);
  ExpectNothingLanded();
}

TEST_F(FetchFailuresTest, StalledResponseTimesOutIsRetriedAndNothingLands) {
  options_.http.total_timeout = std::chrono::milliseconds(300);
  Serve([this](const httplib::Request&, httplib::Response& res) {
    SleepUnless(server_.stopping(), std::chrono::milliseconds(1500));
    res.set_content(Schedule(), "application/json");
  });
  const auto start = std::chrono::steady_clock::now();
  const RequestOutcome outcome = FetchSchedule();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(outcome.action, FetchAction::kFailed);
  EXPECT_EQ(outcome.attempts, 3);
  EXPECT_NE(outcome.reason.find("timeout"), std::string::npos) << outcome.reason;
  ExpectNothingLanded();
}

TEST_F(FetchFailuresTest, TruncatedBodyIsAnErrorAndNeverSaved) {
  Serve([](const httplib::Request&, httplib::Response& res) {
    const std::string body = Schedule();
    // Announces the whole body, sends a tenth, then drops the connection.
    res.set_content_provider(body.size(), "application/json",
                             [body](size_t, size_t, httplib::DataSink& sink) {
                               sink.write(body.data(), body.size() / 10);
                               return false;
                             });
  });
  const RequestOutcome outcome = FetchSchedule();
  EXPECT_EQ(outcome.action, FetchAction::kFailed);
  EXPECT_NE(outcome.reason.find("truncated body"), std::string::npos) << outcome.reason;
  ExpectNothingLanded();
}

TEST_F(FetchFailuresTest, HtmlBlockPageIsAnErrorNotRetriedAndNeverSaved) {
  Serve([](const httplib::Request&, httplib::Response& res) {
    res.set_content("<html><body><h1>Access Denied</h1></body></html>", "text/html");
  });
  const RequestOutcome outcome = FetchSchedule();
  EXPECT_EQ(outcome.action, FetchAction::kFailed);
  EXPECT_EQ(outcome.attempts, 1);
  EXPECT_NE(outcome.reason.find("HTML page"), std::string::npos) << outcome.reason;
  ExpectNothingLanded();
}

TEST_F(FetchFailuresTest, BodyThatIsNotJsonIsAnErrorAndNeverSaved) {
  Serve([](const httplib::Request&, httplib::Response& res) {
    res.set_content(Schedule().substr(0, 5000), "application/json");  // complete, but cut JSON
  });
  const RequestOutcome outcome = FetchSchedule();
  EXPECT_EQ(outcome.action, FetchAction::kFailed);
  EXPECT_NE(outcome.reason.find("not valid JSON"), std::string::npos) << outcome.reason;
  ExpectNothingLanded();
}

TEST_F(FetchFailuresTest, ClientErrorIsNeverRetried) {
  Serve([](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content("{}", "application/json");
  });
  const RequestOutcome outcome = FetchSchedule();
  EXPECT_EQ(outcome.action, FetchAction::kFailed);
  EXPECT_EQ(server_.Hits(kSchedulePath), 1);
  EXPECT_NE(outcome.reason.find("HTTP 404"), std::string::npos);
  ExpectNothingLanded();
}

TEST_F(FetchFailuresTest, FailedRefetchKeepsThePreviousFileAndManifest) {
  Serve([this](const httplib::Request&, httplib::Response& res) {
    if (calls_++ == 0) {
      res.set_content(Schedule(), "application/json");
    } else {
      res.set_content("<html>maintenance</html>", "text/html");
    }
  });
  ASSERT_EQ(FetchSchedule().action, FetchAction::kFetched);
  const FetchReport later =
      Run(MakeNbaCdnSource(server_.url()), Scope("2024-25", "2025-01-15T20:00:00Z"));
  EXPECT_EQ(later.Count(FetchAction::kFailed), 1);
  EXPECT_EQ(Landed("nba_cdn/scheduleLeagueV2_2024-25.json"), Schedule());
  EXPECT_EQ(ManifestLines(landing_).size(), 1u);
}

}  // namespace
}  // namespace backcourt::testing
