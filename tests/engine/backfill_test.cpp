// The backfill engine on the real bundled sample: resume, gates, staleness, failures.
#include "engine/backfill.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "cli/cli.h"
#include "engine/engine_fixture.h"
#include "store/partition_store.h"
#include "tables/team_offense_game_summary.h"

namespace backcourt {
namespace {

using testing::FreshSampleDb;
using testing::TableHash;

constexpr const char* kFirst = "2023-10-24";
constexpr const char* kLast = "2023-11-12";
const std::vector<std::string> kAnalytics = {"team_offense_game_summary",
                                             "team_defense_game_summary", "player_game_summary"};

BackfillOptions Range() {
  BackfillOptions options;
  options.start_date = kFirst;
  options.end_date = kLast;
  options.tables = kAnalytics;
  options.workers = 2;
  return options;
}

BackfillResult MustRun(Db& db, const Registry& registry, const BackfillOptions& options) {
  auto result = RunBackfill(db, registry, options);
  EXPECT_TRUE(result) << (result ? "" : result.error().message());
  return result ? *result : BackfillResult{};
}

std::string StatusOf(Db& db, const std::string& table, const std::string& date) {
  auto record = PartitionStore(db).Find(table, date);
  return record && *record ? std::string(ToString((*record)->status)) : "missing";
}

int64_t Count(Db& db, const std::string& sql) { return *db.QueryInt(sql); }

TEST(BackfillTest, RerunSkipsEverythingThatIsOkAndFresh) {
  auto db = OpenStore(FreshSampleDb("rerun"));
  const Registry registry = Registry::Default();
  const BackfillResult first = MustRun(*db, registry, Range());
  EXPECT_TRUE(first.passed());
  EXPECT_GT(first.tables.at("team_offense_game_summary").ok, 15);
  const BackfillResult second = MustRun(*db, registry, Range());
  for (const std::string& table : kAnalytics) {
    EXPECT_EQ(second.tables.at(table).ok, 0) << table;
    EXPECT_EQ(second.tables.at(table).skipped, first.tables.at(table).ok) << table;
  }
}

// A rebuild that is blocked writes only its record: the last good rows stay, and the
// record says how many (so status can tell they are the last good build).
TEST(BackfillTest, MissingUpstreamPartitionBlocksTheDateAndKeepsItsLastGoodRows) {
  auto db = OpenStore(FreshSampleDb("blocked"));
  const Registry registry = Registry::Default();
  MustRun(*db, registry, Range());
  const std::string date = "2023-11-01";
  const std::string count_sql =
      "SELECT COUNT(*) FROM player_game_summary WHERE game_date = '2023-11-01'";
  const int64_t good_rows = Count(*db, count_sql);
  ASSERT_GT(good_rows, 0);
  ASSERT_TRUE(PartitionStore(*db).DeletePartition("team_offense_game_summary", date));
  BackfillOptions only_players = Range();
  only_players.tables = {"player_game_summary"};
  const BackfillResult result = MustRun(*db, registry, only_players);
  EXPECT_FALSE(result.passed());
  ASSERT_EQ(result.failures.size(), 1u);
  EXPECT_EQ(result.failures[0].date, date);
  EXPECT_EQ(result.failures[0].status, PartitionStatus::kBlocked);
  EXPECT_NE(result.failures[0].reason.find("upstream team_offense_game_summary 2023-11-01 is missing"),
            std::string::npos)
      << result.failures[0].reason;
  EXPECT_EQ(StatusOf(*db, "player_game_summary", date), "blocked");
  EXPECT_EQ(Count(*db, count_sql), good_rows) << "a blocked rebuild deleted the last good rows";
  EXPECT_EQ(Count(*db, "SELECT rows FROM partitions WHERE table_name = 'player_game_summary' AND "
                       "game_date = '2023-11-01'"),
            good_rows);
  EXPECT_EQ(StatusOf(*db, "team_offense_game_summary", date), "missing");  // not rebuilt behind our back
  // The rest of the range was fresh and stays untouched.
  EXPECT_EQ(result.tables.at("player_game_summary").ok, 0);
}

// A processor whose version differs from the one it wraps: "the code changed".
class BumpedVersion : public Processor {
 public:
  explicit BumpedVersion(std::unique_ptr<Processor> inner) : inner_(std::move(inner)) {}
  std::string_view name() const override { return inner_->name(); }
  std::string_view version() const override { return "bumped"; }
  std::vector<std::string_view> upstreams() const override { return inner_->upstreams(); }
  ReadWindow window() const override { return inner_->window(); }
  bool reads_raw() const override { return inner_->reads_raw(); }
  Result<TableSchemaState> CheckTable(Db& db) const override { return inner_->CheckTable(db); }
  Result<TableSchema> EnsureTable(Db& db) const override { return inner_->EnsureTable(db); }
  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext& ctx,
                                                 const std::string& date) const override {
    return inner_->Build(ctx, date);
  }

