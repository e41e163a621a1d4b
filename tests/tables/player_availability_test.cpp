// player_availability on synthetic rows: which report counts (never one published at or after
// tip, nor after --as-of), the rotation rule and the derived out-list, and the table's rows.
#include "tables/player_availability.h"

#include <gtest/gtest.h>

#include <map>

#include "core/date.h"
#include "engine/resolved_schedule.h"
#include "ingest/player_names.h"
#include "store/derived_store.h"
#include "store/partition_store.h"
#include "store/raw_store.h"
#include "store/schema.h"
#include "engine/lineage.h"
#include "tables/availability_features.h"
#include "tables/player_game_summary.h"
#include "tables/registry.h"
#include "tables/team_defense_game_summary.h"
#include "tables/team_offense_game_summary.h"
#include "tables/typed_output.h"

namespace backcourt {
namespace {

constexpr const char* kTip = "2023-11-08T00:30:00Z";  // 7:30 p.m. ET on 2023-11-07

InjuryReportRow Report(const std::string& time, const std::string& team, const std::string& name,
                       const std::string& status) {
  InjuryReportRow r;
  r.source = "nba-injury-report-pdf";
  r.report_time_utc = time;
  r.game_date = "2023-11-07";
  r.tip_time_utc = kTip;
  r.matchup = "BBB@AAA";
  r.away_team = "BBB", r.home_team = "AAA", r.team = team;
  r.player_name = name;
  if (status != kInjuryNotSubmitted) {
    const auto comma = name.find(", ");
    r.player_name_key = NormalizePlayerName(name.substr(comma + 2) + " " + name.substr(0, comma));
  }
  r.status = status;
  r.reason = status == kInjuryNotSubmitted ? "NOT YET SUBMITTED" : "Injury/Illness - Knee";
  return r;
}

std::map<std::string, std::string> ByName(const std::vector<ReportedStatus>& statuses) {
  std::map<std::string, std::string> by_name;
  for (const ReportedStatus& s : statuses) by_name[s.player_name] = s.status + "@" + s.report_time;
  return by_name;
}

TEST(LatestReportedStatuses, NeverUsesAReportPublishedAtOrAfterTip) {
  const std::vector<InjuryReportRow> rows = {
      Report("2023-11-07T17:30:00Z", "AAA", "Doe, John", kInjuryQuestionable),
      Report("2023-11-07T23:30:00Z", "AAA", "Doe, John", kInjuryOut),
      Report(kTip, "AAA", "Doe, John", kInjuryAvailable),                    // at tip
      Report("2023-11-08T01:30:00Z", "AAA", "Roe, Rich", kInjuryOut)};       // in play
  EXPECT_EQ(ByName(LatestReportedStatuses(rows)),
            (std::map<std::string, std::string>{{"Doe, John", "out@2023-11-07T23:30:00Z"}}));
}

TEST(LatestReportedStatuses, AsOfKeepsOnlyReportsPublishedBeforeIt) {
  const std::vector<InjuryReportRow> rows = {
      Report("2023-11-07T17:30:00Z", "AAA", "Doe, John", kInjuryQuestionable),
      Report("2023-11-07T23:30:00Z", "AAA", "Doe, John", kInjuryOut)};
  EXPECT_EQ(ByName(LatestReportedStatuses(rows, "2023-11-07T23:30:00Z")),
            (std::map<std::string, std::string>{
                {"Doe, John", "questionable@2023-11-07T17:30:00Z"}}));
  EXPECT_TRUE(LatestReportedStatuses(rows, "2023-11-07T17:00:00Z").empty());
}

TEST(LatestReportedStatuses, PlayerDroppedFromTheLatestReportIsNoLongerListed) {
  const std::vector<InjuryReportRow> rows = {
      Report("2023-11-07T17:30:00Z", "AAA", "Doe, John", kInjuryOut),
      Report("2023-11-07T17:30:00Z", "AAA", "Roe, Rich", kInjuryOut),
      Report("2023-11-07T21:30:00Z", "AAA", "Roe, Rich", kInjuryOut)};
  EXPECT_EQ(ByName(LatestReportedStatuses(rows)),
            (std::map<std::string, std::string>{{"Roe, Rich", "out@2023-11-07T21:30:00Z"}}));
}

TEST(LatestReportedStatuses, NotYetSubmittedFallsBackToTheTeamsEarlierReport) {
  const std::vector<InjuryReportRow> rows = {
      Report("2023-11-07T17:30:00Z", "BBB", "Poe, Ed", kInjuryDoubtful),
      Report("2023-11-07T21:30:00Z", "BBB", "", kInjuryNotSubmitted),
      Report("2023-11-07T21:30:00Z", "AAA", "Doe, John", kInjuryProbable)};
  EXPECT_EQ(ByName(LatestReportedStatuses(rows)),
            (std::map<std::string, std::string>{{"Doe, John", "probable@2023-11-07T21:30:00Z"},
                                                {"Poe, Ed", "doubtful@2023-11-07T17:30:00Z"}}));
}

// Six AAA games (2023-11-01..06) and one of BBB, built as ok partitions of the three tables a
// SeasonHistory reads; the game under test is on 2023-11-07.
class SyntheticSeason : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenStore(":memory:");
    ASSERT_TRUE(db) << db.error().message();
    db_ = std::make_unique<Db>(std::move(*db));
    for (const auto& p : Registry::DefaultProcessors()) ASSERT_TRUE(p->EnsureTable(*db_));
    // (key, name, team, minutes by game 1..6; 0 = did not play)
    Player("1", "Reg Ular", {30, 30, 30, 30, 30, 30});
    Player("2", "Ben Ch", {10, 10, 10, 10, 10, 10});       // too few minutes
    Player("3", "Pa Rt", {30, 30, 0, 0, 0, 30});           // 2 of the last 5
    Player("4", "Th Ree", {0, 0, 0, 20, 20, 20});          // 3 of the last 5
    Player("5", "Ed Ge", {15, 15, 15, 15, 15, 0});         // exactly 15: in; missed game 6
    Player("6", "Tra Ded", {30, 30, 30, 30, 30, 0});       // then plays for BBB on day 6
    for (int g = 1; g <= 6; ++g) WriteDate(g);
  }

