// The hostile-input catalogue for betting lines (see hostile_input_test.cpp for the harness's
// promises): a file that cannot be read is refused whole, a bad row is rejected with its line
// and reason while the rest loads, and markets not read are counted, never rejected.
#include <gtest/gtest.h>

#include <string>

#include "ingest/hostile_test_util.h"

namespace backcourt {
namespace {

using testing::Expect;
using testing::ExpectOutcome;
using testing::HostileCase;
using testing::HostileFixture;

// clang-format off
const HostileCase kCases[] = {
    {"OddsApiTruncatedJson", "odds_api_truncated.json", Expect::kRefused,
     "truncated JSON: input ends at byte 300 inside a value", 0, {}},
    {"OddsPropsCsvMissingAColumn", "odds_props_missing_column.csv", Expect::kRefused,
     "not a known input format (no reader recognises its header)", 0, {}},
    {"OddsPropsCsvMissingAColumnForItsFormat", "odds_props_missing_column.csv", Expect::kRefused,
     "missing required columns: game_time", 0, {}, "odds-props-csv"},
    // The event, LeBron's over-only line, Davis, FanDuel's LeBron line.
    {"OddsApiPriceOutOfRange", "odds_api_bad_price.json", Expect::kLoaded, "", 4,
     {"3: price 50 is not an American price (|price| 100..1000000)"}},
    {"OddsPropsCsvPriceOutOfRange", "odds_props_bad_price.csv", Expect::kLoaded, "", 2,
     {"2: over_odds -50 is not an American price (|price| 100..1000000)"}},
    // Spread and total load; the impossible moneyline is rejected.
    {"GameLinesImpossibleMoneyline", "game_lines_bad_moneyline.csv", Expect::kLoaded, "", 2,
     {"2: h2h: moneyline_away 8 is not an American price (|price| 100..1000000)"}},
};
// clang-format on

class OddsHostileInputTest : public ::testing::TestWithParam<HostileCase> {};

TEST_P(OddsHostileInputTest, GivesItsExactOutcomeAndTouchesNothingElse) {
  ExpectOutcome(GetParam(), HostileFixture(GetParam().fixture));
}

INSTANTIATE_TEST_SUITE_P(Catalogue, OddsHostileInputTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<HostileCase>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace backcourt
