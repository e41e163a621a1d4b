// Real data has holes (DESIGN.md §1, §5): a game that cannot be built is a listed gap, never
// a failed date nor a blocked season; a bad file loses no good row; read commands never
// write; every raw row reaches a table or a gap. On the bundled 2023-24 sample.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli_run.h"
#include "engine/engine_fixture.h"
#include "store/partition_store.h"
#include "test_files.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;
using testing::FreshSampleDb;
using testing::ReadBytes;
using testing::RunBackcourt;
using testing::TableHash;

constexpr const char* kDate = "2023-11-13";  // four games: BOS-NYK, TOR-WAS, MIL-CHI, SAC-CLE

BackfillOptions Season() {
  BackfillOptions options;
  options.start_date = "2023-10-24";
  options.end_date = "2024-01-31";
  options.workers = 2;
  return options;
}

BackfillResult MustRun(Db& db, const BackfillOptions& options) {
  auto result = RunBackfill(db, Registry::Default(), options);
  EXPECT_TRUE(result) << result.error().message();
  return result ? std::move(*result) : BackfillResult{};
}

int64_t Count(Db& db, const std::string& sql) {
  auto value = db.QueryInt(sql);
  EXPECT_TRUE(value) << sql;
  return value ? *value : -1;
}

std::string StatusOf(Db& db, const std::string& table, const std::string& date) {
  auto record = PartitionStore(db).Find(table, date);
  return record && *record ? std::string(ToString((*record)->status)) : "missing";
}

TEST(HolesTest, OneGameWithoutPlayerRowsIsAGapAndTheSeasonStillGetsFeatures) {
  auto db = OpenStore(FreshSampleDb("holes_one_game"));
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec("DELETE FROM raw_player_box WHERE game_id = '0022300188' OR "
                       "(game_date = '2023-11-13' AND team IN ('BOS', 'NYK'))"));
  const BackfillResult result = MustRun(*db, Season());
  EXPECT_TRUE(result.failures.empty());
  EXPECT_EQ(StatusOf(*db, "player_game_summary", kDate), "partial");
  // Three games built, one listed (both of its team-games) with why.
  EXPECT_EQ(Count(*db, "SELECT COUNT(DISTINCT game_id) FROM player_game_summary WHERE game_date "
                       "= '2023-11-13'"),
            3);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM partition_gaps WHERE table_name = "
                       "'player_game_summary' AND game_date = '2023-11-13' AND game_id = "
                       "'0022300188' AND reason = 'no player rows in any ingested source'"),
            2);
  // Downstream: the same team-games are the features' gaps, and every active player of every
  // later date of the season has its feature row (nothing blocked).
  EXPECT_EQ(StatusOf(*db, "player_game_features", kDate), "partial");
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM partitions WHERE table_name = 'player_game_features' "
                       "AND status NOT IN ('ok', 'partial', 'no_games')"),
            0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM player_game_summary p LEFT JOIN player_game_features "
                       "f USING (game_id, player_key) WHERE p.status = 'active' AND p.game_date > "
                       "'2023-11-13' AND f.game_id IS NULL"),
            0);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM player_game_features WHERE game_date > '2023-11-13'"),
            5000);
  // The history a Celtic's later features were computed without is counted, not hidden.
  EXPECT_EQ(Count(*db, "SELECT MIN(history_games_missing) FROM player_game_features WHERE team = "
                       "'BOS' AND game_date > '2023-11-13'"),
            1);
  EXPECT_EQ(Count(*db, "SELECT MAX(history_games_missing) FROM player_game_features WHERE team = "
                       "'BOS' AND game_date < '2023-11-13'"),
            0);
}