 private:
  std::unique_ptr<Processor> inner_;
};

TEST(BackfillTest, BumpedVersionMakesExactlyItsPartitionsAndDownstreamsStale) {
  auto db = OpenStore(FreshSampleDb("bumped"));
  MustRun(*db, Registry::Default(), Range());
  auto processors = Registry::DefaultProcessors();
  processors[1] = std::make_unique<BumpedVersion>(std::move(processors[1]));  // team_defense
  const Registry bumped(std::move(processors));
  BackfillOptions dry = Range();
  dry.dry_run = true;
  const BackfillResult plan = MustRun(*db, bumped, dry);
  int64_t stale = 0;
  for (const PlannedPartition& p : plan.plan) {
    if (p.action != PlanAction::kRun) continue;
    EXPECT_EQ(p.table, "team_defense_game_summary") << p.date << " " << p.why;
    EXPECT_EQ(p.why, "stale (processor version)");
    ++stale;
  }
  const BackfillResult run = MustRun(*db, bumped, Range());
  EXPECT_EQ(run.tables.at("team_defense_game_summary").ok, stale);
  EXPECT_EQ(run.tables.at("team_offense_game_summary").ok, 0);
  EXPECT_EQ(run.tables.at("player_game_summary").ok, 0);
  EXPECT_EQ(MustRun(*db, bumped, Range()).tables.at("team_defense_game_summary").ok, 0);
}

TEST(BackfillTest, RebuiltUpstreamMakesDownstreamStale) {
  auto db = OpenStore(FreshSampleDb("propagate"));
  MustRun(*db, Registry::Default(), Range());
  auto processors = Registry::DefaultProcessors();
  processors[0] = std::make_unique<BumpedVersion>(std::move(processors[0]));  // team_offense
  const Registry bumped(std::move(processors));
  BackfillOptions dry = Range();
  dry.dry_run = true;
  std::map<std::string, int> runs;
  for (const PlannedPartition& p : MustRun(*db, bumped, dry).plan) {
    if (p.action == PlanAction::kRun) runs[p.table]++;
  }
  EXPECT_GT(runs["team_offense_game_summary"], 0);
  EXPECT_EQ(runs["team_defense_game_summary"], runs["team_offense_game_summary"]);
  EXPECT_EQ(runs["player_game_summary"], runs["team_offense_game_summary"]);
}

TEST(BackfillTest, InjectedTransientErrorIsRetriedAndSucceeds) {
  auto db = OpenStore(FreshSampleDb("transient"));
  BackfillOptions options = Range();
  int calls = 0;
  options.fault = [&](const std::string& table, const std::string& date, int attempt) -> Status {
    if (table != "player_game_summary" || date != "2023-11-01") return {};
    ++calls;
    if (attempt == 1) return Fail(ErrorKind::kBusy, "database is locked (injected)");
    return {};
  };
  const BackfillResult result = MustRun(*db, Registry::Default(), options);
  EXPECT_TRUE(result.passed());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(result.tables.at("player_game_summary").retries, 1);
  EXPECT_EQ(StatusOf(*db, "player_game_summary", "2023-11-01"), "ok");
}

TEST(BackfillTest, InjectedDataErrorFailsOnlyItsPartitionAndDownstreamIsBlocked) {
  auto db = OpenStore(FreshSampleDb("data_error"));
  BackfillOptions options = Range();
  options.fault = [](const std::string& table, const std::string& date, int) -> Status {
    if (table == "team_offense_game_summary" && date == "2023-11-01") {
      return InvalidInput("injected data error");
    }
    return {};
  };
  const BackfillResult result = MustRun(*db, Registry::Default(), options);
  EXPECT_FALSE(result.passed());
  EXPECT_EQ(StatusOf(*db, "team_offense_game_summary", "2023-11-01"), "failed");
  EXPECT_EQ(StatusOf(*db, "team_defense_game_summary", "2023-11-01"), "blocked");
  EXPECT_EQ(StatusOf(*db, "player_game_summary", "2023-11-01"), "blocked");
  EXPECT_EQ(StatusOf(*db, "team_offense_game_summary", "2023-11-02"), "ok");
  EXPECT_EQ(result.tables.at("team_offense_game_summary").failed, 1);
  // Data errors are not retried.
  auto record = PartitionStore(*db).Find("team_offense_game_summary", "2023-11-01");
  EXPECT_EQ((*record)->attempts, 1);
  EXPECT_EQ((*record)->last_error, "injected data error");
  // Without the fault, a resume rebuilds exactly the failed and blocked partitions.
  const BackfillResult resumed = MustRun(*db, Registry::Default(), Range());
  EXPECT_TRUE(resumed.passed());
  for (const std::string& table : kAnalytics) EXPECT_EQ(resumed.tables.at(table).ok, 1) << table;
}

// A season-to-date table reads every earlier date of its season: one failed upstream date
// blocks it on that date and on every later one, however many builds of it checked the
// earlier dates already (gates remember only the dates that passed).
TEST(BackfillTest, AFailedUpstreamDateBlocksEverySeasonToDateDateAfterIt) {
  auto db = OpenStore(FreshSampleDb("season_to_date_blocked"));
  constexpr const char* kFailed = "2023-11-01";
  BackfillOptions options = Range();
  options.tables = {"team_offense_game_summary", "team_defense_game_summary",
                    "player_game_summary", "player_availability"};
  options.fault = [&](const std::string& table, const std::string& date, int) -> Status {
    if (table == "player_game_summary" && date == kFailed) return InvalidInput("injected");
    return {};
  };
  MustRun(*db, Registry::Default(), options);
  auto dates = db->Prepare(
      "SELECT game_date, status, last_error FROM partitions WHERE table_name = "
      "'player_availability' AND status <> 'no_games' ORDER BY game_date");
  ASSERT_TRUE(dates);
  int64_t before = 0, after = 0;
  for (;;) {
    auto has_row = dates->Step();
    ASSERT_TRUE(has_row);
    if (!*has_row) break;
    const std::string date = dates->Text(0), status = dates->Text(1);
    if (date < kFailed) {
      EXPECT_EQ(status, "ok") << date;
      ++before;
    } else {
      EXPECT_EQ(status, "blocked") << date;
      EXPECT_EQ(dates->Text(2), std::string("upstream player_game_summary ") + kFailed +
                                    " is failed")
          << date;
      ++after;
    }
  }
  EXPECT_GT(before, 1);
  EXPECT_GT(after, 3);
}

TEST(BackfillTest, RetryFailedRunsOnlyFailedPartitions) {
  auto db = OpenStore(FreshSampleDb("retry_failed"));
  BackfillOptions options = Range();
  options.tables = {"team_offense_game_summary"};
  options.fault = [](const std::string&, const std::string& date, int) -> Status {
    return date == "2023-11-03" ? Status(InvalidInput("injected")) : Status{};
  };
  MustRun(*db, Registry::Default(), options);
  ASSERT_TRUE(PartitionStore(*db).DeletePartition("team_offense_game_summary", "2023-11-04"));
  BackfillOptions retry = Range();
  retry.tables = {"team_offense_game_summary"};
  retry.retry_failed = true;
  const BackfillResult result = MustRun(*db, Registry::Default(), retry);
  EXPECT_EQ(result.tables.at("team_offense_game_summary").ok, 1);
  EXPECT_EQ(StatusOf(*db, "team_offense_game_summary", "2023-11-03"), "ok");
  EXPECT_EQ(StatusOf(*db, "team_offense_game_summary", "2023-11-04"), "missing");
}

// The writer thread, group commit, per-season loading and the scheduling order must not
// change a single value: one worker, two workers, and an in-memory database (one
// connection, writes on the building thread) build identical tables.
TEST(BackfillTest, WorkerCountAndDatabaseKindDoNotChangeTheRows) {
  const std::vector<std::string> tables = Registry::Default().Names();
  BackfillOptions options = Range();
  options.tables.clear();  // every table, features included
  std::map<std::string, std::string> reference;
  for (const char* kind : {"one", "two", "memory"}) {
    auto db = std::string(kind) == "memory" ? OpenStore(":memory:")
                                            : OpenStore(FreshSampleDb(std::string("rows_") + kind));
    ASSERT_TRUE(db);
    if (std::string(kind) == "memory") {
      auto report = Ingest(*db, {std::string(BACKCOURT_SOURCE_DIR) + "/data/sample"}, {});
      ASSERT_TRUE(report && report->ok());
    }
    options.workers = std::string(kind) == "one" ? 1 : 2;
    const BackfillResult result = MustRun(*db, Registry::Default(), options);
    EXPECT_GT(result.tables.at("player_game_features").ok, 15) << kind;
    EXPECT_EQ(result.tables.at("player_game_features").failed, 0) << kind;
    for (const std::string& table : tables) {
      const std::string hash = TableHash(*db, table);
      if (reference.count(table) == 0) reference[table] = hash;
      EXPECT_EQ(hash, reference[table]) << kind << " " << table;
    }
  }
}

TEST(BackfillTest, DryRunWritesNothing) {
  auto db = OpenStore(FreshSampleDb("dry"));
  BackfillOptions options = Range();
  options.dry_run = true;
  const BackfillResult result = MustRun(*db, Registry::Default(), options);
  EXPECT_GT(result.tables.at("team_offense_game_summary").planned, 15);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM partitions"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM runs"), 0);
}

