#pragma once
// Model files are never overwritten: a model_runs row must always find the file it was
// trained into, so its predictions can be reproduced.
#include <string>

#include <optional>

#include "core/status.h"
#include "store/db.h"
#include "store/model_store.h"

namespace backcourt {

// The absolute, normalised form stored in model_runs.
std::string AbsoluteModelPath(const std::string& path);

// The latest run whose model file is `path` (absolute, or as given before paths were stored
// absolute), whichever run it is; nullopt when model_runs has none.
Result<std::optional<ModelRun>> FindModelRun(Db& db, const std::string& path);

// A run for a model file model_runs has no row for (trained by an older build, or into
// another database): its feature list read from the file, its ranges and parameters unknown
// (empty), so its grades can be recorded. Returns the new model_id.
Result<int64_t> RegisterModelFile(Db& db, const std::string& path);

// Before a new model is written to `path` (absolute; `as_given` is what the user typed):
// nothing to do when it does not exist; refused when it exists and `force` is off;
// otherwise the old file is kept under its next versioned name ("m.v1.json", a hard link
// or a copy) and the model_runs rows that used it are pointed there, committed before the
// new file is written (a crash in between leaves every row with its own file). Returns the
// versioned name, or "" when there was no file.
// With `in_transaction` the rows are updated inside the caller's open transaction.
Result<std::string> KeepPreviousModelFile(Db& db, const std::string& path,
                                          const std::string& as_given, bool force,
                                          bool in_transaction = false);

}  // namespace backcourt
