// The hostile-input catalogue (issue 7): bad files cut from real ones (tests/data/hostile),
// each with the exact outcome it must have. A file that cannot be read is refused whole with
// its reason; a bad row is rejected into raw_rejects with file, line and reason while the
// rest of the file loads. Either way nothing else in the store changes.
//
// Decisions the catalogue pins down:
//  - Invalid UTF-8 (a file of mixed encodings): in CSV the row is rejected, naming the
//    column; JSON text must be UTF-8 (RFC 8259), so a JSON file with a bad byte is refused
//    with the parser's line and column. No encoding is guessed. UTF-16 is refused as such.
//  - Dates: a game date must lie in an NBA season (1946-11-01 .. 2046-10-31), and with an
//    NBA.com game id inside that id's season (September of its first year to October of its
//    second). A July date is not rejected by itself: 2019-20 regular-season games were played
//    in July 2020. Years before 1900 (1850-01-01) are not calendar dates the readers parse:
//    such a cell is rejected as an invalid date.
//  - A game with one side: a box score (one game, both teams by definition) with one team is
//    refused as cut short; a team-game log row without its road side is rejected. In a
//    multi-game log a game with one team row is what the source says: the row is kept and
//    no schedule row is made of it (see hostile_generated_input_test.cpp).
//  - Duplicates: the first row of a player-game in a file is kept, later ones are rejected.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/hostile_test_util.h"

