#pragma once
// A date's predictions as the files `daily` writes (and a user or a spreadsheet reads): one
// CSV row per player, and the same as JSON with the model that made them. Everything in
// PredictReport that a reader of the files needs goes through these two functions.
#include <string>

#include "ml/predict.h"

namespace backcourt {

// Header and one row per player, in the report's order; no timestamp, so the same
// predictions give the same bytes.
std::string PredictionsCsv(const PredictReport& report);

// {"date", "model_id", "model_path", "projected", "players", "predictions": [...]}.
std::string PredictionsJson(const PredictReport& report, const std::string& date);

}  // namespace backcourt
