#include "ml/grade_output.h"

#include <fmt/format.h>

namespace backcourt {
namespace {

nlohmann::json OrNull(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json BucketJson(const EdgeBucket& b) {
  nlohmann::json j = {
      {"min_edge", b.min_edge}, {"bets", b.bets},     {"wins", b.wins},
      {"losses", b.losses},     {"pushes", b.pushes}, {"hit_rate", OrNull(b.hit_rate)},
      {"roi", OrNull(b.roi)},   {"profit", b.profit}, {"assumed_price_bets", b.assumed_price_bets}};
  j["ci95"] = b.ci95 ? nlohmann::json::array({b.ci95->low, b.ci95->high}) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json CalibrationJson(const CalibrationBin& c) {
  return {{"edge", c.Label()},
          {"low", OrNull(c.low)},
          {"high", OrNull(c.high)},
          {"rows", c.rows},
          {"overs", c.overs},
          {"pushes", c.pushes},
          {"over_rate", OrNull(c.over_rate)}};
}

std::string Pct(const std::optional<double>& v) {
  return v ? fmt::format("{:.1f}%", 100 * *v) : "-";
}

std::string Roi(const std::optional<double>& v) {
  return v ? fmt::format("{:+.1f}%", 100 * *v) : "-";
}

std::string Ci(const std::optional<Interval>& ci) {
  return ci ? fmt::format("{:.1f}-{:.1f}%", 100 * ci->low, 100 * ci->high) : "-";
}

}  // namespace

nlohmann::json GradeJson(const GradeReport& r) {
  const Grading& g = r.grading;
  nlohmann::json j;
  j["rows"] = g.rows;
  j["mae"] = {{"model", g.mae_model}, {"line", g.mae_line}, {"last10", g.mae_last10}};
  j["buckets"] = nlohmann::json::array();
  for (const EdgeBucket& b : g.buckets) j["buckets"].push_back(BucketJson(b));
  j["calibration"] = nlohmann::json::array();
  for (const CalibrationBin& c : g.calibration) j["calibration"].push_back(CalibrationJson(c));
  j["model_id"] = r.model_id;
  j["model_path"] = r.model_path;
  j["line_basis"] = r.line_basis;
  j["captured_at"] = {{"first", r.captured_first ? nlohmann::json(*r.captured_first) : nullptr},
                      {"last", r.captured_last ? nlohmann::json(*r.captured_last) : nullptr},
                      {"lines_without_time", r.lines_without_capture}};
  j["line_kinds"] = g.line_kinds;
  j["price_basis"] = fmt::format(
      "best real price of the side taken; pick'em lines (and a side without a price) at an "
      "assumed {:.0f}",
      kAssumedPrice);
  j["lined"] = r.lined;
  j["unplayed_lined"] = r.unplayed_lined;
  j["unresolved_lined"] = r.unresolved_lined;
  j["no_history"] = r.no_history;
  j["no_result"] = r.no_result;
  if (r.recorded) j["recorded"] = r.recorded;
  if (r.comparison) {
    const GradeComparison& c = *r.comparison;
    j["comparison"] = {{"model_id", c.model_id},
                       {"model_path", c.model_path},
                       {"twin_without_availability", c.twin},
                       {"mae", {{"model", c.grading.mae_model}}},
                       {"mae_difference", PairedDifferenceJson(c.mae_difference)}};
    j["comparison"]["buckets"] = nlohmann::json::array();
    for (const EdgeBucket& b : c.grading.buckets) {
      j["comparison"]["buckets"].push_back(BucketJson(b));
    }
  }
  return j;
}

std::string ComparisonTable(const GradeReport& r) {
  if (!r.comparison) return "";
  const GradeComparison& c = *r.comparison;
  const Grading& a = r.grading;
  const Grading& b = c.grading;
  std::string out;
  auto line = [&out](const std::string& text) { out += text + "\n"; };
  line(fmt::format("{} on the same {} rows: model {} ({})",
                   c.twin ? "With and without availability" : "Against a second model", a.rows,
                   c.model_id, c.model_path.empty() ? "-" : c.model_path));
  const PairedDifference& d = c.mae_difference;
  line(fmt::format("  MAE {:.3f} vs {:.3f}: {:+.3f}, 95% interval {:+.3f}..{:+.3f} ({} dates as "
                   "clusters)",
                   a.mae_model, b.mae_model, d.mean, d.ci95.low, d.ci95.high, d.clusters));
  line(fmt::format("  {:>6} {:^37} | {:^37}", "", c.twin ? "with availability" : "model",
                   c.twin ? "without" : "second model"));
  line(fmt::format("  {:>6} {:>6} {:>7} {:>13} {:>8} | {:>6} {:>7} {:>13} {:>8}", "|edge|",
                   "bets", "hit", "95% interval", "ROI", "bets", "hit", "95% interval", "ROI"));
  for (size_t i = 0; i < a.buckets.size() && i < b.buckets.size(); ++i) {
    const EdgeBucket& x = a.buckets[i];
    const EdgeBucket& y = b.buckets[i];
    line(fmt::format("  {:>6} {:>6} {:>7} {:>13} {:>8} | {:>6} {:>7} {:>13} {:>8}",
                     fmt::format(">={:g}", x.min_edge), x.bets, Pct(x.hit_rate), Ci(x.ci95),
                     Roi(x.roi), y.bets, Pct(y.hit_rate), Ci(y.ci95), Roi(y.roi)));
  }
  return out;
}

std::string GradeTable(const GradeReport& r) {
  const Grading& g = r.grading;
  std::string out;
  auto line = [&out](const std::string& text) { out += text + "\n"; };
  line(
      fmt::format("Graded against the {} line: {} lined player-games, {} graded; not graded: "
                  "{} did not play, {} unresolved names, {} without an earlier game this "
                  "season (no last-10), {} without a result yet",
                  r.line_basis, r.lined, g.rows, r.unplayed_lined, r.unresolved_lined, r.no_history,
                  r.no_result));
  line(fmt::format("Lines: snapshots captured {} .. {}{}", r.captured_first.value_or("-"),
                   r.captured_last.value_or("-"),
                   r.lines_without_capture
                       ? fmt::format(" ({} lines without a capture time)", r.lines_without_capture)
                       : ""));
  std::string kinds;
  for (const auto& [kind, n] : g.line_kinds) {
    kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", n, kind);
  }
  line(fmt::format("Line kinds: {}", kinds.empty() ? "-" : kinds));
  if (g.rows == 0) return out;
  line(fmt::format("MAE (points) on these rows: model {:.3f}, line {:.3f}, last-10 {:.3f}",
                   g.mae_model, g.mae_line, g.mae_last10));
  line(
      fmt::format("Hit rate of the model's side by |edge| (push = neither); ROI per unit at the "
                  "best real price, pick'em at an assumed {:.0f}:",
                  kAssumedPrice));
  line(fmt::format("  {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>13} {:>8} {:>9}", "|edge|", "bets",
                   "wins", "losses", "pushes", "hit", "95% interval", "ROI", "at -110"));
  for (const EdgeBucket& b : g.buckets) {
    line(fmt::format("  {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>13} {:>8} {:>9}",
                     fmt::format(">={:g}", b.min_edge), b.bets, b.wins, b.losses, b.pushes,
                     Pct(b.hit_rate), Ci(b.ci95), Roi(b.roi), b.assumed_price_bets));
  }
  line("Calibration: edge (prediction - line) -> realised over rate (pushes apart):");
  line(fmt::format("  {:>8} {:>6} {:>6} {:>6} {:>7}", "edge", "rows", "overs", "pushes", "over"));
  for (const CalibrationBin& c : g.calibration) {
    line(fmt::format("  {:>8} {:>6} {:>6} {:>6} {:>7}", c.Label(), c.rows, c.overs, c.pushes,
                     Pct(c.over_rate)));
  }
  return out;
}

}  // namespace backcourt
