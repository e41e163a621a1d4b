#pragma once
// The model's matrix: rows of player_game_features in the population (played, with at least
// 10 earlier games that season), the feature columns in declaration order, target points.
#include <string>
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

std::vector<std::string> FeatureNames();
DenseMatrix FeatureMatrix(const std::vector<PlayerFeatureRow>& rows);
std::vector<float> PointsLabels(const std::vector<PlayerFeatureRow>& rows);

// Index of the first row of the validation slice: the last `fraction` of the rows, moved
// forward to a date boundary so no date is split between fitting and validation.
size_t ValidationStart(const std::vector<PlayerFeatureRow>& rows, double fraction);

}  // namespace backcourt
