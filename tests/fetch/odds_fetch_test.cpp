// The Odds API against the local server: events then each event's odds, live and
// historical; the key is sent but never printed or stored; the quota headers are read and
// the fetch stops before the reserve; a bad key is a clear, unretried error.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "fetch/fetch_fixture.h"
#include "fetch/odds_api_source.h"

namespace backcourt::testing {
namespace {

constexpr const char* kKey = "test-key-5ecret";
constexpr const char* kHistoricalEvents = "/v4/historical/sports/basketball_nba/events";
constexpr const char* kLiveEvents = "/v4/sports/basketball_nba/events";

class OddsFetchTest : public FetchTest {
 protected:
  void SetUp() override {
    events_ = ReadBytes(TestData("fetch/historical_events_2024-01-25T0355Z.json"));
    server_.Route(kHistoricalEvents, [this](const httplib::Request& req, httplib::Response& res) {
      Metered(req, res, 1, events_);
    });
    server_.Route(kLiveEvents, [this](const httplib::Request& req, httplib::Response& res) {
      // The live list is the historical snapshot's "data".
      Metered(req, res, 0, nlohmann::json::parse(events_)["data"].dump());
    });
    // Event paths carry the id: one regex route per kind.
    server_.Route(
        R"(/v4/historical/sports/basketball_nba/events/(\w+)/odds)",
        [this](const httplib::Request& req, httplib::Response& res) {
          Metered(req, res, 40,
                  ReadBytes(TestData("fetch/historical_event_odds_h2h_2024-01-25T0355Z.json")));
        });
    server_.Route(R"(/v4/sports/basketball_nba/events/(\w+)/odds)", [this](
                                                                        const httplib::Request& req,
                                                                        httplib::Response& res) {
      Metered(req, res, 4, ReadBytes(TestData("fetch/event_odds_player_props_shape_example.json")));
    });
  }

  // Answers like The Odds API: 401 without the right key, quota headers on every answer.
  void Metered(const httplib::Request& req, httplib::Response& res, int cost,
               const std::string& body) {
    if (req.get_param_value("apiKey") != kKey) {
      res.status = 401;
      res.set_content(R"({"message":"API key is not valid"})", "application/json");
      return;
    }
    remaining_ -= cost;
    used_ += cost;
    res.set_header("x-requests-remaining", std::to_string(remaining_.load()));
    res.set_header("x-requests-used", std::to_string(used_.load()));
    res.set_header("x-requests-last", std::to_string(cost));
    res.set_content(body, "application/json");
  }

  FetchReport Fetch(const std::string& key, const FetchScope& scope) {
    return Run(MakeOddsApiSource(server_.url(), key), scope);
  }

  // Nothing the user or the landing folder sees holds the key.
  void ExpectKeyNowhere(const FetchReport& report) {
    for (const RequestOutcome& o : report.outcomes) {
      EXPECT_EQ(o.url.find(kKey), std::string::npos) << o.url;
      EXPECT_EQ(o.reason.find(kKey), std::string::npos) << o.reason;
      EXPECT_EQ(o.url.find("apiKey"), std::string::npos) << o.url;
    }
    for (const std::string& file : FilesUnder(landing_)) {
      EXPECT_EQ(file.find(kKey), std::string::npos);
      EXPECT_EQ(Landed(file).find(kKey), std::string::npos) << file;
    }
  }