  void Player(const std::string& key, const std::string& name, std::vector<double> minutes) {
    for (size_t g = 0; g < minutes.size(); ++g) {
      if (minutes[g] <= 0) continue;
      PlayerGameRow row;
      row.game_id = "g" + std::to_string(g + 1), row.season = "2023-24", row.player_key = key;
      row.player_name = name, row.team = "AAA", row.opponent = "CCC", row.is_home = 1;
      row.status = "active", row.minutes_played = minutes[g];
      row.points = static_cast<int64_t>(minutes[g] / 2);
      players_[static_cast<int>(g) + 1].push_back(row);
    }
  }

  static std::string DateOf(int g) { return Date::ParseIso("2023-10-31")->AddDays(g).ToIso(); }

  void WriteDate(int g) {
    const std::string date = DateOf(g);
    auto& rows = players_[g];
    if (g == 6) {
      PlayerGameRow traded = rows.front();
      traded.game_id = "h6", traded.player_key = "6", traded.player_name = "Tra Ded";
      traded.team = "BBB", traded.minutes_played = 30;
      rows.push_back(traded);
    }
    for (auto& r : rows) r.game_date = date;
    std::vector<TeamOffenseRow> teams;
    for (const char* team : {"AAA", "BBB"}) {
      TeamOffenseRow t;
      t.game_id = std::string(team) == "AAA" ? "g" + std::to_string(g) : "h" + std::to_string(g);
      t.game_date = date, t.season = "2023-24", t.team = team, t.points = 100;
      teams.push_back(t);
    }
    ASSERT_TRUE(ReplacePartitionRows(*db_, PlayerGameTable(), date, rows));
    ASSERT_TRUE(ReplacePartitionRows(*db_, TeamOffenseTable(), date, teams));
    for (const char* table : {"player_game_summary", "team_offense_game_summary"}) {
      PartitionRecord record;
      record.table_name = table, record.game_date = date, record.status = PartitionStatus::kOk;
      record.data_version = "v" + std::to_string(g);
      ASSERT_TRUE(PartitionStore(*db_).Upsert(record));
    }
  }

  SeasonHistory History() {
    SeasonHistory history("2023-24");
    EXPECT_TRUE(history.Sync(*db_, "2023-11-06"));
    return history;
  }

  std::unique_ptr<Db> db_;
  std::map<int, std::vector<PlayerGameRow>> players_;
};

TEST_F(SyntheticSeason, RotationIsThreeOfTheLastFiveAndFifteenMinutes) {
  const SeasonHistory history = History();
  const int32_t day = Date::ParseIso("2023-11-07")->days();
  EXPECT_EQ(RotationPlayers(history, "AAA", day), (std::vector<std::string>{"1", "4", "5"}));
  // On the day of game 4 the team has played 3 games: player 3 played 2 of them, 4 none.
  EXPECT_EQ(RotationPlayers(history, "AAA", Date::ParseIso(DateOf(4))->days()),
            (std::vector<std::string>{"1", "5", "6"}));
}

