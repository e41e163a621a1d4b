// Which betting-line rows validation lists as fitting no game: those whose date and teams
// (either side home) match no game of the resolved schedule, the one the line tables place
// lines in. Synthetic raw rows in an in-memory database.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/raw_store.h"
#include "store/schema.h"
#include "tables/registry.h"
#include "validate/facts.h"
#include "validate/thresholds.h"

namespace backcourt {
namespace {

constexpr const char* kDate = "2024-01-15";

GameLineRow Line(std::string home, std::string away) {
  GameLineRow row;
  row.source = "odds-api-json", row.game_date = kDate, row.bookmaker = "bookA";
  row.market = "spreads", row.point = -3.5, row.home_price = -110, row.away_price = -110;
  row.home_team = std::move(home), row.away_team = std::move(away);
  row.price_format = "american", row.capture_basis = "test";
  return row;
}

PlayerBoxRow Player(std::string team, std::string opponent, bool home, std::string name) {
  PlayerBoxRow row;
  row.source = "bbref-csv", row.game_date = kDate, row.team = std::move(team);
  row.opponent = std::move(opponent), row.is_home = home ? 1 : 0;
  row.player_name = std::move(name), row.minutes = 30, row.stats.pts = 12, row.has_shooting = 1;
  return row;
}

TEST(UnplacedLines, AreTheLinesNoResolvedGameHas) {
  auto db = OpenStore(":memory:");
  ASSERT_TRUE(db) << db.error().message();
  for (const auto& p : Registry::DefaultProcessors()) ASSERT_TRUE(p->EnsureTable(*db));
  ParsedFile parsed;
  parsed.format = "test";
  ScheduleRow game;
  game.source = "team-log-csv", game.game_id = "0022300600", game.game_date = kDate;
  game.season = "2023-24", game.game_type = "regular_season", game.status = kStatusFinal;
  game.home_team = "BOS", game.away_team = "NYK";
  parsed.schedule.push_back(game);
  // A game the schedule lacks, inferred from rows naming both teams and the home side.
  parsed.player_box = {Player("MIA", "CHI", true, "Bam Adebayo"),
                       Player("CHI", "MIA", false, "Zach LaVine")};
  parsed.game_lines = {Line("BOS", "NYK"), Line("NYK", "BOS"), Line("MIA", "CHI"),
                       Line("LAL", "GSW"), Line("LAL", "GSW")};
  parsed.game_lines[4].bookmaker = "bookB";
  ASSERT_TRUE(RawStore(*db).ReplaceFile("synthetic", "sha", 1, parsed));

  auto facts = LoadFacts(*db, Registry::Default(), kDate, kDate, Thresholds{});
  ASSERT_TRUE(facts) << facts.error().message();
  // The scheduled game's lines fit whichever side they call home; the inferred game's lines
  // fit it although no schedule row names it; only LAL-GSW fits nothing.
  ASSERT_EQ(facts->unplaced_lines.size(), 1u);
  const UnplacedLinesFact& u = facts->unplaced_lines[0];
  EXPECT_EQ(u.table, "raw_game_lines");
  EXPECT_EQ(u.game_date, kDate);
  EXPECT_EQ(u.home_team, "LAL");
  EXPECT_EQ(u.away_team, "GSW");
  EXPECT_EQ(u.rows, 2);
}

}  // namespace
}  // namespace backcourt
