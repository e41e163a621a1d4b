#include "ingest/teams.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace backcourt {
namespace {

struct TeamCase {
  std::string code;
  std::optional<std::string> tricode;
};

class NormalizeTeamTable : public ::testing::TestWithParam<TeamCase> {};

TEST_P(NormalizeTeamTable, MapsToTricode) {
  EXPECT_EQ(NormalizeTeam(GetParam().code), GetParam().tricode) << GetParam().code;
}

INSTANTIATE_TEST_SUITE_P(
    Aliases, NormalizeTeamTable,
    ::testing::Values(TeamCase{"BOS", "BOS"}, TeamCase{"BKN", "BKN"}, TeamCase{"BRK", "BKN"},
                      TeamCase{"CHO", "CHA"}, TeamCase{"PHO", "PHX"}, TeamCase{"NJN", "BKN"},
                      TeamCase{"SEA", "OKC"}, TeamCase{"VAN", "MEM"}, TeamCase{"NOH", "NOP"},
                      TeamCase{"NOK", "NOP"}, TeamCase{"CHH", "CHA"}, TeamCase{" LAL ", "LAL"},
                      TeamCase{"XYZ", std::nullopt}, TeamCase{"", std::nullopt},
                      TeamCase{"bos", std::nullopt}));

class NormalizeTeamNameTable : public ::testing::TestWithParam<TeamCase> {};

TEST_P(NormalizeTeamNameTable, MapsToTricode) {
  EXPECT_EQ(NormalizeTeamName(GetParam().code), GetParam().tricode) << GetParam().code;
}

// Betting sources: full names (The Odds API, pick'em files) and lower-case short codes (the
// game-lines history).
INSTANTIATE_TEST_SUITE_P(
    BettingNames, NormalizeTeamNameTable,
    ::testing::Values(TeamCase{"Golden State Warriors", "GSW"}, TeamCase{"Boston Celtics", "BOS"},
                      TeamCase{"Los Angeles Clippers", "LAC"}, TeamCase{"LA Clippers", "LAC"},
                      TeamCase{"Philadelphia 76ers", "PHI"},
                      TeamCase{"Portland Trail Blazers", "POR"}, TeamCase{"new york knicks", "NYK"},
                      TeamCase{" Utah Jazz ", "UTA"}, TeamCase{"New Jersey Nets", "BKN"},
                      TeamCase{"Seattle SuperSonics", "OKC"}, TeamCase{"Charlotte Bobcats", "CHA"},
                      TeamCase{"gs", "GSW"}, TeamCase{"sa", "SAS"}, TeamCase{"utah", "UTA"},
                      TeamCase{"wsh", "WAS"}, TeamCase{"no", "NOP"}, TeamCase{"ny", "NYK"},
                      TeamCase{"bkn", "BKN"}, TeamCase{"okc", "OKC"}, TeamCase{"BOS", "BOS"},
                      TeamCase{"Boston", std::nullopt}, TeamCase{"Gotham Knights", std::nullopt},
                      TeamCase{"", std::nullopt}, TeamCase{"xyz", std::nullopt}));

// The league's injury report (every current team appears in its sample, whose 29 not-submitted
// rows load without a reject): the spellings that sample does not show.
INSTANTIATE_TEST_SUITE_P(
    InjuryReportNames, NormalizeTeamNameTable,
    ::testing::Values(TeamCase{"LA Clippers", "LAC"}, TeamCase{"Los Angeles Clippers", "LAC"},
                      TeamCase{"  golden  STATE warriors ", "GSW"},
                      TeamCase{"Philadelphia 76ers", "PHI"}, TeamCase{"Charlotte Bobcats", "CHA"},
                      TeamCase{"Seattle SuperSonics", "OKC"}, TeamCase{"Lakers", std::nullopt},
                      TeamCase{"Seattle Storm", std::nullopt}, TeamCase{"", std::nullopt}));

TEST(ParseMatchup, HomeGame) {
  auto matchup = ParseMatchup("BOS vs. NYK");
  ASSERT_TRUE(matchup);
  EXPECT_EQ(matchup->team, "BOS");
  EXPECT_EQ(matchup->opponent, "NYK");
  EXPECT_TRUE(matchup->is_home);
}

TEST(ParseMatchup, AwayGameWithAliases) {
  auto matchup = ParseMatchup("PHO @ BRK");
  ASSERT_TRUE(matchup);
  EXPECT_EQ(matchup->team, "PHX");
  EXPECT_EQ(matchup->opponent, "BKN");
  EXPECT_FALSE(matchup->is_home);
}

// One parser for the MATCHUP of NBA.com CSV and JSON (the JSON reader had its own copy).
TEST(ParseMatchup, RejectsUnknownCodesAndShapesNamingThem) {
  EXPECT_EQ(ParseMatchup("BOS vs. XYZ").error().message(), "unknown team code 'XYZ' in MATCHUP");
  EXPECT_EQ(ParseMatchup("QQQ @ BOS").error().message(), "unknown team code 'QQQ' in MATCHUP");
  EXPECT_EQ(ParseMatchup("BOS - NYK").error().message(),
            "MATCHUP 'BOS - NYK' is not 'TEAM vs. OPP' or 'TEAM @ OPP'");
  EXPECT_FALSE(ParseMatchup(""));
  EXPECT_FALSE(ParseMatchup("BOS vs. "));
  const auto padded = ParseMatchup(" NYK @ CHI\r");
  ASSERT_TRUE(padded);
  EXPECT_EQ(padded->opponent, "CHI");
}

TEST(NormalizeGameId, PadsToTenDigits) {
  EXPECT_EQ(NormalizeGameId("22300061"), "0022300061");
  EXPECT_EQ(NormalizeGameId("0022300061"), "0022300061");
  EXPECT_EQ(NormalizeGameId("1"), "0000000001");
  EXPECT_EQ(NormalizeGameId(""), std::nullopt);
  EXPECT_EQ(NormalizeGameId("12345678901"), std::nullopt);
  EXPECT_EQ(NormalizeGameId("22a00061"), std::nullopt);
  EXPECT_EQ(NormalizeGameId(" 22300061\t"), "0022300061");
}

// One game-id parser for CSV cells and JSON fields, with the reason naming the field.
TEST(ParseGameId, NamesTheFieldInReasons) {
  EXPECT_EQ(ParseGameId("GAME_ID", "22300061"), "0022300061");
  EXPECT_EQ(ParseGameId("GAME_ID", " ").error().message(), "missing GAME_ID");
  EXPECT_EQ(ParseGameId("gameId", "00224-0061").error().message(), "invalid gameId '00224-0061'");
}

TEST(GameTypeFromGameId, ReadsThePrefix) {
  EXPECT_EQ(GameTypeFromGameId("0012300001"), "preseason");
  EXPECT_EQ(GameTypeFromGameId("0022300061"), "regular_season");
  EXPECT_EQ(GameTypeFromGameId("0042300101"), "playoffs");
  EXPECT_EQ(GameTypeFromGameId("0052300101"), "play_in");
  EXPECT_EQ(GameTypeFromGameId("0062300001"), "cup_final");
  EXPECT_EQ(GameTypeFromGameId("22300061"), "");
}

}  // namespace
}  // namespace backcourt
