// Identity resolution (tables/inputs.h) on small synthetic rows: placement of id-less rows
// through the schedule, the schedule row and the player row chosen by priority, ties that never
// depend on the order rows come in, inferred games, one game per team and date, and names
// resolved through the season's player rows.
#include "tables/inputs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ingest/player_names.h"

namespace backcourt {
namespace {

ScheduleRow Scheduled(std::string id, std::string date, std::string home, std::string away,
                      std::string status = kStatusFinal, std::string source = "team-log-csv") {
  ScheduleRow row;
  row.source = std::move(source), row.game_id = std::move(id), row.game_date = std::move(date);
  row.season = "2023-24", row.game_type = "regular_season", row.status = std::move(status);
  row.home_team = std::move(home), row.away_team = std::move(away);
  return row;
}

PlayerBoxRow Player(std::string game_id, std::string team, std::optional<int64_t> id,
                    std::string name, std::string source = "nba-stats-csv", int64_t pts = 10) {
  PlayerBoxRow row;
  row.source = std::move(source), row.game_id = std::move(game_id), row.team = std::move(team);
  row.player_id = id, row.player_name = std::move(name), row.minutes = 30;
  row.stats.pts = pts, row.has_shooting = 1;
  return row;
}

// A row of a source without game ids (Basketball-Reference): date, team, opponent, home side.
PlayerBoxRow Dated(std::string date, std::string team, std::string opponent, bool home,
                   std::string name, int64_t pts = 10) {
  PlayerBoxRow row = Player("", std::move(team), std::nullopt, std::move(name), "bbref-csv", pts);
  row.game_date = std::move(date), row.opponent = std::move(opponent), row.is_home = home ? 1 : 0;
  return row;
}

TeamBoxRow TeamBox(std::string game_id, std::string team, std::string source, int64_t pts,
                   std::optional<double> minutes = std::nullopt) {
  TeamBoxRow row;
  row.source = std::move(source), row.game_id = std::move(game_id), row.team = std::move(team);
  row.stats.pts = pts, row.minutes = minutes;
  return row;
}

const GameInputs* FindGame(const ResolvedInputs& inputs, const std::string& date,
                           const std::string& id) {
  const DateInputs* day = inputs.ForDate(date);
  if (day == nullptr) return nullptr;
  for (const GameInputs& g : day->games) {
    if (g.game.game_id == id) return &g;
  }
  return nullptr;
}

const TeamSide& Side(const GameInputs& game, const std::string& team) {
  return game.sides[game.sides[0].team == team ? 0 : 1];
}

TEST(ResolvedInputsTest, PlacesRowsWithoutIdsInTheScheduledGameOfTheirTeamAndDate) {
  auto inputs = ResolvedInputs::Build(
      {Scheduled("0022300001", "2023-11-01", "BOS", "NYK")}, {},
      {Dated("2023-11-01", "BOS", "NYK", true, "Jayson Tatum"),
       Dated("2023-11-01", "NYK", "BOS", false, "Jalen Brunson"),
       Dated("2023-11-01", "MIA", "", false, "Nobody Known")});
  const GameInputs* game = FindGame(inputs, "2023-11-01", "0022300001");
  ASSERT_NE(game, nullptr);
  ASSERT_EQ(Side(*game, "BOS").players.size(), 1u);
  ASSERT_EQ(Side(*game, "NYK").players.size(), 1u);
  EXPECT_EQ(Side(*game, "BOS").players[0].row->game_id, "0022300001");
  // MIA has no game that date and the row does not name its opponent: listed, never dropped.
  ASSERT_EQ(inputs.unplaced().size(), 1u);
  EXPECT_EQ(inputs.unplaced()[0].team, "MIA");
  EXPECT_EQ(inputs.unplaced()[0].reason, "no scheduled game for this team on this date");
  EXPECT_EQ(inputs.inferred_games(), 0);
}

TEST(ResolvedInputsTest, ScheduleRowsRankByStatusThenSource) {
  // The same game from two sources: the final row wins over a scheduled one whatever the
  // source; between two final rows, the team logs win over the CDN schedule.
  ScheduleRow scheduled = Scheduled("0022300002", "2023-11-02", "LAL", "PHX", kStatusScheduled);
  ScheduleRow cdn = Scheduled("0022300002", "2023-11-03", "LAL", "PHX", kStatusFinal,
                              "schedule-json");
  ScheduleRow logs = Scheduled("0022300002", "2023-11-04", "LAL", "PHX");
  auto two = ResolvedInputs::Build({scheduled, cdn}, {}, {});
  ASSERT_EQ(two.Games().size(), 1u);
  EXPECT_EQ(two.Games()[0].game_date, "2023-11-03");
  auto three = ResolvedInputs::Build({cdn, scheduled, logs}, {}, {});
  ASSERT_EQ(three.Games().size(), 1u);
  EXPECT_EQ(three.Games()[0].game_date, "2023-11-04");
  EXPECT_TRUE(three.Games()[0].final());
}

TEST(ResolvedInputsTest, TiedScheduleRowsResolveTheSameInEveryOrder) {
  // Two files of the same source disagree on a game's date: equal rank, so the row with the
  // smaller content hash wins, whichever file came first.
  ScheduleRow a = Scheduled("0022300003", "2023-11-05", "DEN", "UTA");
  ScheduleRow b = Scheduled("0022300003", "2023-11-06", "DEN", "UTA");
  auto ab = ResolvedInputs::Build({a, b}, {}, {});
  auto ba = ResolvedInputs::Build({b, a}, {}, {});
  ASSERT_EQ(ab.Games().size(), 1u);
  ASSERT_EQ(ba.Games().size(), 1u);
  EXPECT_EQ(ab.Games()[0].game_date, ba.Games()[0].game_date);
}

TEST(ResolvedInputsTest, PlayerRowsRankBySourceAndTiesDoNotDependOnOrder) {
  const std::vector<ScheduleRow> schedule = {Scheduled("0022300004", "2023-11-07", "GSW", "SAC")};
  PlayerBoxRow nba = Player("0022300004", "GSW", 201939, "Stephen Curry", "nba-stats-csv", 30);
  PlayerBoxRow bdl = Player("0022300004", "GSW", 201939, "Stephen Curry", "bdl-json", 31);
  PlayerBoxRow reduced = Player("0022300004", "GSW", 201939, "Stephen Curry", "nba-stats-csv", 32);
  reduced.has_shooting = 0;
  auto ranked = ResolvedInputs::Build(schedule, {}, {reduced, bdl, nba});
  const GameInputs* game = FindGame(ranked, "2023-11-07", "0022300004");
  ASSERT_NE(game, nullptr);
  ASSERT_EQ(Side(*game, "GSW").players.size(), 1u);
  EXPECT_EQ(Side(*game, "GSW").players[0].source, PlayerSource::kNbaBox);
  EXPECT_EQ(*Side(*game, "GSW").players[0].row->stats.pts, 30);

  // Two NBA.com boxes disagreeing on points: the same pick in both orders.
  PlayerBoxRow other = nba;
  other.stats.pts = 29;
  auto first = ResolvedInputs::Build(schedule, {}, {nba, other});
  auto second = ResolvedInputs::Build(schedule, {}, {other, nba});
  EXPECT_EQ(*Side(*FindGame(first, "2023-11-07", "0022300004"), "GSW").players[0].row->stats.pts,
            *Side(*FindGame(second, "2023-11-07", "0022300004"), "GSW").players[0].row->stats.pts);
}

TEST(ResolvedInputsTest, TeamBoxesPreferTeamLogsAndRealGameLengths) {
  auto inputs = ResolvedInputs::Build(
      {Scheduled("0022300005", "2023-11-08", "MIL", "CHI")},
      {TeamBox("0022300005", "MIL", "nba-stats-json", 110, 241.0),
       TeamBox("0022300005", "MIL", "team-log-csv", 111),
       TeamBox("0022300005", "MIL", "team-advanced-csv", 0, 265.0)},
      {});
  const TeamSide& mil = Side(*FindGame(inputs, "2023-11-08", "0022300005"), "MIL");
  ASSERT_NE(mil.box, nullptr);
  EXPECT_EQ(mil.box->source, "team-log-csv");
  // 241 is a sum of rounded player minutes, not a game length: the advanced file's 265 wins.
  ASSERT_TRUE(mil.team_minutes);
  EXPECT_EQ(*mil.team_minutes, 265.0);
  EXPECT_EQ(mil.minutes_source, "team_advanced");
}

TEST(ResolvedInputsTest, InfersAGameFromRowsNamingBothTeamsAndTheHomeSide) {
  auto inputs = ResolvedInputs::Build({}, {},
                                      {Dated("2024-04-20", "BOS", "MIA", true, "Jrue Holiday"),
                                       Dated("2024-04-20", "MIA", "BOS", false, "Bam Adebayo")});
  EXPECT_EQ(inputs.inferred_games(), 1);
  const GameInputs* game = FindGame(inputs, "2024-04-20", "20240420_MIA_BOS");
  ASSERT_NE(game, nullptr);
  EXPECT_TRUE(game->game.inferred);
  EXPECT_TRUE(game->game.built());
  EXPECT_EQ(game->game.home_team, "BOS");
  EXPECT_EQ(game->game.season, "2023-24");
  EXPECT_EQ(Side(*game, "MIA").players.size(), 1u);
  EXPECT_TRUE(inputs.unplaced().empty());
}

TEST(ResolvedInputsTest, ATeamWithTwoGamesOnADateKeepsTheOneMoreRowsName) {
  // A bogus schedule row gives BOS a second game that date; the player rows name the real one.
  const std::vector<ScheduleRow> schedule = {Scheduled("0022300010", "2023-11-10", "BOS", "NYK"),
                                             Scheduled("0022300011", "2023-11-10", "BOS", "ORL")};
  const std::vector<PlayerBoxRow> players = {Player("0022300011", "BOS", 1, "A One"),
                                             Player("0022300011", "ORL", 2, "B Two")};
  for (bool reversed : {false, true}) {
    std::vector<ScheduleRow> rows = schedule;
    if (reversed) std::reverse(rows.begin(), rows.end());
    auto inputs = ResolvedInputs::Build(rows, {}, players);
    const std::vector<const Game*> built = inputs.BuiltGames("2023-11-10");
    ASSERT_EQ(built.size(), 1u);
    EXPECT_EQ(built[0]->game_id, "0022300011");
    const GameInputs* bogus = FindGame(inputs, "2023-11-10", "0022300010");
    ASSERT_NE(bogus, nullptr);
    EXPECT_TRUE(bogus->game.counts());
    EXPECT_FALSE(bogus->game.built());
    EXPECT_NE(bogus->game.conflict.find("0022300011"), std::string::npos) << bogus->game.conflict;
  }
}

TEST(ResolvedInputsTest, NameOnlyRowsResolveToTheIdTheSeasonGivesTheName) {
  // Basketball-Reference names the player; NBA.com gives the id in another game.
  auto inputs = ResolvedInputs::Build(
      {Scheduled("0022300020", "2023-11-12", "DAL", "HOU"),
       Scheduled("0022300021", "2023-11-14", "DAL", "SAS")},
      {},
      {Player("0022300020", "DAL", 1629029, "Luka Dončić"),
       Dated("2023-11-14", "DAL", "SAS", true, "Luka Doncic"),
       Dated("2023-11-14", "SAS", "DAL", false, "Unknown Rookie")});
  const GameInputs* game = FindGame(inputs, "2023-11-14", "0022300021");
  ASSERT_NE(game, nullptr);
  ASSERT_EQ(Side(*game, "DAL").players.size(), 1u);
  EXPECT_EQ(Side(*game, "DAL").players[0].player_key, "1629029");
  ASSERT_EQ(Side(*game, "SAS").players.size(), 1u);
  EXPECT_EQ(Side(*game, "SAS").players[0].player_key, "name:" + NormalizePlayerName("Unknown Rookie"));
  EXPECT_EQ(inputs.unresolved_players(), 1);

  // A betting line naming him resolves too, with his team in that game.
  NamedPlayer named = inputs.ResolveName(NormalizePlayerName("Luka Doncic"), game->game);
  EXPECT_TRUE(named.resolved);
  EXPECT_EQ(named.player_key, "1629029");
  EXPECT_EQ(named.team, std::optional<std::string>("DAL"));
  NamedPlayer nobody = inputs.ResolveName(NormalizePlayerName("Not A Player"), game->game);
  EXPECT_FALSE(nobody.resolved);
  EXPECT_EQ(nobody.player_key, "name:" + NormalizePlayerName("Not A Player"));
}

TEST(ResolvedInputsTest, ANameKeyJoinsTheOneIdWhoseBoxLineItMatchesInThatGame) {
  // Basketball-Reference spells two players unlike NBA.com, who has no other game to learn
  // the spelling from: "Mo Bamba" scored 12 like id 1628964 and joins him; "Unknown Guard"
  // scored 8 like both ids 1 and 2, so he stays under his name key. Players are listed by key.
  auto inputs = ResolvedInputs::Build(
      {Scheduled("0022300040", "2023-11-20", "ORL", "MIA")},
      {},
      {Player("0022300040", "ORL", 1628964, "Mohamed Bamba", "nba-stats-csv", 12),
       Player("0022300040", "ORL", 2, "Guard Two", "nba-stats-csv", 8),
       Player("0022300040", "ORL", 1, "Guard One", "nba-stats-csv", 8),
       Dated("2023-11-20", "ORL", "MIA", true, "Mo Bamba", 12),
       Dated("2023-11-20", "ORL", "MIA", true, "Unknown Guard", 8)});
  const GameInputs* game = FindGame(inputs, "2023-11-20", "0022300040");
  ASSERT_NE(game, nullptr);
  const auto& players = Side(*game, "ORL").players;
  std::vector<std::string> keys;
  for (const ResolvedPlayer& p : players) keys.push_back(p.player_key);
  EXPECT_EQ(keys, (std::vector<std::string>{"1", "1628964", "2",
                                            "name:" + NormalizePlayerName("Unknown Guard")}));
  // The merged player keeps the NBA.com row, the better source.
  EXPECT_EQ(players[1].source, PlayerSource::kNbaBox);
  EXPECT_EQ(players[1].row->player_name, "Mohamed Bamba");
  EXPECT_EQ(inputs.unresolved_players(), 1);
}

TEST(ResolvedInputsTest, GamesListsEveryGameByDateThenId) {
  auto inputs = ResolvedInputs::Build({Scheduled("0022300031", "2023-11-20", "BOS", "NYK"),
                                       Scheduled("0022300030", "2023-11-20", "MIA", "ORL"),
                                       Scheduled("0012300001", "2023-10-10", "LAL", "GSW",
                                                 kStatusScheduled)},
                                      {}, {});
  const std::vector<Game> games = inputs.Games();
  ASSERT_EQ(games.size(), 3u);
  EXPECT_EQ(games[0].game_id, "0012300001");
  EXPECT_EQ(games[1].game_id, "0022300030");
  EXPECT_EQ(games[2].game_id, "0022300031");
  EXPECT_FALSE(games[0].counts());  // not final
}

}  // namespace
}  // namespace backcourt
