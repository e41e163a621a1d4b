#pragma once
// The bundled 2023-24 sample, ingested and backfilled once per test binary (optionally with
// every game on or after a date altered), for feature and model tests.
#include <string>

#include "store/db.h"

namespace backcourt::testing {

// Copies data/sample into `dir`; when `altered_from` is set, every player-game and team-game
// dated on or after it gets different points and minutes.
void CopySample(const std::string& dir, const std::string& altered_from = "");

// Ingests `sample_dir` into a new database at `db_path` and backfills every table over
// [first, last].
Db BuildSampleDb(const std::string& sample_dir, const std::string& db_path,
                 const std::string& first, const std::string& last);

}  // namespace backcourt::testing
