#include "validate/report_grade.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/date.h"
#include "store/model_store.h"
#include "validate/calendar_svg.h"

namespace backcourt {
namespace {

constexpr double kLow = 0.3, kHigh = 0.7;  // the chart's hit-rate axis
constexpr int kWidth = 420, kHeight = 220, kLeft = 44, kTop = 12, kPlot = 160;

double Y(double rate) {
  const double clipped = std::clamp(rate, kLow, kHigh);
  return kTop + kPlot * (kHigh - clipped) / (kHigh - kLow);
}

std::string Section(const std::string& body) {
  return "<h2>Model against the line</h2>\n<div class=\"model\" id=\"model-lines\">" + body +
         "</div>\n";
}

std::string Muted(const std::string& text) {
  return "<p class=\"muted\">" + HtmlEscape(text) + "</p>";
}

std::string CountsTable(const GradeReport& r) {
  std::string html =
      "<table><tr><th>|edge| &ge;</th><th>bets</th><th>wins</th><th>losses</th><th>pushes</th>"
      "<th>hit rate</th><th>95% interval</th><th>ROI</th><th>at assumed -110</th></tr>";
  for (const EdgeBucket& b : r.grading.buckets) {
    html += fmt::format(
        "<tr><td>{:g}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>",
        b.min_edge, b.bets, b.wins, b.losses, b.pushes,
        b.hit_rate ? fmt::format("{:.1f}%", 100 * *b.hit_rate) : "-",
        b.ci95 ? fmt::format("{:.1f}&ndash;{:.1f}%", 100 * b.ci95->low, 100 * b.ci95->high) : "-",
        b.roi ? fmt::format("{:+.1f}%", 100 * *b.roi) : "-", b.assumed_price_bets);
  }
  return html + "</table>";
}

}  // namespace

std::string HitRateChartSvg(const Grading& g) {
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-label=\"hit rate by edge bucket\">",
      kWidth, kHeight);
  for (double tick : {0.3, 0.4, 0.5, 0.6, 0.7}) {
    svg += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#eaeef2\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.0f}%</text>",
        kLeft, kWidth - 8, Y(tick), Y(tick), kLeft - 4, Y(tick) + 3, 100 * tick);
  }
  const double breakeven = 110.0 / 210.0;  // hit rate that breaks even at -110
  svg += fmt::format(
      "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#cf222e\" "
      "stroke-dasharray=\"4 3\"/><text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" "
      "fill=\"#cf222e\">break-even at -110</text>",
      kLeft, kWidth - 8, Y(breakeven), Y(breakeven), kWidth - 8, Y(breakeven) - 3);
  const size_t n = std::max<size_t>(g.buckets.size(), 1);
  const double slot = static_cast<double>(kWidth - kLeft - 8) / static_cast<double>(n);
  for (size_t i = 0; i < g.buckets.size(); ++i) {
    const EdgeBucket& b = g.buckets[i];
    const double x = kLeft + slot * static_cast<double>(i) + slot * 0.2, w = slot * 0.6;
    const double base = kTop + kPlot;
    if (b.hit_rate) {
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#54aeff\">"
          "<title>|edge| &gt;= {:g}: {:.1f}% of {} settled bets</title></rect>",
          x, Y(*b.hit_rate), w, base - Y(*b.hit_rate), b.min_edge, 100 * *b.hit_rate,
          b.wins + b.losses);
      const double cx = x + w / 2, lo = Y(b.ci95->low), hi = Y(b.ci95->high);
      svg += fmt::format(
          "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#1f2328\"/>"
          "<line x1=\"{3:.1f}\" x2=\"{4:.1f}\" y1=\"{1:.1f}\" y2=\"{1:.1f}\" stroke=\"#1f2328\"/>"
          "<line x1=\"{3:.1f}\" x2=\"{4:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#1f2328\"/>",
          cx, lo, hi, cx - 6, cx + 6);
    }
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">&#8805;{:g} pts</text>"
        "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{} bets</text>",
        x + w / 2, base + 14, b.min_edge, x + w / 2, base + 27, b.bets);
  }
  return svg + "</svg>";
}

std::string LinedSection(Db& db, const std::string& first, const std::string& last) {
  auto latest = ModelStore(db).Latest();
  if (!latest) return Section(Muted("Model runs could not be read: " + latest.error().message()));
  if (!*latest) return Section(Muted("No model yet: nothing to grade against the line."));
  // Out of sample only: the lined games after the model's training range.
  std::string start = first;
  if (auto end = Date::ParseIso((*latest)->train_end)) {
    start = std::max(start, end->AddDays(1).ToIso());
  }
  if (start > last) {
    return Section(
        Muted(fmt::format("No lines to grade: the report ends ({}) before model {} "
                          "was trained through.",
                          last, (*latest)->model_id)));
  }
  GradeOptions options;
  options.start_date = start, options.end_date = last;
  auto graded = GradeRange(db, options);
  if (!graded) {
    return Section(Muted(fmt::format("The latest model ({}) cannot be graded: {}",
                                     (*latest)->model_id, graded.error().message())));
  }
  const GradeReport& r = *graded;
  const std::string scope = fmt::format("{}..{}, after model {}'s training range (through {})",
                                        start, last, (*latest)->model_id, (*latest)->train_end);
  if (r.lined == 0) return Section(Muted("No lines in " + scope + "."));
  std::string html =
      "<p>" + HtmlEscape(fmt::format(
                  "{}: {} lined player-games, {} graded against the {} line ({} did not play, {} "
                  "unresolved, {} without an earlier game this season, {} without a result). Lines "
                  "captured {} .. {}.",
                  scope, r.lined, r.grading.rows, r.line_basis, r.unplayed_lined,
                  r.unresolved_lined, r.no_history, r.no_result, r.captured_first.value_or("-"),
                  r.captured_last.value_or("-")));
  html += "</p>";
  if (r.grading.rows == 0) return Section(html);
  html +=
      "<p>" +
      HtmlEscape(fmt::format(
          "MAE (points): model {:.3f}, line {:.3f}, last-10 {:.3f}. Hit rate of the model's side "
          "(OVER when prediction > line) by |edge|, pushes neither won nor lost; ROI per unit at "
          "the best real price, pick'em lines at an assumed -110.",
          r.grading.mae_model, r.grading.mae_line, r.grading.mae_last10)) +
      "</p>";
  return Section(html + HitRateChartSvg(r.grading) + CountsTable(r));
}

}  // namespace backcourt
