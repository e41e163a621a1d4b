// NBA.com stats and the NBA CDN schedule against the local server: what is requested (paths,
// parameters, headers), where it lands, the manifest, reruns and expiry, and that every
// landed file is an ordinary ingest input.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/hash.h"
#include "fetch/fetch_fixture.h"
#include "fetch/nba_cdn_source.h"
#include "fetch/nba_stats_source.h"
#include "ingest/ingest.h"
#include "store/schema.h"

namespace backcourt::testing {
namespace {

class NbaStatsFetchTest : public FetchTest {
 protected:
  void SetUp() override {
    player_log_ = ReadBytes(TestData("leaguegamelog_player_2025-03-15.json"));
    team_log_ = ReadBytes(TestData("fetch/leaguegamelog_team_2025-10-21.json"));
    box_ = ReadBytes(TestData("boxscoretraditionalv3_0022200552.json"));
    server_.Route(
        "/stats/leaguegamelog", [this](const httplib::Request& req, httplib::Response& res) {
          res.set_content(req.get_param_value("PlayerOrTeam") == "T" ? team_log_ : player_log_,
                          "application/json");
        });
    // The recorded v3 box score, re-labelled with the game asked for.
    server_.Route("/stats/boxscoretraditionalv3",
                  [this](const httplib::Request& req, httplib::Response& res) {
                    std::string body = box_;
                    const std::string from = "\"gameId\": \"0022200552\"";
                    body.replace(body.find(from), from.size(),
                                 "\"gameId\": \"" + req.get_param_value("GameID") + "\"");
                    res.set_content(body, "application/json");
                  });
    server_.Route("/static/json/staticData/scheduleLeagueV2.json",
                  [](const httplib::Request&, httplib::Response& res) {
                    res.set_content(ReadBytes(TestData("scheduleleaguev2_2024-25_sample.json")),
                                    "application/json");
                  });
    server_.Start();
  }

  std::unique_ptr<Source> Stats() { return MakeNbaStatsSource(server_.url()); }
  std::unique_ptr<Source> Cdn() { return MakeNbaCdnSource(server_.url()); }

  std::string player_log_, team_log_, box_;
};

TEST_F(NbaStatsFetchTest, SeasonRequestsEveryModeAndSeasonTypeWithTheHeadersNbaComRequires) {
  const FetchReport report = Run(Stats(), Scope("2024-25", "2025-03-20T18:00:00Z"));
  ASSERT_EQ(report.Count(FetchAction::kFetched), 8) << report.outcomes[0].reason;
  const auto seen = server_.Seen();
  ASSERT_EQ(seen.size(), 8u);
  std::set<std::string> types, modes;
  for (const SeenRequest& r : seen) {
    EXPECT_EQ(r.path, "/stats/leaguegamelog");
    types.insert(r.params.find("SeasonType")->second);
    modes.insert(r.params.find("PlayerOrTeam")->second);
    EXPECT_EQ(r.params.find("LeagueID")->second, "00");
    auto header = [&](const char* name) {
      return r.headers.count(name) ? r.headers.find(name)->second : "";
    };
    EXPECT_EQ(header("Referer"), "https://www.nba.com/");
    EXPECT_EQ(header("Origin"), "https://www.nba.com");
    EXPECT_EQ(header("x-nba-stats-origin"), "stats");
    EXPECT_EQ(header("x-nba-stats-token"), "true");
    EXPECT_NE(header("User-Agent").find("Mozilla/5.0"), std::string::npos);
    EXPECT_NE(header("Accept").find("application/json"), std::string::npos);
  }
  EXPECT_EQ(types, (std::set<std::string>{"Regular Season", "Playoffs", "PlayIn", "IST"}));
  EXPECT_EQ(modes, (std::set<std::string>{"P", "T"}));
  EXPECT_EQ(seen[0].query,
            "Counter=0&DateFrom=&DateTo=&Direction=ASC&LeagueID=00&PlayerOrTeam=P"
            "&Season=2024-25&SeasonType=Regular%20Season&Sorter=DATE");
  // Saved as received, named by the request, one manifest row each with its sha256.
  EXPECT_EQ(Landed("nba_stats/leaguegamelog_P_2024-25_Regular_Season.json"), player_log_);
  EXPECT_EQ(Landed("nba_stats/leaguegamelog_T_2024-25_IST.json"), team_log_);
  const auto lines = ManifestLines(landing_);
  ASSERT_EQ(lines.size(), 8u);
  const auto row = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(row["file"], "nba_stats/leaguegamelog_P_2024-25_Regular_Season.json");
  EXPECT_EQ(row["url"], server_.url() + "/stats/leaguegamelog?" + seen[0].query);
  EXPECT_EQ(row["status"], 200);
  EXPECT_EQ(row["bytes"], static_cast<int64_t>(player_log_.size()));
  EXPECT_EQ(row["sha256"], Sha256Hex(player_log_));
  EXPECT_EQ(row["fetched_at"], "2025-03-20T18:00:00Z");
  EXPECT_EQ(row["expires"], "ttl=10800s");  // the season is not over
}

TEST_F(NbaStatsFetchTest, RequestsToOneHostAreSpacedByTheRateLimit) {
  options_.min_interval = std::chrono::milliseconds(100);
  Run(Stats(), Scope("2024-25", "2025-03-20T18:00:00Z"));
  const auto seen = server_.Seen();
  ASSERT_EQ(seen.size(), 8u);
  // The server stamps a request when it gets to it, so one late stamp (a loaded machine)
  // shortens the gap after it: each gap must still be far from none, and the whole run at
  // least seven intervals long. Without the limiter the gaps are about a millisecond.
  for (size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].at - seen[i - 1].at, std::chrono::milliseconds(50)) << i;
  }
  EXPECT_GE(seen.back().at - seen.front().at, std::chrono::milliseconds(7 * 95));
}

