#include "ml/booster.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/files.h"
#include "core/text.h"

namespace backcourt {
namespace {

// XGBoost's last error without its timestamp, source location and stack trace: those help
// nobody who runs the command.
std::string XgbMessage() {
  std::string text = XGBGetLastError();
  if (const size_t trace = text.find("Stack trace:"); trace != std::string::npos) text.resize(trace);
  if (const size_t line = text.find('\n'); line != std::string::npos) text.resize(line);
  // "[19:30:01] ../src/learner.cc:742: message" -> "message"
  if (!text.empty() && text[0] == '[') {
    const size_t source = text.find(": ", text.find(']'));
    if (source != std::string::npos) {
      const size_t message = text.find(": ", source + 2);
      text = text.substr((message != std::string::npos ? message : source) + 2);
    }
  }
  text = std::string(Trim(text));
  return text.empty() ? "unknown XGBoost error" : text;
}

Status Check(int rc, const char* what) {
  if (rc == 0) return {};
  return Fail(ErrorKind::kInternal, fmt::format("xgboost {}: {}", what, XgbMessage()));
}

// "[12]\tvalid-mae:4.5123" -> 4.5123
double LastMetric(const char* eval) {
  const std::string text(eval);
  const size_t colon = text.rfind(':');
  return colon == std::string::npos ? std::numeric_limits<double>::quiet_NaN()
                                    : std::stod(text.substr(colon + 1));
}

Result<double> MedianLabel(DMatrixHandle matrix) {
  bst_ulong len = 0;
  const float* labels = nullptr;
  BC_RETURN_IF_ERROR(Check(XGDMatrixGetFloatInfo(matrix, "label", &len, &labels), "labels"));
  if (len == 0) return InvalidInput("no training rows");
  std::vector<float> sorted(labels, labels + len);
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(len / 2), sorted.end());
  return static_cast<double>(sorted[len / 2]);
}

}  // namespace

void XgbMatrix::Free::operator()(void* handle) const { XGDMatrixFree(handle); }
void XgbBooster::Free::operator()(void* handle) const { XGBoosterFree(handle); }

Result<XgbMatrix> XgbMatrix::Create(const DenseMatrix& x, const std::vector<float>& labels,
                                    const std::vector<std::string>& feature_names) {
  DMatrixHandle raw = nullptr;
  BC_RETURN_IF_ERROR(Check(XGDMatrixCreateFromMat(x.values.data(), x.rows, x.cols,
                                                  std::numeric_limits<float>::quiet_NaN(), &raw),
                           "matrix"));
  XgbMatrix matrix;
  matrix.handle_.reset(raw);
  if (!labels.empty()) {
    BC_RETURN_IF_ERROR(
        Check(XGDMatrixSetFloatInfo(raw, "label", labels.data(), labels.size()), "labels"));
  }
  std::vector<const char*> names;
  for (const std::string& name : feature_names) names.push_back(name.c_str());
  BC_RETURN_IF_ERROR(Check(
      XGDMatrixSetStrFeatureInfo(raw, "feature_name", names.data(), names.size()), "names"));
  return matrix;
}

Result<XgbBooster> XgbBooster::Create(const BoosterParams& p, const XgbMatrix& train,
                                      double base_score) {
  BoosterHandle raw = nullptr;
  DMatrixHandle cache[] = {train.handle()};
  BC_RETURN_IF_ERROR(Check(XGBoosterCreate(cache, 1, &raw), "booster"));
  XgbBooster booster;
  booster.handle_.reset(raw);
  const std::vector<std::pair<std::string, std::string>> params = {
      {"objective", p.objective},
      {"eval_metric", "mae"},
      {"huber_slope", fmt::format("{}", p.huber_slope)},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(p.max_depth)},
      {"eta", fmt::format("{}", p.eta)},
      {"subsample", fmt::format("{}", p.subsample)},
      {"colsample_bytree", fmt::format("{}", p.colsample_bytree)},
      {"min_child_weight", fmt::format("{}", p.min_child_weight)},
      {"lambda", fmt::format("{}", p.lambda)},
      {"base_score", fmt::format("{}", base_score)},
      {"seed", std::to_string(p.seed)},
      {"nthread", std::to_string(p.nthread)},
      {"verbosity", "0"},
  };
  for (const auto& [key, value] : params) {
    BC_RETURN_IF_ERROR(Check(XGBoosterSetParam(raw, key.c_str(), value.c_str()), key.c_str()));
  }
  BC_RETURN_IF_ERROR(booster.CopyFeatureNames(train));
  return booster;
}

// Importance and saved models name features only when the booster holds the names.
Status XgbBooster::CopyFeatureNames(const XgbMatrix& matrix) {
  bst_ulong n = 0;
  const char** names = nullptr;
  BC_RETURN_IF_ERROR(
      Check(XGDMatrixGetStrFeatureInfo(matrix.handle(), "feature_name", &n, &names), "names"));
  return Check(XGBoosterSetStrFeatureInfo(handle_.get(), "feature_name", names, n), "names");
}

