#pragma once
// The model's matrix: rows of player_game_features in the population (played, with at least
// 10 earlier games that season), the model's feature columns, target points.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ml/booster.h"
#include "store/db.h"
#include "tables/player_game_features.h"

namespace backcourt {

constexpr double kMinEarlierGames = 10;

// Played (target minutes > 0) with at least kMinEarlierGames earlier games that season.
bool InPopulation(const PlayerFeatureRow& row);

// Rows of player_game_features dated [first, last], in date order.
Result<std::vector<PlayerFeatureRow>> LoadFeatureRows(Db& db, const std::string& first,
                                                      const std::string& last);

std::vector<PlayerFeatureRow> Population(std::vector<PlayerFeatureRow> rows);

// Which availability a model sees (train --availability): kAuto the stored out-lists (the
// last pre-tip report where the team-game has one, the box-score rule otherwise); kReport
// only report-based values (others missing); kDerived only box-score-based values (others
// missing); kNone no availability columns at all.
enum class AvailabilityMode { kAuto, kReport, kDerived, kNone };
std::optional<AvailabilityMode> ParseAvailabilityMode(std::string_view text);
const char* AvailabilityModeName(AvailabilityMode mode);
// The mode a stored model was trained with, from its feature list and parameters JSON
// (models older than the option: kNone when they lack the columns, else kAuto).
AvailabilityMode ModelAvailabilityMode(const std::string& features_json,
                                       const std::string& parameters_json);

// Which feature groups a model is trained on (the table stores them all).
struct FeatureSelection {
  bool game_lines = true;    // FeatureGroup::kGameLines; train --no-game-line-features: off
  bool player_line = false;  // FeatureGroup::kPlayerLine; train --line-features: on
  AvailabilityMode availability = AvailabilityMode::kAuto;  // train --availability
};

// A model's inputs: the names stored with the model (model_runs.features, the model file)
// and the player_game_features columns they read, in matrix order.
class FeatureList {
 public:
  // The columns of the selected groups, in declaration order.
  static FeatureList Of(const FeatureSelection& selection);
  // A stored model's list, in its order; a name that is no feature column (a model from
  // another version of backcourt) is refused.
  static Result<FeatureList> Named(const std::vector<std::string>& names,
                                   AvailabilityMode availability = AvailabilityMode::kAuto);
  const std::vector<std::string>& names() const { return names_; }
  bool Has(std::string_view name) const;
  DenseMatrix Matrix(const std::vector<PlayerFeatureRow>& rows) const;

 private:
  std::vector<std::string> names_;
  std::vector<const FeatureColumn*> columns_;
  AvailabilityMode availability_ = AvailabilityMode::kAuto;  // which out-lists are kept
};

std::vector<float> PointsLabels(const std::vector<PlayerFeatureRow>& rows);

// Index of the first row of the validation slice: the last `fraction` of the rows, moved
// forward to a date boundary so no date is split between fitting and validation.
size_t ValidationStart(const std::vector<PlayerFeatureRow>& rows, double fraction);

}  // namespace backcourt