TEST_F(SyntheticSeason, DerivedOutListsRotationPlayersAbsentFromTheGame) {
  const SeasonHistory history = History();
  const auto rotation = RotationPlayers(history, "AAA", Date::ParseIso("2023-11-07")->days());
  EXPECT_EQ(DerivedOut(rotation, {"1", "2", "3"}), (std::vector<std::string>{"4", "5"}));
  EXPECT_TRUE(DerivedOut(rotation, {"1", "4", "5"}).empty());
}

TEST_F(SyntheticSeason, TopScorerOutAndScoringRankCountAvailableTeammates) {
  const SeasonHistory history = History();
  const int32_t day = Date::ParseIso("2023-11-07")->days();
  const TeamRotation rotation = BuildTeamRotation(history, "AAA", day);
  ASSERT_EQ(rotation.members.size(), 3u);
  const TeamRotation opponent = BuildTeamRotation(history, "BBB", day);
  EXPECT_TRUE(opponent.members.empty()) << "player 6 played 1 of BBB's last 5";
  // Player 2 (5 a game) with player 4 (10 a game, 20 minutes) out: players 1 (15) and 5 (7)
  // outscore him, 5 missed game 6 and returns.
  PlayerFeatureRow row;
  row.game_date = "2023-11-07", row.player_key = "2", row.team = "AAA", row.opponent = "BBB";
  SetAvailabilityFeatures(row, history, rotation, opponent, GameOutList{{"4"}, {{"AAA", false}}});
  EXPECT_EQ(row.avail_rotation_out, 1.0);
  EXPECT_EQ(row.avail_out_min, 20.0);
  EXPECT_EQ(row.avail_out_pts, 10.0);
  EXPECT_DOUBLE_EQ(*row.avail_out_share_last10, 30.0 / 600.0);
  EXPECT_EQ(row.avail_from_report, 0);
  EXPECT_EQ(row.avail_scoring_rank, 3.0);
  EXPECT_EQ(row.avail_top_scorer_out, 0.0);
  EXPECT_EQ(row.avail_returning_regulars, 1.0);
  EXPECT_EQ(row.opp_avail_rotation_out, 0.0);
  // With the top scorer (player 1) out too, only player 5 outscores him.
  SetAvailabilityFeatures(row, history, rotation, opponent,
                          GameOutList{{"1", "4"}, {{"AAA", true}}});
  EXPECT_EQ(row.avail_rotation_out, 2.0);
  EXPECT_EQ(row.avail_out_pts, 25.0);
  EXPECT_EQ(row.avail_top_scorer_out, 1.0);
  EXPECT_EQ(row.avail_scoring_rank, 2.0);
  EXPECT_EQ(row.avail_from_report, 1);
}

// Player 1's games and AAA's team games a history holds: the dates it serves.
std::pair<size_t, size_t> Held(const SeasonHistory& history) {
  return {history.Player("1").size(), history.Team("AAA").size()};
}

TEST_F(SyntheticSeason, AHistorySyncedBackServesOnlyTheEarlierDatesThenCatchesUp) {
  SeasonHistory history("2023-24");
  ASSERT_TRUE(history.Sync(*db_, DateOf(6)));
  EXPECT_EQ(Held(history), std::make_pair(size_t{6}, size_t{6}));
  // Back to game 3 (another table, or a worker's claim, builds an earlier date): games 4-6
  // are not served, whatever the history read before.
  ASSERT_TRUE(history.Sync(*db_, DateOf(3)));
  EXPECT_EQ(Held(history), std::make_pair(size_t{3}, size_t{3}));
  EXPECT_EQ(history.Player("1").back().day, Date::ParseIso(DateOf(3))->days());
  // Game 5 rebuilt meanwhile without player 1: a later Sync serves the new rows, not the
  // ones read while game 5 was past the history's last date.
  auto& rows = players_[5];
  std::erase_if(rows, [](const PlayerGameRow& r) { return r.player_key == "1"; });
  ASSERT_TRUE(ReplacePartitionRows(*db_, PlayerGameTable(), DateOf(5), rows));
  PartitionRecord record;
  record.table_name = "player_game_summary", record.game_date = DateOf(5);
  record.status = PartitionStatus::kOk, record.data_version = "v5-rebuilt";
  ASSERT_TRUE(PartitionStore(*db_).Upsert(record));
  ASSERT_TRUE(history.Sync(*db_, DateOf(6)));
  EXPECT_EQ(Held(history), std::make_pair(size_t{5}, size_t{6}));
  SeasonHistory fresh("2023-24");
  ASSERT_TRUE(fresh.Sync(*db_, DateOf(6)));
  EXPECT_EQ(Held(fresh), Held(history));
  EXPECT_EQ(fresh.players().size(), history.players().size());
}

