#include "ingest/odds_api_json_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "ingest/odds_common.h"
#include "json_test_util.h"
#include "reader_test_util.h"

namespace backcourt {
namespace {

using testing::TestFile;
using Json = nlohmann::json;

InputFile OddsFile(const std::string& name) { return TestFile("odds/" + name); }

using testing::Rejects;

ParsedFile ReadOk(const InputFile& file) { return testing::ReadOk(OddsApiJsonReader(), file); }

// A live event-odds response with one bookmaker and the given markets (JSON text).
std::string LiveEvent(const std::string& markets) {
  return R"({"id": "e1", "sport_key": "basketball_nba", "commence_time": "2025-01-21T00:30:00Z",
    "home_team": "Los Angeles Lakers", "away_team": "Boston Celtics",
    "bookmakers": [{"key": "DraftKings", "last_update": "2025-01-20T18:00:00Z",
      "markets": [)" +
         markets + "]}]}";
}

// A live list-of-events response holding `event`.
std::string AsList(const std::string& event) {
  std::string list = "[";
  list.append(event).append("]");
  return list;
}

std::string PointsMarket(const std::string& outcomes) {
  return R"({"key": "player_points", "outcomes": [)" + outcomes + "]}";
}

TEST(OddsApiJsonReader, ShapeExampleGivesPlayerPointsAndCountsOtherMarkets) {
  const ParsedFile file = ReadOk(OddsFile("event_odds_player_props_shape_example.json"));
  EXPECT_EQ(file.format, "odds-api-json");
  EXPECT_EQ(Rejects(file), "");
  ASSERT_EQ(file.odds_events.size(), 1u);
  const OddsEventRow& event = file.odds_events[0];
  EXPECT_EQ(event.event_id, "a1b2c3d4e5f6g7h8i9j0");
  EXPECT_EQ(event.home_team, "LAL");
  EXPECT_EQ(event.away_team, "BOS");
  EXPECT_EQ(event.commence_time, "2025-01-21T00:30:00Z");
  EXPECT_EQ(event.game_date, "2025-01-20");  // 19:30 Eastern
  EXPECT_EQ(event.captured_at, std::nullopt);
  EXPECT_EQ(event.capture_basis, "none");

  ASSERT_EQ(file.prop_lines.size(), 3u);  // LeBron and Davis at DraftKings, LeBron at FanDuel
  const PropLineRow& lebron = file.prop_lines[0];
  EXPECT_EQ(lebron.bookmaker, "draftkings");
  EXPECT_EQ(lebron.line_kind, "book");
  EXPECT_EQ(lebron.market, "player_points");
  EXPECT_EQ(lebron.player_name, "LeBron James");
  EXPECT_EQ(lebron.name_key, "lebron james");
  EXPECT_EQ(lebron.point, 25.5);
  EXPECT_EQ(lebron.over_price, -115);
  EXPECT_EQ(lebron.under_price, -105);
  EXPECT_EQ(lebron.price_format, "american");
  EXPECT_EQ(lebron.captured_at, "2025-01-20T18:00:00Z");
  EXPECT_EQ(lebron.capture_basis, "market_last_update");
  EXPECT_EQ(lebron.event_id, "a1b2c3d4e5f6g7h8i9j0");
  EXPECT_EQ(lebron.game_date, "2025-01-20");
  EXPECT_EQ(file.prop_lines[1].player_name, "Anthony Davis");
  EXPECT_EQ(file.prop_lines[1].over_price, -110);
  // FanDuel's market has no last_update: the bookmaker's is the capture time.
  const PropLineRow& fanduel = file.prop_lines[2];
  EXPECT_EQ(fanduel.bookmaker, "fanduel");
  EXPECT_EQ(fanduel.over_price, -112);
  EXPECT_EQ(fanduel.under_price, -108);
  EXPECT_EQ(fanduel.captured_at, "2025-01-20T17:55:00Z");
  EXPECT_EQ(fanduel.capture_basis, "bookmaker_last_update");

  EXPECT_EQ(file.skipped, (std::map<std::string, int64_t>{{"market player_assists", 2},
                                                          {"market player_rebounds", 2}}));
  EXPECT_EQ(file.rows_loaded(), 4u);
}

TEST(OddsApiJsonReader, HistoricalH2hIsDecimalConvertedToAmericanAndCapturedAtTheResponse) {
  const ParsedFile file = ReadOk(OddsFile("historical_event_odds_h2h_2024-01-25T0355Z.json"));
  EXPECT_EQ(Rejects(file), "");
  ASSERT_EQ(file.odds_events.size(), 1u);
  EXPECT_EQ(file.odds_events[0].captured_at, "2024-01-25T03:55:40Z");
  EXPECT_EQ(file.odds_events[0].capture_basis, "response_timestamp");
  ASSERT_EQ(file.game_lines.size(), 2u);
  const GameLineRow& dk = file.game_lines[0];
  EXPECT_EQ(dk.bookmaker, "draftkings");
  EXPECT_EQ(dk.market, "h2h");
  EXPECT_EQ(dk.point, std::nullopt);
  EXPECT_EQ(dk.home_team, "GSW");
  EXPECT_EQ(dk.away_team, "ATL");
  EXPECT_EQ(dk.price_format, "decimal");
  ASSERT_TRUE(dk.home_price && dk.away_price);
  EXPECT_DOUBLE_EQ(*dk.home_price, -312.5);  // 1.32
  EXPECT_DOUBLE_EQ(*dk.away_price, 230);     // 3.30
  EXPECT_EQ(dk.captured_at, "2024-01-25T03:55:40Z");
  EXPECT_EQ(dk.capture_basis, "response_timestamp");
  EXPECT_EQ(dk.commence_time, "2024-01-25T03:20:30Z");
  EXPECT_EQ(dk.game_date, "2024-01-24");  // 22:20 Eastern
}

// The 2024-01-25T03:55Z snapshot was taken 35 minutes after the GSW-ATL tip: its rows carry
// a capture time after commence_time, which is what keeps them out of every pre-game feature.
TEST(OddsApiJsonReader, SnapshotAfterTipIsCapturedAfterCommenceTime) {
  for (const char* name : {"historical_event_odds_h2h_2024-01-25T0355Z.json",
                           "historical_event_odds_spreads_totals_2024-01-25T0355Z.json"}) {
    const ParsedFile file = ReadOk(OddsFile(name));
    ASSERT_FALSE(file.game_lines.empty()) << name;
    for (const GameLineRow& row : file.game_lines) {
      ASSERT_TRUE(row.captured_at && row.commence_time) << name;
      EXPECT_GT(*row.captured_at, *row.commence_time) << name;  // text order is time order
    }
  }
}

TEST(OddsApiJsonReader, HistoricalSpreadsKeyedByTheHomeTeamAndTotals) {
  const ParsedFile file =
      ReadOk(OddsFile("historical_event_odds_spreads_totals_2024-01-25T0355Z.json"));
  EXPECT_EQ(Rejects(file), "");
  ASSERT_EQ(file.game_lines.size(), 4u);
  const GameLineRow& spread = file.game_lines[0];
  EXPECT_EQ(spread.market, "spreads");
  EXPECT_EQ(spread.point, -6.5);  // Golden State -6.5 at home
  ASSERT_TRUE(spread.home_price && spread.away_price);
  EXPECT_NEAR(*spread.home_price, -100 / 0.83, 1e-9);  // 1.83
  EXPECT_NEAR(*spread.away_price, -100 / 0.91, 1e-9);  // 1.91
  const GameLineRow& total = file.game_lines[1];
  EXPECT_EQ(total.market, "totals");
  EXPECT_EQ(total.point, 248.5);
  EXPECT_TRUE(total.over_price && total.under_price);
  EXPECT_EQ(total.home_price, std::nullopt);
  EXPECT_EQ(file.game_lines[2].bookmaker, "fanduel");
  EXPECT_EQ(file.game_lines[2].point, -7.5);
  EXPECT_EQ(file.game_lines[3].point, 247.5);
}

TEST(OddsApiJsonReader, HistoricalEventListsGiveEvents) {
  const ParsedFile a = ReadOk(OddsFile("historical_events_2024-01-25T0355Z.json"));
  EXPECT_EQ(Rejects(a), "");
  ASSERT_EQ(a.odds_events.size(), 10u);
  EXPECT_TRUE(a.prop_lines.empty() && a.game_lines.empty());
  EXPECT_EQ(a.odds_events[0].home_team, "DAL");
  EXPECT_EQ(a.odds_events[0].away_team, "PHX");
  EXPECT_EQ(a.odds_events[0].game_date, "2024-01-24");
  EXPECT_EQ(a.odds_events[9].home_team, "LAL");
  EXPECT_EQ(a.odds_events[9].game_date, "2024-01-25");  // 03:40Z on the 26th = 22:40 Eastern
  const ParsedFile b = ReadOk(OddsFile("historical_events_b.json"));
  EXPECT_EQ(Rejects(b), "");
  EXPECT_EQ(b.odds_events.size(), 16u);
  EXPECT_EQ(b.odds_events[1].home_team, "PHI");
  EXPECT_EQ(b.odds_events[1].away_team, "UTA");
  EXPECT_EQ(b.odds_events[0].captured_at, "2025-03-09T23:55:38Z");
}

TEST(OddsApiJsonReader, DetectsOddsApiResponsesOnly) {
  OddsApiJsonReader reader;
  for (const char* name : {"event_odds_player_props_shape_example.json",
                           "historical_event_odds_h2h_2024-01-25T0355Z.json",
                           "historical_event_odds_spreads_totals_2024-01-25T0355Z.json",
                           "historical_events_2024-01-25T0355Z.json", "historical_events_b.json"}) {
    EXPECT_TRUE(reader.Detect(OddsFile(name))) << name;
  }
  EXPECT_TRUE(reader.Detect(InputFile{"live.json", AsList(LiveEvent(""))}));
  for (const char* name :
       {"box_scores_2024-01-15.json", "games.json", "scoreboardv2.json",
        "scheduleleaguev2_2024-25_sample.json", "boxscoretraditionalv3_0022200552.json"}) {
    EXPECT_FALSE(reader.Detect(TestFile(name))) << name;
  }
  EXPECT_FALSE(reader.Detect(InputFile{"x", ""}));
  EXPECT_FALSE(reader.Detect(InputFile{"x.csv", "commence_time,sport_key\n"}));
}

TEST(OddsApiJsonReader, LiveEventListWithOptionCaptureForEvents) {
  InputFile file{"live.json",
                 AsList(LiveEvent(PointsMarket(R"(
      {"name": "Over", "description": "Luka Dončić", "price": 105, "point": 30.5},
      {"name": "Under", "description": "Luka Dončić", "price": -125, "point": 30.5})"))),
                 "2025-01-20T19:00:00Z"};
  const ParsedFile parsed = ReadOk(file);
  EXPECT_EQ(Rejects(parsed), "");
  ASSERT_EQ(parsed.odds_events.size(), 1u);
  EXPECT_EQ(parsed.odds_events[0].captured_at, "2025-01-20T19:00:00Z");
  EXPECT_EQ(parsed.odds_events[0].capture_basis, "option");
  ASSERT_EQ(parsed.prop_lines.size(), 1u);
  EXPECT_EQ(parsed.prop_lines[0].name_key, "luka doncic");
  EXPECT_EQ(parsed.prop_lines[0].over_price, 105);
  // The bookmaker's own last_update wins over the option.
  EXPECT_EQ(parsed.prop_lines[0].captured_at, "2025-01-20T18:00:00Z");
}

TEST(OddsApiJsonReader, UnknownMarketsAreCountedNotRejected) {
  const ParsedFile parsed = ReadOk(InputFile{"m.json", LiveEvent(R"(
      {"key": "player_blocks", "outcomes": [{"name": "Over", "description": "A", "price": 100, "point": 0.5}]},
      {"key": "alternate_spreads", "outcomes": [{"name": "Boston Celtics", "price": 100, "point": 1.5},
                                                {"name": "Los Angeles Lakers", "price": -120, "point": -1.5}]})")});
  EXPECT_EQ(Rejects(parsed), "");
  EXPECT_EQ(parsed.skipped, (std::map<std::string, int64_t>{{"market alternate_spreads", 2},
                                                            {"market player_blocks", 1}}));
  EXPECT_EQ(parsed.odds_events.size(), 1u);
}

TEST(OddsApiJsonReader, BadOutcomesAreRejectedWithTheirRecordAndTheRestLoads) {
  const ParsedFile parsed = ReadOk(InputFile{"bad.json", LiveEvent(PointsMarket(R"(
      {"name": "Over", "description": "A B", "price": -115, "point": 20.5},
      {"name": "Under", "description": "A B", "price": 50, "point": 20.5},
      {"name": "Over", "description": "C D", "price": -110},
      {"name": "Yes", "description": "C D", "price": -110, "point": 1},
      {"name": "Over", "price": -110, "point": 1},
      {"name": "Under", "description": "E F", "price": "x", "point": 9.5},
      {"name": "Over", "description": "G H", "price": -110, "point": 300})"))});
  // Record 1 is the event; its outcomes are records 2..8.
  EXPECT_EQ(Rejects(parsed),
            "3: price 50 is not an American price (|price| 100..1000000)\n"
            "4: outcome without a point\n"
            "5: outcome 'Yes' is neither Over nor Under\n"
            "6: outcome without a player (description)\n"
            "7: outcome without a price\n"
            "8: line 300 is not a points line (0..150)\n");
  ASSERT_EQ(parsed.prop_lines.size(), 1u);
  EXPECT_EQ(parsed.prop_lines[0].over_price, -115);
  EXPECT_EQ(parsed.prop_lines[0].under_price, std::nullopt);
}

TEST(OddsApiJsonReader, DuplicatedOutcomesBecomeASecondRowNeverLost) {
  const ParsedFile parsed = ReadOk(InputFile{"dup.json", LiveEvent(PointsMarket(R"(
      {"name": "Over", "description": "A B", "price": -115, "point": 20.5},
      {"name": "Over", "description": "A B", "price": -120, "point": 20.5},
      {"name": "Under", "description": "A B", "price": -105, "point": 20.5},
      {"name": "Under", "description": "A B", "price": -110, "point": 21.5})"))});
  EXPECT_EQ(Rejects(parsed), "");
  ASSERT_EQ(parsed.prop_lines.size(), 3u);
  EXPECT_EQ(parsed.prop_lines[0].over_price, -115);
  EXPECT_EQ(parsed.prop_lines[0].under_price, -105);
  EXPECT_EQ(parsed.prop_lines[1].over_price, -120);
  EXPECT_EQ(parsed.prop_lines[1].under_price, std::nullopt);
  EXPECT_EQ(parsed.prop_lines[2].point, 21.5);
}

TEST(OddsApiJsonReader, GameLineOutcomeOfAnotherTeamIsRejected) {
  const ParsedFile parsed = ReadOk(InputFile{"team.json", LiveEvent(R"(
      {"key": "h2h", "outcomes": [{"name": "Miami Heat", "price": -150},
                                  {"name": "Boston Celtics", "price": 130}]})")});
  EXPECT_EQ(Rejects(parsed), "2: outcome 'Miami Heat' is neither the home nor the away team\n");
  ASSERT_EQ(parsed.game_lines.size(), 1u);
  EXPECT_EQ(parsed.game_lines[0].away_price, 130);
  EXPECT_EQ(parsed.game_lines[0].home_price, std::nullopt);
}

TEST(OddsApiJsonReader, BadEventsAreRejectedOtherSportsCounted) {
  const ParsedFile parsed = ReadOk(InputFile{"events.json", R"([
      {"id": "a", "sport_key": "basketball_nba", "commence_time": "2025-01-21T00:30:00Z",
       "home_team": "Gotham Knights", "away_team": "Boston Celtics"},
      {"id": "b", "sport_key": "basketball_nba", "commence_time": "tomorrow",
       "home_team": "Miami Heat", "away_team": "Boston Celtics"},
      {"id": "c", "sport_key": "basketball_wnba", "commence_time": "2025-06-21T00:30:00Z",
       "home_team": "Las Vegas Aces", "away_team": "New York Liberty"},
      7])"});
  EXPECT_EQ(Rejects(parsed),
            "1: unknown team 'Gotham Knights' in home_team\n"
            "2: invalid commence_time 'tomorrow' (ISO-8601 UTC expected)\n"
            "4: event is not an object\n");
  EXPECT_EQ(parsed.skipped, (std::map<std::string, int64_t>{{"sport basketball_wnba", 1}}));
  EXPECT_TRUE(parsed.odds_events.empty());
}

TEST(OddsApiJsonReader, WholeFileFailuresAreErrors) {
  OddsApiJsonReader reader;
  const InputFile whole = OddsFile("historical_event_odds_h2h_2024-01-25T0355Z.json");
  auto truncated = reader.Read(InputFile{"t.json", whole.content.substr(0, 300)});
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().message().rfind("truncated JSON", 0), 0u)
      << truncated.error().message();
  auto no_time = reader.Read(InputFile{"h.json", R"({"data": []})"});
  ASSERT_FALSE(no_time);
  EXPECT_EQ(no_time.error().message(), "historical response (\"data\") without a \"timestamp\"");
  auto bad_time =
      reader.Read(InputFile{"h.json", R"({"timestamp": "2024-13-01T00:00:00Z", "data": []})"});
  ASSERT_FALSE(bad_time);
  EXPECT_EQ(bad_time.error().message(),
            "invalid response timestamp '2024-13-01T00:00:00Z' (ISO-8601 UTC expected)");
  auto not_events = reader.Read(InputFile{"o.json", R"({"message": "quota exceeded"})"});
  ASSERT_FALSE(not_events);
  EXPECT_EQ(not_events.error().message().rfind("not an Odds API response", 0), 0u);
}

// Mixed or ambiguous prices: a historical response is decimal, so -110 in it is a bad price.
TEST(OddsApiJsonReader, PriceFormatComesFromThePricesThenFromTheWrapper) {
  const std::string event = LiveEvent(R"({"key": "h2h", "outcomes": [
      {"name": "Los Angeles Lakers", "price": 1.5}, {"name": "Boston Celtics", "price": -110}]})");
  const ParsedFile historical = ReadOk(
      InputFile{"h.json", R"({"timestamp": "2025-01-20T18:00:00Z", "data": )" + event + "}"});
  EXPECT_EQ(Rejects(historical), "3: decimal price -110 is not a decimal price (over 1)\n");
  ASSERT_EQ(historical.game_lines.size(), 1u);
  EXPECT_DOUBLE_EQ(*historical.game_lines[0].home_price, -200);
  const ParsedFile live = ReadOk(InputFile{"l.json", event});
  EXPECT_EQ(Rejects(live), "2: price 1.5 is not an American price (|price| 100..1000000)\n");
  // American prices in a historical wrapper (oddsFormat=american) are read as American.
  const ParsedFile american =
      ReadOk(InputFile{"a.json", R"({"timestamp": "2025-01-20T18:00:00Z", "data": )" +
                                     LiveEvent(R"({"key": "h2h", "outcomes": [
      {"name": "Los Angeles Lakers", "price": -150}, {"name": "Boston Celtics", "price": 130}]})") +
                                     "}"});
  EXPECT_EQ(Rejects(american), "");
  ASSERT_EQ(american.game_lines.size(), 1u);
  EXPECT_EQ(american.game_lines[0].price_format, "american");
  EXPECT_EQ(american.game_lines[0].home_price, -150);
}

}  // namespace
}  // namespace backcourt