TEST_F(NbaStatsFetchTest, OlderSeasonsHaveNoPlayInOrCupTypes) {
  const FetchReport report = Run(Stats(), Scope("2019-20", "2025-03-20T18:00:00Z"));
  EXPECT_EQ(report.Count(FetchAction::kFetched), 4);  // Regular Season and Playoffs, P and T
}

TEST_F(NbaStatsFetchTest, RerunSkipsWhatIsFreshAndRefetchesWhatExpired) {
  Run(Stats(), Scope("2024-25", "2025-03-20T18:00:00Z"));
  const FetchReport again = Run(Stats(), Scope("2024-25", "2025-03-20T19:00:00Z"));
  EXPECT_EQ(again.Count(FetchAction::kSkipped), 8);
  EXPECT_EQ(server_.Seen().size(), 8u) << "a fresh file was requested again";
  // Past the 3 h TTL of a current season: asked again; same bytes, so "unchanged".
  const FetchReport later = Run(Stats(), Scope("2024-25", "2025-03-20T21:30:00Z"));
  EXPECT_EQ(later.Count(FetchAction::kUnchanged), 8);
  EXPECT_EQ(server_.Seen().size(), 16u);
  EXPECT_EQ(ManifestLines(landing_).size(), 16u);
}

TEST_F(NbaStatsFetchTest, AFinishedSeasonNeverExpires) {
  Run(Stats(), Scope("2022-23", "2025-03-20T18:00:00Z"));
  const FetchReport year_later = Run(Stats(), Scope("2022-23", "2026-03-20T18:00:00Z"));
  EXPECT_EQ(year_later.Count(FetchAction::kSkipped), 6);
  EXPECT_EQ(server_.Seen().size(), 6u);
  EXPECT_EQ(nlohmann::json::parse(ManifestLines(landing_)[0])["expires"], "never");
}