Result<XgbBooster> XgbBooster::Train(const BoosterParams& params, const XgbMatrix& train,
                                     const XgbMatrix& valid) {
  BC_ASSIGN_OR_RETURN(double base_score, MedianLabel(train.handle()));
  BC_ASSIGN_OR_RETURN(XgbBooster booster, Create(params, train, base_score));
  DMatrixHandle evals[] = {valid.handle()};
  const char* names[] = {"valid"};
  double best = std::numeric_limits<double>::infinity();
  int best_round = 0;
  for (int round = 0; round < params.max_rounds; ++round) {
    BC_RETURN_IF_ERROR(
        Check(XGBoosterUpdateOneIter(booster.handle_.get(), round, train.handle()), "update"));
    const char* eval = nullptr;
    BC_RETURN_IF_ERROR(
        Check(XGBoosterEvalOneIter(booster.handle_.get(), round, evals, names, 1, &eval), "eval"));
    const double mae = LastMetric(eval);
    if (mae < best) best = mae, best_round = round;
    if (round - best_round >= params.early_stopping_rounds) break;
  }
  BoosterHandle sliced = nullptr;
  BC_RETURN_IF_ERROR(
      Check(XGBoosterSlice(booster.handle_.get(), 0, best_round + 1, 1, &sliced), "slice"));
  booster.handle_.reset(sliced);
  booster.best_rounds_ = best_round + 1;
  booster.best_validation_mae_ = best;
  return booster;
}

Result<XgbBooster> XgbBooster::TrainRounds(const BoosterParams& params, const XgbMatrix& train,
                                           int rounds) {
  BC_ASSIGN_OR_RETURN(double base_score, MedianLabel(train.handle()));
  BC_ASSIGN_OR_RETURN(XgbBooster booster, Create(params, train, base_score));
  for (int round = 0; round < rounds; ++round) {
    BC_RETURN_IF_ERROR(
        Check(XGBoosterUpdateOneIter(booster.handle_.get(), round, train.handle()), "update"));
  }
  booster.best_rounds_ = rounds;
  return booster;
}

Result<XgbBooster> XgbBooster::Load(const std::string& path) {
  BoosterHandle raw = nullptr;
  BC_RETURN_IF_ERROR(Check(XGBoosterCreate(nullptr, 0, &raw), "booster"));
  XgbBooster booster;
  booster.handle_.reset(raw);
  if (XGBoosterLoadModel(raw, path.c_str()) != 0) {
    return Fail(ErrorKind::kNotFound,
                fmt::format("model file {} cannot be read ({}): pass --model with a model file "
                            "that train wrote, or train again",
                            path, XgbMessage()));
  }
  BC_RETURN_IF_ERROR(Check(XGBoosterSetParam(raw, "nthread", "2"), "nthread"));
  return booster;
}

Status XgbBooster::Save(const std::string& path) const {
  // The format XGBoosterLoadModel expects from the name; written atomically, so a failed
  // save (a full disk) leaves whatever file was at `path` intact.
  const char* config = path.ends_with(".ubj")    ? R"({"format": "ubj"})"
                       : path.ends_with(".json") ? R"({"format": "json"})"
                                                 : R"({"format": "deprecated"})";
  bst_ulong size = 0;
  const char* bytes = nullptr;
  if (XGBoosterSaveModelToBuffer(handle_.get(), config, &size, &bytes) != 0) {
    return Fail(ErrorKind::kInternal, fmt::format("model {} cannot be serialised: {}", path,
                                                  XgbMessage()));
  }
  return WriteFileAtomically(path, std::string_view(bytes, size));
}

Result<std::vector<float>> XgbBooster::Predict(const XgbMatrix& x) const {
  const char* config =
      R"({"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* out = nullptr;
  BC_RETURN_IF_ERROR(Check(
      XGBoosterPredictFromDMatrix(handle_.get(), x.handle(), config, &shape, &dim, &out),
      "predict"));
  bst_ulong n = dim == 0 ? 0 : 1;
  for (bst_ulong i = 0; i < dim; ++i) n *= shape[i];
  return std::vector<float>(out, out + n);
}

Result<std::vector<std::string>> XgbBooster::FeatureNames() const {
  bst_ulong n = 0;
  const char** names = nullptr;
  BC_RETURN_IF_ERROR(
      Check(XGBoosterGetStrFeatureInfo(handle_.get(), "feature_name", &n, &names), "names"));
  return std::vector<std::string>(names, names + n);
}

Result<std::vector<std::pair<std::string, double>>> XgbBooster::GainImportance() const {
  bst_ulong n = 0, dim = 0;
  const char** names = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  BC_RETURN_IF_ERROR(Check(XGBoosterFeatureScore(handle_.get(), R"({"importance_type": "total_gain"})",
                                                 &n, &names, &dim, &shape, &scores),
                           "importance"));
  std::vector<std::pair<std::string, double>> gains;
  for (bst_ulong i = 0; i < n; ++i) gains.emplace_back(names[i], scores[i]);
  std::sort(gains.begin(), gains.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  return gains;
}

}  // namespace backcourt