TEST_F(SyntheticSeason, HistoriesSharingSlicesReadADateOncePerDataVersion) {
  auto shared = std::make_shared<HistorySlices>();
  SeasonHistory first("2023-24", shared);
  ASSERT_TRUE(first.Sync(*db_, DateOf(6)));
  // Game 6's rows change under the same recorded version: a second history sharing the
  // slices serves what the first read at that version (no second read)...
  auto rows = players_[6];
  std::erase_if(rows, [](const PlayerGameRow& r) { return r.player_key == "1"; });
  ASSERT_TRUE(ReplacePartitionRows(*db_, PlayerGameTable(), DateOf(6), rows));
  SeasonHistory second("2023-24", shared);
  ASSERT_TRUE(second.Sync(*db_, DateOf(6)));
  EXPECT_EQ(second.Player("1").size(), 6u);
  // ...and reads the date again once its version changes.
  PartitionRecord record;
  record.table_name = "player_game_summary", record.game_date = DateOf(6);
  record.status = PartitionStatus::kOk, record.data_version = "v6-rebuilt";
  ASSERT_TRUE(PartitionStore(*db_).Upsert(record));
  SeasonHistory third("2023-24", shared);
  ASSERT_TRUE(third.Sync(*db_, DateOf(6)));
  EXPECT_EQ(third.Player("1").size(), 5u);
  ASSERT_TRUE(first.Sync(*db_, DateOf(6)));
  EXPECT_EQ(first.Player("1").size(), 5u);
}

TEST_F(SyntheticSeason, APoolLendsTwoHistoriesOfASeasonAtOnceAndTheOneSyncedClosestBehind) {
  SeasonHistoryPool pool;
  SeasonHistory* at_three = nullptr;
  SeasonHistory* at_five = nullptr;
  {
    // Two builds of one season side by side: each has a history of its own.
    auto a = pool.Take("2023-24", DateOf(2));
    auto b = pool.Take("2023-24", DateOf(4));
    EXPECT_NE(&*a, &*b);
    ASSERT_TRUE(a->Sync(*db_, DateOf(3)));
    ASSERT_TRUE(b->Sync(*db_, DateOf(5)));
    at_three = &*a, at_five = &*b;
  }
  // A build syncing to game 6 gets the one at game 5; one syncing to game 4, the one at 3
  // (the one at 5 would lose its index going back).
  {
    auto c = pool.Take("2023-24", DateOf(6));
    EXPECT_EQ(&*c, at_five);
  }
  auto d = pool.Take("2023-24", DateOf(4));
  EXPECT_EQ(&*d, at_three);
  EXPECT_EQ(d->synced(), DateOf(3));
}