// A file that adds one bogus game (BOS plays twice on one date) must not cost a single good
// row: the date keeps its players, later features are untouched, the bogus game is named.
TEST(HolesTest, ABogusGameInANewFileLosesNoRowAndIsNamedBesideTheRealOne) {
  const std::string path = FreshSampleDb("holes_bogus");
  auto db = OpenStore(path);
  ASSERT_TRUE(db);
  MustRun(*db, Season());
  const std::string players_sql =
      "SELECT COUNT(*) FROM player_game_summary WHERE game_date = '2023-11-13'";
  const int64_t players = Count(*db, players_sql);
  ASSERT_GT(players, 60);
  const std::string players_hash = TableHash(*db, "player_game_summary");
  const std::string features_hash = TableHash(*db, "player_game_features");

  const fs::path bogus = fs::path(path).parent_path() / "bogus_team_log.csv";
  {
    std::ifstream real(std::string(BACKCOURT_SOURCE_DIR) + "/data/sample/team_game_logs_2023-24.csv");
    std::string header;
    std::getline(real, header);
    std::ofstream out(bogus);
    out << header << "\n"
        << "0022399999,2023-11-13,2023-24,regular_season,False,1610612738,BOS,Boston Celtics,"
           "1610612761,TOR,Toronto Raptors,100,90,W,40,80,0.5,10,30,0.333,10,12,0.833,10,30,40,"
           "20,5,5,10,15,10,35,85,0.412,8,30,0.267,12,15,0.8,12,30,42,18,6,4,12,16,-10\n";
  }
  auto ingested = Ingest(*db, {bogus.string()}, {});
  ASSERT_TRUE(ingested && ingested->ok());
  const BackfillResult rebuilt = MustRun(*db, Season());
  EXPECT_TRUE(rebuilt.failures.empty());
  EXPECT_EQ(Count(*db, players_sql), players);
  EXPECT_EQ(TableHash(*db, "player_game_summary"), players_hash);
  EXPECT_EQ(TableHash(*db, "player_game_features"), features_hash);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM team_offense_game_summary WHERE game_id = '0022399999'"),
            0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM partition_gaps WHERE table_name = "
                       "'team_offense_game_summary' AND game_id = '0022399999' AND reason LIKE "
                       "'%also plays game 0022300188%'"),
            2);
  // Validation names both ids.
  const auto validate = RunBackcourt(
      {"--db", path, "validate", "--start-date", "2023-11-13", "--end-date", "2023-11-13"});
  EXPECT_EQ(validate.code, 1);
  EXPECT_NE(validate.out.find("BOS plays 2 games: 0022300188 and 0022399999"), std::string::npos)
      << validate.out;
}

// A read command never writes: not on a table a user extended (which a writer refuses,
// never drops), not on a clean database.
TEST(HolesTest, ReadCommandsLeaveTheFileUnchangedAndAnExtendedTableIsRefusedNeverDropped) {
  const std::string path = FreshSampleDb("holes_read_only");
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(db);
    MustRun(*db, Season());
    ASSERT_TRUE(db->Exec("ALTER TABLE team_offense_game_summary ADD COLUMN my_note TEXT"));
    ASSERT_TRUE(db->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  const std::string before = ReadBytes(path);
  const std::string report = path + ".html";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"status"},
           {"backfill", "--dry-run"},
           {"validate"},
           {"coverage"},
           {"gaps"},
           {"report", "--html", report},
       }) {
    std::vector<std::string> full = {"--db", path};
    full.insert(full.end(), args.begin(), args.end());
    const auto run = RunBackcourt(full);
    EXPECT_EQ(ReadBytes(path), before) << args[0] << " changed the database\n" << run.out << run.err;
    EXPECT_FALSE(fs::exists(path + "-wal") && fs::file_size(path + "-wal") > 0) << args[0];
  }
  const auto writer = RunBackcourt({"--db", path, "backfill"});
  EXPECT_NE(writer.code, 0);
  EXPECT_NE(writer.err.find("my_note"), std::string::npos) << writer.err;
  auto db = OpenStore(path);
  EXPECT_GT(Count(*db, "SELECT COUNT(*) FROM team_offense_game_summary"), 1000)
      << "a writer dropped the extended table";
  // A read command on a path with no database creates none.
  const std::string nowhere = path + ".missing.db";
  const auto missing = RunBackcourt({"--db", nowhere, "status"});
  EXPECT_NE(missing.code, 0);
  EXPECT_FALSE(fs::exists(nowhere));
  EXPECT_NE(missing.err.find("no such database"), std::string::npos) << missing.err;
}

