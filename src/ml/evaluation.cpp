#include "ml/evaluation.h"

#include <cmath>
#include <map>

namespace backcourt {
namespace {

const char* const kBuckets[] = {"0-15", "15-25", "25-35", "35+"};

struct Sums {
  int64_t rows = 0;
  double model = 0, last10 = 0, season = 0;
  void Add(double actual, double model_pred, const PlayerFeatureRow& row) {
    ++rows;
    model += std::abs(actual - model_pred);
    last10 += std::abs(actual - Last10Baseline(row));
    season += std::abs(actual - SeasonBaseline(row));
  }
  MaeTriple Mean() const {
    if (rows == 0) return {};
    const double n = static_cast<double>(rows);
    return {rows, model / n, last10 / n, season / n};
  }
};

}  // namespace

double Last10Baseline(const PlayerFeatureRow& row) { return row.pts_avg_last10.value_or(0); }
double SeasonBaseline(const PlayerFeatureRow& row) { return row.pts_avg_season.value_or(0); }

std::string MinutesBucket(double minutes) {
  if (minutes < 15) return kBuckets[0];
  if (minutes < 25) return kBuckets[1];
  if (minutes < 35) return kBuckets[2];
  return kBuckets[3];
}

Evaluation Evaluate(const std::vector<PlayerFeatureRow>& rows,
                    const std::vector<float>& predictions) {
  Sums overall;
  std::map<std::string, Sums> buckets;
  for (size_t i = 0; i < rows.size() && i < predictions.size(); ++i) {
    const PlayerFeatureRow& row = rows[i];
    const double actual = row.target_points.value_or(0);
    overall.Add(actual, predictions[i], row);
    buckets[MinutesBucket(row.target_minutes.value_or(0))].Add(actual, predictions[i], row);
  }
  Evaluation evaluation{overall.Mean(), {}};
  for (const char* bucket : kBuckets) {
    evaluation.by_minutes.push_back({bucket, buckets[bucket].Mean()});
  }
  return evaluation;
}

PairedDifference PairedMaeDifference(const std::vector<PairedError>& rows) {
  PairedDifference d;
  if (rows.empty()) return d;
  d.rows = static_cast<int64_t>(rows.size());
  double sum = 0;
  for (const PairedError& r : rows) sum += r.a - r.b;
  const double n = static_cast<double>(rows.size());
  d.mean = sum / n;
  std::map<std::string, double> deviation;  // cluster -> sum of (a - b - mean)
  for (const PairedError& r : rows) deviation[r.cluster] += r.a - r.b - d.mean;
  d.clusters = static_cast<int64_t>(deviation.size());
  d.ci95 = {d.mean, d.mean};
  if (d.clusters < 2) return d;
  double squares = 0;
  for (const auto& [cluster, s] : deviation) squares += s * s;
  const double g = static_cast<double>(d.clusters);
  const double se = std::sqrt(g / (g - 1) * squares) / n;
  d.ci95 = {d.mean - kZ95 * se, d.mean + kZ95 * se};
  return d;
}

nlohmann::json PairedDifferenceJson(const PairedDifference& d) {
  return {{"rows", d.rows},
          {"clusters", d.clusters},
          {"mean", d.mean},
          {"ci95", nlohmann::json::array({d.ci95.low, d.ci95.high})}};
}

nlohmann::json EvaluationJson(const Evaluation& e) {
  nlohmann::json j;
  j["rows"] = e.overall.rows;
  j["mae"] = {{"model", e.overall.model}, {"last10", e.overall.last10}, {"season", e.overall.season}};
  j["by_minutes"] = nlohmann::json::array();
  for (const BucketMae& b : e.by_minutes) {
    j["by_minutes"].push_back({{"bucket", b.bucket}, {"rows", b.mae.rows}, {"model", b.mae.model},
                               {"last10", b.mae.last10}, {"season", b.mae.season}});
  }
  return j;
}

}  // namespace backcourt
