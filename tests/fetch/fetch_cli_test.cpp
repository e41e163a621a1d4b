// `backcourt fetch` as a user runs it: in-process through RunCli, and as the real binary
// killed with -9 mid-download, then run again.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <atomic>
#include <sstream>

#include "cli/cli.h"
#include "fetch/fetch_fixture.h"

extern char** environ;

namespace backcourt::testing {
namespace {

constexpr const char* kSchedulePath = "/static/json/staticData/scheduleLeagueV2.json";

int RunFetchCli(std::vector<std::string> args, std::string& out, std::string& err) {
  args.insert(args.begin(), {"backcourt", "fetch"});
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream o, e;
  const int code = RunCli(static_cast<int>(argv.size()), argv.data(), o, e);
  out = o.str();
  err = e.str();
  return code;
}

TEST(FetchCliTest, FetchesTheScheduleIntoTheLandingFolderAndSummarises) {
  TempDir dir;
  LocalServer server;
  const std::string schedule = ReadBytes(TestData("scheduleleaguev2_2024-25_sample.json"));
  server.Route(kSchedulePath, [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(schedule, "application/json");
  });
  server.Start();
  ScopedEnv env("BACKCOURT_NBA_CDN_URL", server.url());
  std::string out, err;
  ASSERT_EQ(RunFetchCli({"nba-cdn", "--season", "2024-25", "--out", dir.path()}, out, err), 0)
      << out << err;
  EXPECT_NE(out.find("FETCH SUMMARY: 1 fetched, 0 unchanged, 0 skipped (fresh), 0 failed"),
            std::string::npos)
      << out;
  EXPECT_EQ(ReadBytes(dir.path() + "/nba_cdn/scheduleLeagueV2_2024-25.json"), schedule);
  ASSERT_EQ(RunFetchCli({"nba-cdn", "--season", "2024-25", "--out", dir.path()}, out, err), 0);
  EXPECT_NE(out.find("1 skipped (fresh)"), std::string::npos) << out;
  EXPECT_EQ(server.Hits(kSchedulePath), 1);
}

TEST(FetchCliTest, BadOddsKeyExitsNonZeroNamingTheUrlButNeverTheKey) {
  TempDir dir;
  LocalServer server;
  server.Route("/v4/sports/basketball_nba/events",
               [](const httplib::Request&, httplib::Response& res) {
                 res.status = 401;
                 res.set_content(R"({"message":"API key is not valid"})", "application/json");
               });
  server.Start();
  ScopedEnv url("BACKCOURT_ODDS_API_URL", server.url());
  ScopedEnv key("ODDS_API_KEY", "k3y-that-must-not-show");
  std::string out, err;
  EXPECT_EQ(RunFetchCli({"odds-api", "--out", dir.path()}, out, err), 1);
  EXPECT_NE(err.find("fetch failed: " + server.url() + "/v4/sports/basketball_nba/events?"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("401 Unauthorized"), std::string::npos) << err;
  EXPECT_EQ((out + err).find("k3y-that-must-not-show"), std::string::npos);
  EXPECT_EQ(server.Hits("/v4/sports/basketball_nba/events"), 1);
}

TEST(FetchCliTest, RejectsADateOfAnotherSeason) {
  std::string out, err;
  EXPECT_EQ(RunFetchCli({"nba-stats", "--season", "2023-24", "--date", "2025-01-10"}, out, err), 2);
  EXPECT_NE(err.find("is in season 2024-25, not 2023-24"), std::string::npos) << err;
}

pid_t SpawnFetch(const std::string& landing) {
  std::vector<std::string> args = {
      BACKCOURT_BINARY, "fetch", "nba-cdn",           "--season", "2024-25",
      "--out",          landing, "--min-interval-ms", "0"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  EXPECT_EQ(posix_spawn(&pid, BACKCOURT_BINARY, &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(FetchCliTest, KilledMidDownloadLeavesNoPartialFileAndTheRerunCompletes) {
  TempDir dir;
  const std::string landing = dir.path() + "/landing";
  const std::string schedule = ReadBytes(TestData("scheduleleaguev2_2024-25_sample.json"));
  std::atomic<bool> slow{true};
  std::atomic<int> chunks{0};
  LocalServer server;
  server.Route(kSchedulePath, [&](const httplib::Request&, httplib::Response& res) {
    if (!slow) {
      res.set_content(schedule, "application/json");
      return;
    }
    // 1 KiB every 50 ms: about 1.4 s for the whole schedule.
    res.set_content_provider(schedule.size(), "application/json",
                             [&](size_t offset, size_t length, httplib::DataSink& sink) {
                               SleepUnless(server.stopping(), std::chrono::milliseconds(50));
                               sink.write(schedule.data() + offset, std::min<size_t>(1024, length));
                               ++chunks;
                               return !server.stopping();
                             });
  });
  server.Start();
  ScopedEnv env("BACKCOURT_NBA_CDN_URL", server.url());

  const pid_t pid = SpawnFetch(landing);
  for (int i = 0; i < 500 && chunks < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GE(chunks.load(), 5) << "the download never started";
  ASSERT_LT(static_cast<size_t>(chunks.load()) * 1024, schedule.size()) << "finished too soon";
  kill(pid, SIGKILL);
  EXPECT_EQ(WaitExit(pid), 128 + SIGKILL);
  EXPECT_EQ(FilesUnder(landing), std::vector<std::string>{}) << "a partial file was left";

  // As if killed between writing the temp file and renaming it.
  dir.Write("landing/nba_cdn/.scheduleLeagueV2_2024-25.json.part-X1y2Z3", schedule.substr(0, 900));
  slow = false;
  ASSERT_EQ(WaitExit(SpawnFetch(landing)), 0);
  EXPECT_EQ(FilesUnder(landing),
            (std::vector<std::string>{"manifest.jsonl", "nba_cdn/scheduleLeagueV2_2024-25.json"}));
  EXPECT_EQ(ReadBytes(landing + "/nba_cdn/scheduleLeagueV2_2024-25.json"), schedule);
  EXPECT_EQ(ManifestLines(landing).size(), 1u);
  // And once landed (a finished season never expires), a third run asks nothing.
  const int hits = server.Hits(kSchedulePath);
  ASSERT_EQ(WaitExit(SpawnFetch(landing)), 0);
  EXPECT_EQ(server.Hits(kSchedulePath), hits);
}

}  // namespace
}  // namespace backcourt::testing