TEST_F(SyntheticSeason, TableUsesTheLastPreTipReportElseTheDerivedOutList) {
  // Game 7: AAA (players 1 and 2 play) vs BBB; a report lists AAA's player 4 questionable,
  // then out, and a report after tip says available.
  Player("1", "Reg Ular", {0, 0, 0, 0, 0, 0, 30});
  Player("2", "Ben Ch", {0, 0, 0, 0, 0, 0, 30});
  auto& rows = players_[7];
  for (auto& r : rows) r.game_date = "2023-11-07", r.opponent = "BBB";
  ASSERT_TRUE(ReplacePartitionRows(*db_, PlayerGameTable(), "2023-11-07", rows));
  ParsedFile parsed;
  parsed.format = "test";
  ScheduleRow game;
  game.source = "test", game.game_id = "g7", game.game_date = "2023-11-07";
  game.season = "2023-24", game.game_type = "regular_season", game.home_team = "AAA";
  game.away_team = "BBB", game.status = kStatusFinal;
  parsed.schedule.push_back(game);
  parsed.injury_reports = {Report("2023-11-07T17:30:00Z", "AAA", "Ree, Th", kInjuryQuestionable),
                           Report("2023-11-07T23:30:00Z", "AAA", "Ree, Th", kInjuryOut),
                           Report("2023-11-08T01:00:00Z", "AAA", "Ree, Th", kInjuryAvailable)};
  ASSERT_TRUE(RawStore(*db_).ReplaceFile("synthetic", "sha", 1, parsed));
  // The build reads the games a backfill persists before building.
  ASSERT_TRUE(LoadSchedules(*db_, "2023-11-07", "2023-11-07", {.persist = true}));

  static const ResolvedInputs kNone;
  auto built = MakePlayerAvailabilityProcessor()->Build(BuildContext{*db_, kNone}, "2023-11-07");
  ASSERT_TRUE(built) << built.error().message();
  const auto& out = dynamic_cast<TypedOutput<PlayerAvailabilityRow>&>(**built).typed_rows();
  std::map<std::string, PlayerAvailabilityRow> by_key;
  for (const auto& r : out) by_key[r.player_key] = r;
  ASSERT_EQ(by_key.size(), 2u);
  // Player 4: resolved by name and team, out from the 23:30 report, not the one after tip.
  EXPECT_EQ(by_key["4"].status, kInjuryOut);
  EXPECT_EQ(by_key["4"].derived, 0);
  EXPECT_EQ(by_key["4"].report_time, "2023-11-07T23:30:00Z");
  EXPECT_EQ(by_key["4"].outcome, "absent");
  EXPECT_EQ(by_key["4"].derived_out, 1);
  // Player 5: a rotation player the report does not list, who did not play.
  EXPECT_EQ(by_key["5"].status, kInjuryAvailable);
  EXPECT_EQ(by_key["5"].derived_out, 1);
  // BBB had no report and no box: no rows. Without the reports AAA's list is derived.
  parsed.injury_reports.clear();
  ASSERT_TRUE(RawStore(*db_).ReplaceFile("synthetic", "sha2", 1, parsed));
  auto derived = MakePlayerAvailabilityProcessor()->Build(BuildContext{*db_, kNone}, "2023-11-07");
  ASSERT_TRUE(derived);
  const auto& d = dynamic_cast<TypedOutput<PlayerAvailabilityRow>&>(**derived).typed_rows();
  ASSERT_EQ(d.size(), 2u);
  for (const auto& r : d) {
    EXPECT_EQ(r.status, kInjuryOut) << r.player_key;
    EXPECT_EQ(r.derived, 1);
    EXPECT_FALSE(r.report_time);
  }
}

TEST_F(SyntheticSeason, InjuryReportsChangeOnlyTheInjuryFingerprint) {
  ParsedFile parsed;
  parsed.format = "test";
  parsed.injury_reports = {Report("2023-11-07T17:30:00Z", "AAA", "Ree, Th", kInjuryOut)};
  RawStore raw(*db_);
  auto before = DateCatalog(*db_, "2023-11-01", "2023-11-07");
  ASSERT_TRUE(raw.ReplaceFile("report", "sha-r", 1, parsed));
  auto after = DateCatalog(*db_, "2023-11-01", "2023-11-07");
  ASSERT_TRUE(before && after);
  auto fingerprints = raw.InjuryFingerprints("2023-11-07", "2023-11-07");
  ASSERT_TRUE(fingerprints);
  EXPECT_EQ(fingerprints->size(), 1u);
  for (const auto& [date, info] : *after) {
    auto old = before->find(date);
    if (old == before->end()) continue;
    EXPECT_EQ(info.fingerprint, old->second.fingerprint) << date;
  }
}

}  // namespace
}  // namespace backcourt

namespace backcourt {
namespace {

// A new injury report changes the fingerprint of player_availability only: box-score tables
// stay fresh (features follow availability through its data version, as for any upstream).
TEST(InjuryLineage, OnlyTablesThatReadReportsSeeTheInjuryFingerprint) {
  const Registry registry = Registry::Default();
  auto fingerprints = [&](const std::string& injury) {
    std::map<std::string, DateInfo> dates{{"2023-11-07", DateInfo{"2023-24", true, "raw", injury, ""}}};
    Lineage lineage(registry, dates, {});
    std::map<std::string, std::string> out;
    for (const auto& p : registry.processors()) {
      out[std::string(p->name())] = lineage.Fingerprint(*p, "2023-11-07");
    }
    return out;
  };
  const auto before = fingerprints(""), after = fingerprints("report-1");
  for (const auto& [table, fingerprint] : before) {
    EXPECT_EQ(fingerprint != after.at(table), table == "player_availability") << table;
  }
}

}  // namespace
}  // namespace backcourt
