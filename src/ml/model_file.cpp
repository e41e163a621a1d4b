#include "ml/model_file.h"

#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "ml/booster.h"
#include "store/model_store.h"
#include "store/partition_store.h"

namespace backcourt {

namespace fs = std::filesystem;

std::string AbsoluteModelPath(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  return (ec ? fs::path(path) : absolute).lexically_normal().string();
}

Result<std::optional<ModelRun>> FindModelRun(Db& db, const std::string& path) {
  ModelStore store(db);
  BC_ASSIGN_OR_RETURN(auto run, store.FindByModelPath(AbsoluteModelPath(path)));
  if (run) return run;
  return store.FindByModelPath(path);
}

Result<int64_t> RegisterModelFile(Db& db, const std::string& path) {
  BC_ASSIGN_OR_RETURN(XgbBooster booster, XgbBooster::Load(path));
  BC_ASSIGN_OR_RETURN(std::vector<std::string> features, booster.FeatureNames());
  if (features.empty()) {
    return InvalidInput(fmt::format("model file {} names no features: it cannot be registered "
                                    "in model_runs (train it again)",
                                    path));
  }
  ModelRun run;
  run.created_at = UtcNow(), run.model_path = AbsoluteModelPath(path), run.target = "points";
  run.features = nlohmann::json(features).dump();
  run.parameters = "{}";
  run.code_version = "registered by grade --record: trained by another build";
  run.results = "{}";
  return ModelStore(db).Insert(run);
}

Result<std::string> KeepPreviousModelFile(Db& db, const std::string& path,
                                          const std::string& as_given, bool force,
                                          bool in_transaction) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return std::string();
  const std::string versioned = NextVersionedPath(path);
  if (!force) {
    return InvalidInput(fmt::format(
        "--model {}: the file exists and a model run may use it; choose another path, or pass "
        "--force to keep the old file as {} and write the new model in its place",
        as_given, versioned));
  }
  // A hard link keeps the old bytes under the new name without copying; across file
  // systems that cannot happen (same folder), but fall back to a copy for odd mounts.
  if (::link(path.c_str(), versioned.c_str()) != 0) {
    fs::copy_file(path, versioned, ec);
    if (ec) {
      return Fail(ErrorKind::kIo, fmt::format("{}: cannot keep the previous model as {}: {}",
                                              path, versioned, ec.message()));
    }
  }
  if (in_transaction) {
    BC_RETURN_IF_ERROR(ModelStore(db).RepointModelPath(path, as_given, versioned));
    return versioned;
  }
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  BC_RETURN_IF_ERROR(ModelStore(db).RepointModelPath(path, as_given, versioned));
  BC_RETURN_IF_ERROR(txn.Commit());
  return versioned;
}

}  // namespace backcourt