namespace backcourt {
namespace {

using testing::Expect;
using testing::ExpectOutcome;
using testing::HostileCase;
using testing::HostileFixture;

// clang-format off
const HostileCase kCases[] = {
    // ---- Files that cannot be read: refused whole.
    {"TruncatedJson", "boxscore_v2_truncated.json", Expect::kRefused,
     "truncated JSON: input ends at byte 1336 inside a value", 0, {}},
    {"InvalidJson", "boxscore_v2_invalid.json", Expect::kRefused,
     "invalid JSON: parse error at line 143, column 12: syntax error while parsing object - "
     "unexpected string literal; expected '}'", 0, {}},
    {"CsvWithAnUnknownHeader", "boxscores_wrong_header.csv", Expect::kRefused,
     "not a known input format (no reader recognises its header)", 0, {}},
    {"CsvWithAWrongHeaderForItsFormat", "boxscores_wrong_header.csv", Expect::kRefused,
     "missing required columns: PLAYER_ID", 0, {}, "nba-stats-csv"},
    {"JsonResultSetWithAWrongHeader", "boxscore_v2_wrong_header.json", Expect::kRefused,
     "result set 'PlayerStats' lacks headers: PLAYER_ID", 0, {}},
    {"CsvWithADuplicatedHeaderColumn", "boxscores_duplicated_header.csv", Expect::kRefused,
     "duplicated header column 'PTS'", 0, {}},
    {"JsonResultSetWithADuplicatedHeader", "boxscore_v2_duplicated_header.json", Expect::kRefused,
     "result set 'PlayerStats' has header 'PTS' twice", 0, {}},
    {"JsonWithALatin1ByteInAName", "boxscore_v2_latin1_name.json", Expect::kRefused,
     "invalid JSON: parse error at line 83, column 17: syntax error while parsing value - "
     "invalid string: ill-formed UTF-8 byte; last read: '\"OG Anunob?\"'", 0, {}},
    {"Utf16Csv", "boxscores_utf16.csv", Expect::kRefused,
     "UTF-16 text (byte-order mark FF FE): only UTF-8 is read", 0, {}},
    {"BoxScoreWithOneTeam", "boxscore_v2_one_team.json", Expect::kRefused,
     "result set 'TeamStats' has 1 rows: a box score has one per team", 0, {}},

    // ---- Bad rows: rejected with their line and reason, the rest loads.
    {"CsvRowWithALatin1Name", "bbref_latin1_name.csv", Expect::kLoaded, "", 2,
     {"3: Player is not valid UTF-8 (byte 0xE9 at offset 13)"}},
    {"PlayerMinutes500", "boxscores_minutes_500.csv", Expect::kLoaded, "", 1,
     {"3: minutes '500' exceed 70"}},
    {"TeamMinutes500", "team_advanced_minutes_500.csv", Expect::kLoaded, "", 2,
     {"3: minutes_home: minutes '500' exceed 400"}},
    {"NegativePointsCsv", "boxscores_negative_points.csv", Expect::kLoaded, "", 1,
     {"3: negative PTS -21"}},
    {"NegativePointsJson", "boxscore_v2_negative_points.json", Expect::kLoaded, "", 4,
     {"2: negative PTS -17"}},
    {"FgmAboveFga", "boxscores_fgm_over_fga.csv", Expect::kLoaded, "", 1,
     {"3: FGM 10 > FGA 8"}},
    {"FgmAboveFgaJson", "bdl_stats_fgm_over_fga.json", Expect::kLoaded, "", 1,
     {"2: FGM 11 > FGA 8"}},
    {"Fg3mAboveFgm", "boxscores_fg3m_over_fgm.csv", Expect::kLoaded, "", 1,
     {"3: FG3M 7 > FGM 6"}},
    {"FtmAboveFta", "boxscores_ftm_over_fta.csv", Expect::kLoaded, "", 1,
     {"3: FTM 4 > FTA 3"}},
    {"PointsThatShotsCannotMake", "boxscores_points_mismatch.csv", Expect::kLoaded, "", 1,
     {"3: PTS 250 is not 2*FGM + FG3M + FTM = 21"}},
    {"DuplicatePlayerInOneGameCsv", "boxscores_duplicate_player.csv", Expect::kLoaded, "", 3,
     {"5: duplicate row: player 2544 already has a row in game 0022300061 (line 3)"}},
    {"DuplicatePlayerInOneGameJson", "boxscore_v2_duplicate_player.json", Expect::kLoaded, "", 5,
     {"4: duplicate row: player 1628404 already has a row in game 0022400561 (line 1)"}},
    {"DuplicatePlayerWithoutIds", "bbref_duplicate_player.csv", Expect::kLoaded, "", 3,
     {"5: duplicate row: player 'Moussa Diabaté' already has a row for CHA on 2024-10-23 "
      "(line 3)"}},
    {"UnknownTeamCodeCsv", "boxscores_unknown_team.csv", Expect::kLoaded, "", 1,
     {"3: unknown team code 'XYZ' in TEAM_ABBREVIATION"}},
    {"UnknownTeamCodeJson", "boxscore_v2_unknown_team.json", Expect::kLoaded, "", 4,
     {"3: unknown team code 'XYZ' in TEAM_ABBREVIATION"}},
    {"UnknownTeamCodeInATeamLog", "team_logs_unknown_team.csv", Expect::kLoaded, "", 3,
     {"3: unknown team code 'XYZ' in team_abbreviation_road"}},
    {"DateBeforeAnyCalendarYearRead", "team_logs_date_1850.csv", Expect::kLoaded, "", 3,
     {"3: invalid game_date '1850-01-01'"}},
    {"DateInNoNbaSeason", "bbref_date_1901.csv", Expect::kLoaded, "", 1,
     {"3: game date 1901-01-01 is in no NBA season (1946-11-01 to 2046-10-31)"}},
    {"DateOutsideItsGameIdsSeason", "team_logs_date_outside_season.csv", Expect::kLoaded, "", 3,
     {"3: game date 2025-01-15 is outside season 2023-24 of game 0022300062 (2023-08-01 to "
      "2024-07-31)"}},
    {"TeamLogRowWithoutItsRoadSide", "team_logs_one_side.csv", Expect::kLoaded, "", 6,
     {"4: empty team_abbreviation_road"}},
};
// clang-format on

class HostileInputTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileInputTest, GivesItsExactOutcomeAndTouchesNothingElse) {
  ExpectOutcome(GetParam(), HostileFixture(GetParam().fixture));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, HostileInputTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<HostileCase>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace backcourt
