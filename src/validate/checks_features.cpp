// Feature coverage: how many player_game_features rows carry market features, per season.
// Informational (it never fails): a season without lines is a fact about the sources, and the
// model leaves a missing line as missing.
#include <fmt/format.h>

#include "validate/check.h"

namespace backcourt {
namespace {

void LineFeatureCoverage(const ValidationFacts& f, const Thresholds&, CheckResult& r) {
  SeasonShares game_total, player_line;
  for (const LineFeatureCoverageFact& season : f.line_feature_coverage) {
    game_total.Add(season.season, season.with_game_total, season.rows);
    player_line.Add(season.season, season.with_player_line, season.rows);
  }
  r.expected = "informational";
  r.observed = fmt::format("game_total: {}; player_line: {}", game_total.Describe(),
                           player_line.Describe());
  r.passed = true;
  r.message = fmt::format(
      "{} of feature rows have a pre-tip game line, {} the player's own pre-tip line (a line "
      "without a capture time feeds no feature); the rest are NULL",
      Percent(game_total.part(), game_total.whole()),
      Percent(player_line.part(), player_line.whole()));
}

}  // namespace

void AddFeatureChecks(std::vector<CheckSpec>& specs) {
  specs.push_back({PlayerFeaturesName(), "line_feature_coverage", Severity::kWarning,
                   "share of feature rows with a game total and with the player's own line, "
                   "per season (informational)",
                   LineFeatureCoverage});
}

}  // namespace backcourt