// Player rows dated after the schedule's last date still reach the tables: their games are
// inferred from the rows (both teams and the home side named).
TEST(HolesTest, RawRowsBeyondTheScheduleAreBuiltOrListed) {
  const std::string path = FreshSampleDb("holes_beyond");
  auto db = OpenStore(path);
  ASSERT_TRUE(db);
  const fs::path extra = fs::path(path).parent_path() / "late_logs.csv";
  {
    std::ofstream out(extra);
    out << "PLAYER_ID,PLAYER_NAME,TEAM_ABBREVIATION,GAME_DATE,MATCHUP,WL,MIN,PTS,REB,AST,STL,"
           "BLK,TOV,FG_PCT,FG3_PCT,FT_PCT,PLUS_MINUS,SEASON_TYPE\n"
           "1628369,Jayson Tatum,BOS,2024-06-20,BOS vs. DAL,W,40,30,10,5,1,1,2,0.5,0.4,0.9,10,"
           "Playoffs\n"
           "1629029,Luka Doncic,DAL,2024-06-20,DAL @ BOS,L,42,28,8,9,2,0,4,0.45,0.3,0.8,-10,"
           "Playoffs\n";
  }
  auto ingested = Ingest(*db, {extra.string()}, {});
  ASSERT_TRUE(ingested && ingested->ok()) << (ingested ? ingested->files[0].error : "");
  BackfillOptions options;
  options.start_date = "2024-06-01";
  options.end_date = "2024-06-30";
  MustRun(*db, options);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM player_game_summary WHERE game_date = '2024-06-20'"),
            2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM team_offense_game_summary WHERE game_id = "
                       "'20240620_DAL_BOS'"),
            2);
}

// No verdict without evidence: a range without one final game is an error, never "pass".
TEST(HolesTest, ValidateOfARangeWithoutFinalGamesIsAnErrorNotAPass) {
  const std::string path = FreshSampleDb("holes_no_games");
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(db);
    MustRun(*db, Season());
  }
  const auto run = RunBackcourt(
      {"--db", path, "validate", "--start-date", "2023-07-01", "--end-date", "2023-07-31"});
  EXPECT_EQ(run.code, 2) << run.out;
  EXPECT_NE(run.err.find("nothing to validate"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("VERDICT: pass"), std::string::npos) << run.out;
}

