// Season loading (engine/season_inputs.h) and the persisted resolved schedule
// (engine/resolved_schedule.h) on synthetic raw rows in an in-memory database: seasons split
// August to July, rows read and resolved per season, the resolution persisted by a writing
// caller and reused until that season's raw rows change, read-only callers never writing.
#include "engine/season_inputs.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/resolved_schedule.h"
#include "store/raw_store.h"
#include "store/schema.h"

namespace backcourt {
namespace {

ScheduleRow Scheduled(std::string id, std::string date, std::string season, std::string home,
                      std::string away, std::string type = "regular_season") {
  ScheduleRow row;
  row.source = "team-log-csv", row.game_id = std::move(id), row.game_date = std::move(date);
  row.season = std::move(season), row.game_type = std::move(type), row.status = kStatusFinal;
  row.home_team = std::move(home), row.away_team = std::move(away);
  return row;
}

PlayerBoxRow Dated(std::string date, std::string team, std::string opponent, bool home,
                   std::string name) {
  PlayerBoxRow row;
  row.source = "bbref-csv", row.game_date = std::move(date), row.team = std::move(team);
  row.opponent = std::move(opponent), row.is_home = home ? 1 : 0;
  row.player_name = std::move(name), row.minutes = 30, row.stats.pts = 12, row.has_shooting = 1;
  return row;
}

class SeasonInputsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenStore(":memory:");
    ASSERT_TRUE(db) << db.error().message();
    db_.emplace(std::move(*db));
    ParsedFile schedule;
    schedule.format = "team-log-csv";
    schedule.schedule = {Scheduled("0022300001", "2023-10-24", "2023-24", "DEN", "LAL"),
                         Scheduled("0012300001", "2023-10-10", "2023-24", "BOS", "NYK",
                                   "preseason"),
                         Scheduled("0022400001", "2024-10-22", "2024-25", "BOS", "NYK")};
    Ingest("schedule.csv", "sha-schedule", schedule);
    ParsedFile players;
    players.format = "bbref-csv";
    // One row placed in the scheduled game, two inferring a game the schedule lacks (a date
    // with raw rows only).
    players.player_box = {Dated("2023-10-24", "DEN", "LAL", true, "Nikola Jokic"),
                          Dated("2024-04-20", "BOS", "MIA", true, "Jrue Holiday"),
                          Dated("2024-04-20", "MIA", "BOS", false, "Bam Adebayo")};
    Ingest("players.csv", "sha-players", players);
  }

  void Ingest(const std::string& path, const std::string& sha, const ParsedFile& parsed) {
    auto record = RawStore(*db_).ReplaceFile(path, sha, 1, parsed);
    ASSERT_TRUE(record) << record.error().message();
  }

  int64_t Count(const std::string& sql) {
    auto n = db_->QueryInt(sql);
    EXPECT_TRUE(n) << n.error().message();
    return n ? *n : -1;
  }

  std::optional<Db> db_;
};

TEST_F(SeasonInputsTest, LoadsAndResolvesEachSeasonApart) {
  std::vector<size_t> loaded;
  SeasonInputs inputs(*db_, {Season(2023), Season(2024)}, [&](size_t i) { loaded.push_back(i); });
  EXPECT_EQ(loaded, (std::vector<size_t>{0, 1}));  // in-memory: loaded before returning
  auto first = inputs.ForDate("2023-10-24");
  ASSERT_TRUE(first) << first.error().message();
  ASSERT_NE((*first)->ForDate("2023-10-24"), nullptr);
  EXPECT_EQ((*first)->BuiltGames("2023-10-24").size(), 1u);
  EXPECT_EQ((*first)->inferred_games(), 1);
  EXPECT_EQ((*first)->ForDate("2024-10-22"), nullptr);  // the next season's game
  auto second = inputs.ForDate("2024-10-22");
  ASSERT_TRUE(second);
  EXPECT_EQ((*second)->BuiltGames("2024-10-22").size(), 1u);
  EXPECT_FALSE(inputs.ForDate("2022-01-01"));  // a season not loaded

  inputs.Release("2023-10-24");
  EXPECT_FALSE(inputs.ForDate("2023-11-01"));  // released: a build may not read it again
  EXPECT_TRUE(*first != nullptr);              // a build holding it keeps it
  const SeasonInputs::Totals totals = inputs.Summarize();
  EXPECT_EQ(totals.inferred_games, 1);
  EXPECT_EQ(totals.unplaced_rows, 0);
}

TEST_F(SeasonInputsTest, SeasonsResolvedAlreadyAreNotReadAgain) {
  auto resolved = SeasonInputs::Resolve(*db_, Season(2023));
  ASSERT_TRUE(resolved);
  auto shared = std::make_shared<const ResolvedInputs>(std::move(*resolved));
  SeasonInputs inputs(*db_, {Season(2023)}, [](size_t) {}, {{Season(2023), shared}});
  auto got = inputs.ForDate("2024-04-20");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->get(), shared.get());
}

TEST_F(SeasonInputsTest, ReadersResolveInMemoryUntilAWritingCallerPersists) {
  auto games = ResolvedGames(*db_, "2023-08-01", "2024-07-31");
  ASSERT_TRUE(games) << games.error().message();
  ASSERT_EQ(games->size(), 3u);  // the preseason game, the scheduled one, the inferred one
  EXPECT_EQ(Count("SELECT COUNT(*) FROM resolved_games"), 0);  // read-only: nothing written

  auto persisted = LoadSchedules(*db_, "", "9999-12-31", {.persist = true});
  ASSERT_TRUE(persisted) << persisted.error().message();
  ASSERT_EQ(persisted->size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM resolved_games"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM resolved_games WHERE inferred = 1"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM resolved_seasons"), 2);

  auto again = LoadSchedules(*db_, "2023-08-01", "2024-07-31");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1u);
  EXPECT_TRUE((*again)[0].persisted);
  EXPECT_EQ((*again)[0].games.size(), 3u);

  // New raw rows of 2023-24 make its record stale (2024-25's stays fresh): readers resolve the
  // season in memory again and see the new game.
  ParsedFile more;
  more.format = "team-log-csv";
  more.schedule = {Scheduled("0022300002", "2023-10-25", "2023-24", "MIA", "ORL")};
  Ingest("more.csv", "sha-more", more);
  auto stale = LoadSchedules(*db_, "", "9999-12-31");
  ASSERT_TRUE(stale);
  ASSERT_EQ(stale->size(), 2u);
  EXPECT_FALSE((*stale)[0].persisted);
  EXPECT_EQ((*stale)[0].games.size(), 4u);
  EXPECT_TRUE((*stale)[1].persisted);
}

TEST_F(SeasonInputsTest, TheDateCatalogReadsTheResolvedSchedule) {
  auto catalog = DateCatalog(*db_, "2023-08-01", "2024-07-31");
  ASSERT_TRUE(catalog) << catalog.error().message();
  ASSERT_EQ(catalog->size(), 3u);
  EXPECT_FALSE(catalog->at("2023-10-10").has_games);  // preseason only
  EXPECT_TRUE(catalog->at("2023-10-24").has_games);
  EXPECT_EQ(catalog->at("2023-10-24").season, "2023-24");
  EXPECT_TRUE(catalog->at("2024-04-20").has_games);   // raw rows, no scheduled game
  EXPECT_NE(catalog->at("2023-10-24").fingerprint, catalog->at("2023-10-10").fingerprint);
}

}  // namespace
}  // namespace backcourt