  std::string events_;
  std::atomic<int> remaining_{500}, used_{0};
};

TEST_F(OddsFetchTest, PastDateUsesHistoricalEventsThenEachEventsOddsBeforeTipOff) {
  server_.Start();
  const FetchReport report =
      Fetch(kKey, Scope("2023-24", "2024-02-01T18:00:00Z", std::string("2024-01-24")));
  EXPECT_EQ(report.Count(FetchAction::kFailed), 0);
  ASSERT_EQ(report.Count(FetchAction::kFetched), 11);  // the events + 10 events' odds
  const auto seen = server_.Seen();
  EXPECT_EQ(seen[0].path, kHistoricalEvents);
  EXPECT_EQ(seen[0].params.find("date")->second, "2024-01-24T15:00:00Z");
  EXPECT_EQ(seen[0].params.find("apiKey")->second, kKey);
  EXPECT_EQ(seen[1].path,
            "/v4/historical/sports/basketball_nba/events/f137689983933840bf2f2a91278eb03b/odds");
  EXPECT_EQ(seen[1].params.find("markets")->second, "player_points,h2h,spreads,totals");
  EXPECT_EQ(seen[1].params.find("regions")->second, "us");
  EXPECT_EQ(seen[1].params.find("oddsFormat")->second, "american");
  EXPECT_EQ(seen[1].params.find("date")->second, "2024-01-24T15:00:00Z");
  EXPECT_EQ(Landed("odds_api/historical_events_2024-01-24T1500Z.json"), events_);
  EXPECT_FALSE(
      Landed(
          "odds_api/historical_event_odds_f137689983933840bf2f2a91278eb03b_2024-01-24T1500Z.json")
          .empty());
  EXPECT_EQ(report.quota, "99 remaining, 401 used (last request 40)");
  ExpectKeyNowhere(report);
  for (const std::string& line : ManifestLines(landing_)) {
    EXPECT_EQ(line.find(kKey), std::string::npos) << line;
    EXPECT_EQ(nlohmann::json::parse(line)["expires"], "never");  // a past snapshot
  }
}

TEST_F(OddsFetchTest, TodayUsesTheLiveEndpointsAndTheirLinesExpire) {
  server_.Start();
  const FetchReport report = Fetch(kKey, Scope("2023-24", "2024-01-24T18:00:00Z"));
  ASSERT_EQ(report.Count(FetchAction::kFetched), 11) << report.outcomes[0].reason;
  const auto seen = server_.Seen();
  EXPECT_EQ(seen[0].path, kLiveEvents);
  EXPECT_EQ(seen[0].params.find("commenceTimeFrom")->second, "2024-01-24T10:00:00Z");
  EXPECT_EQ(seen[0].params.find("commenceTimeTo")->second, "2024-01-25T10:00:00Z");
  EXPECT_EQ(seen[1].query.substr(0, seen[1].query.find("&apiKey")),
            "markets=player_points,h2h,spreads,totals&regions=us&oddsFormat=american");
  EXPECT_NE(Landed("odds_api/event_odds_cd0bc7d0c238f4446ce1c03d0cea7ec4_2024-01-24.json")
                .find("player_points"),
            std::string::npos);
  const FetchReport soon = Fetch(kKey, Scope("2023-24", "2024-01-24T18:20:00Z"));
  EXPECT_EQ(soon.Count(FetchAction::kSkipped), 11);
  const FetchReport later = Fetch(kKey, Scope("2023-24", "2024-01-24T18:40:00Z"));
  EXPECT_EQ(later.Count(FetchAction::kUnchanged), 11);  // 30 min TTL: asked again
  EXPECT_EQ(server_.Seen().size(), 22u);
}

TEST_F(OddsFetchTest, BadKeyIsAClearErrorNamingTheUrlWithoutTheKeyAndIsNotRetried) {
  server_.Start();
  const FetchReport report =
      Fetch("wrong-key-999", Scope("2023-24", "2024-02-01T18:00:00Z", std::string("2024-01-24")));
  ASSERT_EQ(report.outcomes.size(), 1u);
  const RequestOutcome& o = report.outcomes[0];
  EXPECT_EQ(o.action, FetchAction::kFailed);
  EXPECT_EQ(o.status, 401);
  EXPECT_EQ(o.attempts, 1);
  EXPECT_EQ(server_.Hits(kHistoricalEvents), 1);
  EXPECT_NE(o.reason.find("401 Unauthorized"), std::string::npos);
  EXPECT_NE(o.url.find(kHistoricalEvents), std::string::npos);
  EXPECT_EQ(o.url.find("wrong-key-999"), std::string::npos);
  EXPECT_TRUE(FilesUnder(landing_).empty());
}

TEST_F(OddsFetchTest, MissingKeyFailsTheSourceWithoutARequest) {
  server_.Start();
  const FetchReport report = Fetch("", Scope("2023-24", "2024-02-01T18:00:00Z"));
  ASSERT_EQ(report.outcomes.size(), 1u);
  EXPECT_NE(report.outcomes[0].reason.find("ODDS_API_KEY is not set"), std::string::npos);
  EXPECT_TRUE(server_.Seen().empty());
}

TEST_F(OddsFetchTest, StopsBeforeTheQuotaReserveIsSpent) {
  remaining_ = 101;  // after the events (1): 100; one historical event's odds costs 40
  options_.quota_reserve = 30;
  server_.Start();
  const FetchReport report =
      Fetch(kKey, Scope("2023-24", "2024-02-01T18:00:00Z", std::string("2024-01-24")));
  EXPECT_EQ(report.Count(FetchAction::kFetched), 2);  // the events and one event's odds
  EXPECT_EQ(report.Count(FetchAction::kFailed), 9);   // the other events' odds
  EXPECT_EQ(server_.Seen().size(), 2u) << "a request was sent past the reserve";
  EXPECT_GE(remaining_.load(), 30);
  const RequestOutcome& last = report.outcomes.back();
  EXPECT_NE(last.reason.find("quota reserve reached: 60 requests remaining"), std::string::npos)
      << last.reason;
}

}  // namespace
}  // namespace backcourt::testing