TEST_F(NbaStatsFetchTest, ADateFetchesItsLogsThenTheBoxScoresOfItsFinishedGames) {
  const FetchReport report =
      Run(Stats(), Scope("2025-26", "2025-10-25T18:00:00Z", std::string("2025-10-21")));
  EXPECT_EQ(report.Count(FetchAction::kFailed), 0);
  ASSERT_EQ(report.Count(FetchAction::kFetched), 10);  // 8 logs + 2 games (deduplicated)
  EXPECT_EQ(server_.Seen()[0].params.find("DateFrom")->second, "10/21/2025");
  EXPECT_EQ(server_.Seen()[0].params.find("DateTo")->second, "10/21/2025");
  EXPECT_EQ(server_.Hits("/stats/boxscoretraditionalv3"), 2);
  const std::string box = Landed("nba_stats/boxscoretraditionalv3_0022500001.json");
  EXPECT_NE(box.find("\"gameId\": \"0022500001\""), std::string::npos);
  for (const std::string& line : ManifestLines(landing_)) {
    EXPECT_EQ(nlohmann::json::parse(line)["expires"], "never") << line;  // final games
  }
  EXPECT_NE(Landed("nba_stats/leaguegamelog_T_2025-26_Regular_Season_2025-10-21.json").size(), 0u);
  // A rerun asks nothing, yet still knows the box scores (from the landed team log).
  const FetchReport again =
      Run(Stats(), Scope("2025-26", "2025-10-26T18:00:00Z", std::string("2025-10-21")));
  EXPECT_EQ(again.Count(FetchAction::kSkipped), 10);
  EXPECT_EQ(server_.Seen().size(), 10u);
}

TEST_F(NbaStatsFetchTest, GameIdsAreCheckedBeforeAnyRequest) {
  FetchScope scope = Scope("2024-25", "2025-03-20T18:00:00Z");
  scope.games = {"22200552"};
  const FetchReport report = Run(Stats(), scope);
  ASSERT_EQ(report.outcomes.size(), 1u);
  EXPECT_EQ(report.outcomes[0].action, FetchAction::kFailed);
  EXPECT_NE(report.outcomes[0].reason.find("not an NBA.com game id"), std::string::npos);
  EXPECT_TRUE(server_.Seen().empty());
}

TEST_F(NbaStatsFetchTest, CdnScheduleLandsNamedBySeason) {
  const FetchReport report = Run(Cdn(), Scope("2024-25", "2025-01-15T18:00:00Z"));
  ASSERT_EQ(report.Count(FetchAction::kFetched), 1) << report.outcomes[0].reason;
  EXPECT_EQ(Landed("nba_cdn/scheduleLeagueV2_2024-25.json"),
            ReadBytes(TestData("scheduleleaguev2_2024-25_sample.json")));
  EXPECT_EQ(nlohmann::json::parse(ManifestLines(landing_)[0])["expires"], "ttl=3600s");
}

TEST_F(NbaStatsFetchTest, CdnServingAnotherSeasonIsRefusedAndNothingSaved) {
  const FetchReport report = Run(Cdn(), Scope("2025-26", "2025-11-15T18:00:00Z"));
  ASSERT_EQ(report.Count(FetchAction::kFailed), 1);
  EXPECT_NE(report.outcomes[0].reason.find("serves the 2024-25 schedule, not 2025-26"),
            std::string::npos);
  EXPECT_TRUE(FilesUnder(landing_).empty());
}

TEST_F(NbaStatsFetchTest, EveryLandedFileIsAnOrdinaryIngestInput) {
  Run(Stats(), Scope("2025-26", "2025-10-25T18:00:00Z", std::string("2025-10-21")));
  Run(Cdn(), Scope("2024-25", "2025-01-15T18:00:00Z"));
  auto db = OpenStore(":memory:");
  ASSERT_TRUE(db) << db.error().message();
  auto report = Ingest(*db, {landing_}, IngestOptions{});
  ASSERT_TRUE(report) << report.error().message();
  int data_files = 0;
  for (const FileOutcome& f : report->files) {
    if (f.path.ends_with(Landing::kManifestName)) {
      EXPECT_EQ(f.action, IngestAction::kSkipped);
      continue;
    }
    ++data_files;
    EXPECT_TRUE(f.action == IngestAction::kLoaded || f.action == IngestAction::kUnchanged)
        << f.path << ": " << ActionName(f.action) << " " << f.error;
    EXPECT_EQ(f.format,
              f.path.find("nba_cdn/") != std::string::npos ? "schedule-json" : "nba-stats-json")
        << f.path;
  }
  EXPECT_EQ(data_files, 11);
}

}  // namespace
}  // namespace backcourt::testing