TEST(BackfillTest, ChangedRawRowMakesExactlyItsDateStale) {
  auto db = OpenStore(FreshSampleDb("raw_change"));
  MustRun(*db, Registry::Default(), Range());
  // A re-ingested source file with one changed row: simulate by editing the raw row and the
  // ingest-time hash of its file for that date (what ingest would write).
  ASSERT_TRUE(db->Exec("UPDATE raw_date_hashes SET hash = 'changed' WHERE key = '2023-11-01' AND "
                       "file_id = (SELECT file_id FROM raw_files WHERE path LIKE "
                       "'%player_game_logs_2023-24.csv')"));
  BackfillOptions dry = Range();
  dry.dry_run = true;
  std::set<std::string> stale_dates;
  for (const PlannedPartition& p : MustRun(*db, Registry::Default(), dry).plan) {
    if (p.action == PlanAction::kRun) stale_dates.insert(p.date);
  }
  EXPECT_EQ(stale_dates, std::set<std::string>{"2023-11-01"});
}

TEST(BackfillTest, SummaryPrintsARetryCommandThatWorks) {
  const std::string path = FreshSampleDb("retry_command");
  std::ostringstream out, err;
  setenv("BACKCOURT_INJECT_FAULT", "data:player_game_summary:2023-11-01", 1);
  const char* argv[] = {"backcourt", "--db", path.c_str(), "backfill", "--start-date", kFirst,
                        "--end-date", kLast, "--tables",
                        "team_offense_game_summary,team_defense_game_summary,player_game_summary"};
  const int code = RunCli(10, argv, out, err);
  unsetenv("BACKCOURT_INJECT_FAULT");
  EXPECT_EQ(code, 1);
  const std::string text = out.str();
  const std::string marker = "Retry them with:\n  backcourt ";
  const size_t at = text.find(marker);
  ASSERT_NE(at, std::string::npos) << text;
  std::istringstream command(text.substr(at + marker.size(), text.find('\n', at + marker.size()) -
                                                                 at - marker.size()));
  // The command is complete as printed: it names the database too.
  std::vector<std::string> words = {"backcourt"};
  for (std::string word; command >> word;) words.push_back(word);
  ASSERT_GE(words.size(), 4u);
  EXPECT_EQ(words[1], "--db");
  EXPECT_EQ(words[2], path);
  EXPECT_EQ(words[3], "backfill");
  std::vector<const char*> retry;
  for (const std::string& w : words) retry.push_back(w.c_str());
  std::ostringstream out2, err2;
  EXPECT_EQ(RunCli(static_cast<int>(retry.size()), retry.data(), out2, err2), 0) << out2.str();
  auto db = OpenStore(path);
  EXPECT_EQ(StatusOf(*db, "player_game_summary", "2023-11-01"), "ok");
}

}  // namespace
}  // namespace backcourt