// Read commands work where nothing can be written: the database in a read-only folder (no
// WAL index can be created there) is opened immutable.
TEST(HolesTest, ReadCommandsWorkOnADatabaseInAReadOnlyFolder) {
  const fs::path folder = fs::path(FreshSampleDb("holes_ro_src")).parent_path() / "read_only";
  fs::create_directories(folder);
  const std::string path = (folder / "x.db").string();
  {
    auto db = OpenStore(FreshSampleDb("holes_ro_src"));
    ASSERT_TRUE(db);
    MustRun(*db, Season());
    ASSERT_TRUE(db->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    fs::copy_file(db->path(), path, fs::copy_options::overwrite_existing);
  }
  // Read-only for everyone; root ignores folder permissions, so as root the commands run as
  // the unprivileged user `nobody`, for whom the folder really is read-only.
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec |
                              fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
  const std::string as = ::geteuid() == 0 ? "runuser -u nobody -- " : "";
  const std::string reachable = std::string("runuser -u nobody -- test -x ") + BACKCOURT_BINARY +
                                " -a -r " + path;
  if (!as.empty() && std::system(reachable.c_str()) != 0) {
    fs::permissions(folder, fs::perms::owner_all);
    GTEST_SKIP() << "running as root, and user nobody cannot run " << BACKCOURT_BINARY
                 << " or read " << path << ": a read-only folder cannot be simulated here";
  }
  for (const char* command :
       {"status", "validate --start-date 2023-10-24 --end-date 2024-01-31", "gaps"}) {
    const std::string line = as + BACKCOURT_BINARY + " --db " + path + " " + command +
                             " > /dev/null 2> " + path + ".err";
    EXPECT_EQ(std::system(line.c_str()), 0) << command << ": " << ReadBytes(path + ".err");
  }
  EXPECT_FALSE(fs::exists(path + "-shm"));
  fs::permissions(folder, fs::perms::owner_all);
}

// One definition of staleness: after a simulated code change (a partition recorded by an
// older processor version) and a changed raw input, backfill --dry-run, status, validate and
// report name the same stale partitions as the engine.
TEST(HolesTest, DryRunStatusValidateAndReportNameTheSameStaleSet) {
  const std::string path = FreshSampleDb("holes_stale");
  {
    auto db = OpenStore(path);
    ASSERT_TRUE(db);
    MustRun(*db, Season());
    ASSERT_TRUE(db->Exec("UPDATE partitions SET processor_version = 'old' WHERE table_name = "
                         "'team_defense_game_summary' AND game_date = '2023-11-13'"));
    const fs::path extra = fs::path(path).parent_path() / "one_more_row.csv";
    std::ofstream(extra) << "PLAYER_ID,PLAYER_NAME,TEAM_ABBREVIATION,GAME_DATE,MATCHUP,WL,MIN,PTS,"
                            "REB,AST,STL,BLK,TOV,FG_PCT,FG3_PCT,FT_PCT,PLUS_MINUS,SEASON_TYPE\n"
                            "1,Some Player,BOS,2024-01-20,BOS vs. MIN,W,1,0,0,0,0,0,0,,,,0,"
                            "Regular Season\n";
    auto ingested = Ingest(*db, {extra.string()}, {});
    ASSERT_TRUE(ingested && ingested->ok());
  }
  std::map<std::string, int64_t> engine;
  {
    auto db = OpenStoreForReading(path);
    ASSERT_TRUE(db);
    auto stale = FindStale(*db, Registry::Default(), "2023-10-24", "2024-01-31");
    ASSERT_TRUE(stale) << stale.error().message();
    for (const auto& [key, why] : *stale) engine[key.first]++;
  }
  // The lines tables too: they resolve names through the date's player rows.
  ASSERT_EQ(engine.size(), Registry::Default().processors().size())
      << "every table has stale partitions in this scenario";

  // backfill --dry-run: every planned run is a stale partition here (all else is fresh).
  const auto plan = RunBackcourt({"--db", path, "backfill", "--dry-run", "--start-date",
                                  "2023-10-24", "--end-date", "2024-01-31"});
  ASSERT_EQ(plan.code, 0) << plan.err;
  // status and validate (JSON) state the count per table.
  const auto status = RunBackcourt({"--db", path, "status"});
  ASSERT_EQ(status.code, 0) << status.err;
  const auto validate = RunBackcourt({"--db", path, "validate", "--start-date", "2023-10-24",
                                      "--end-date", "2024-01-31", "--format", "json"});
  const auto checks = nlohmann::json::parse(validate.out).at("checks");
  const std::string html = path + ".html";
  ASSERT_EQ(RunBackcourt({"--db", path, "report", "--html", html, "--start-date", "2023-10-24",
                          "--end-date", "2024-01-31"})
                .code,
            0);
  const std::string report = ReadBytes(html);
  for (const auto& [table, count] : engine) {
    std::istringstream lines(plan.out);
    int64_t planned = -1;
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::string name;
      int64_t run = 0;
      if (words >> name >> run && name == table) planned = run;
    }
    EXPECT_EQ(planned, count) << table << "\n" << plan.out;
    EXPECT_NE(status.out.find(fmt::format("  {:<28} {:>5}\n", table, count)), std::string::npos)
        << table << "\n" << status.out;
    bool found = false;
    for (const auto& c : checks) {
      if (c.at("table") == table && c.at("check") == "partitions_stale") {
        found = true;
        EXPECT_EQ(c.at("observed"), fmt::format("{} stale", count)) << table;
      }
    }
    EXPECT_TRUE(found) << table;
    EXPECT_NE(report.find(fmt::format("{} stale", count)), std::string::npos) << table;
  }
}

}  // namespace
}  // namespace backcourt
