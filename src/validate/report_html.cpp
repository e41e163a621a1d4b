#include "validate/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "store/partition_store.h"
#include "store/validation_store.h"
#include "validate/calendar_svg.h"
#include "validate/gaps.h"
#include "validate/report_grade.h"
#include "validate/validate.h"

namespace backcourt {
namespace {

constexpr const char* kStyle = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de}
h3{font-size:14px;margin:16px 0 4px;font-family:ui-monospace,monospace}
.verdict{display:inline-block;padding:4px 12px;border-radius:6px;color:#fff;font-weight:600}
.pass{background:#2da44e}.fail{background:#cf222e}.muted{color:#656d76}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:11px;
height:11px;border-radius:2px;margin-right:4px;vertical-align:-1px}
svg text{font:10px system-ui,sans-serif;fill:#656d76}svg text.season{font-weight:600;fill:#1f2328}
table{border-collapse:collapse;font-size:12px}td,th{padding:3px 8px;border-bottom:1px solid #eaeef2;
text-align:right}th{background:#f6f8fa}td:first-child,th:first-child{text-align:left}
td.bad{background:#ffebe9;color:#82071e;font-weight:600}
.check{margin:10px 0;padding:8px 12px;border-left:4px solid #cf222e;background:#fff8f8}
.check.warning{border-color:#d4a72c;background:#fffbea}.check ul{margin:4px 0;padding-left:20px}
code,pre{font:12px ui-monospace,monospace}pre{background:#f6f8fa;padding:8px;overflow:auto}
.model{border:2px dashed #8c959f;padding:8px 14px;border-radius:6px}
)css";

// date -> how many team-games of that date a table lacks.
std::map<std::string, int64_t> MissingByDate(const std::vector<Gap>& gaps,
                                             const std::string& table) {
  std::map<std::string, int64_t> missing;
  for (const Gap& g : gaps) {
    if (g.table != table) continue;
    missing[g.game_date] += 1 + std::count(g.missing_teams.begin(), g.missing_teams.end(), ' ');
  }
  return missing;
}

const CheckResult* FindCheck(const ValidationResult& r, const std::string& table,
                             const std::string& check) {
  for (const CheckResult& c : r.checks) {
    if (c.table == table && c.check == check) return &c;
  }
  return nullptr;
}

DayState StateOf(const PartitionFact* p, bool has_games, int64_t missing, bool stale) {
  if (p == nullptr || p->status == PartitionStatus::kPending ||
      p->status == PartitionStatus::kRunning) {
    return has_games ? DayState::kMissing : DayState::kNone;
  }
  if (p->status == PartitionStatus::kFailed) return DayState::kFailed;
  if (p->status == PartitionStatus::kBlocked) return DayState::kBlocked;
  if (p->status == PartitionStatus::kNoGames) return DayState::kNoGames;
  if (missing > 0) return DayState::kIncomplete;
  return stale ? DayState::kStale : DayState::kOk;
}

std::vector<DayCell> TableDays(const ValidationFacts& f, const ValidationResult& result,
                               const std::vector<Gap>& gaps, const std::string& table) {
  std::map<std::string, int64_t> games_by_date;
  for (const ExpectedGame& g : f.games) games_by_date[g.game_date]++;
  std::set<std::string> dates;
  for (const auto& [date, n] : games_by_date) dates.insert(date);
  if (auto it = f.partitions.find(table); it != f.partitions.end()) {
    for (const auto& [date, p] : it->second) dates.insert(date);
  }
  const auto missing = MissingByDate(gaps, table);
  const CheckResult* stale = FindCheck(result, table, "partitions_stale");
  std::vector<DayCell> days;
  for (const std::string& date : dates) {
    const PartitionFact* p = f.Partition(table, date);
    const int64_t games = games_by_date.count(date) ? games_by_date.at(date) : 0;
    const int64_t lacking = missing.count(date) ? missing.at(date) : 0;
    const bool is_stale = stale != nullptr && stale->dates.count(date) > 0;
    DayCell cell{date, StateOf(p, games > 0, lacking, is_stale), ""};
    cell.tip = fmt::format("{}: {}; {} final game(s){}{}", date, DayStateName(cell.state), games,
                           lacking ? fmt::format(", {} team-game(s) missing", lacking) : "",
                           p && !p->last_error.empty() ? "; " + p->last_error : "");
    days.push_back(std::move(cell));
  }
  return days;
}

std::string Legend() {
  std::string html = "<p class=\"legend\">";
  for (DayState s : AllDayStates()) {
    html += fmt::format("<span><i style=\"background:{}\"></i>{}</span>", DayStateColour(s),
                        DayStateName(s));
  }
  return html + "</p>\n";
}

std::string Heatmaps(const ValidationFacts& f, const ValidationResult& r,
                     const std::vector<Gap>& gaps) {
  std::string html = "<h2>Partitions by date</h2>\n" + Legend();
  for (const TableInfo& table : f.tables) {
    const std::vector<DayCell> days = TableDays(f, r, gaps, table.name);
    std::map<DayState, int> counts;
    for (const DayCell& d : days) counts[d.state]++;
    std::vector<std::string> parts;
    for (DayState s : AllDayStates()) {
      if (counts[s] && s != DayState::kNone) {
        parts.push_back(fmt::format("{} {}", counts[s], DayStateName(s)));
      }
    }
    html += fmt::format("<h3>{}</h3><p class=\"muted\">{} dates: {}</p>\n{}",
                        HtmlEscape(table.name), days.size(),
                        HtmlEscape(fmt::format("{}", fmt::join(parts, ", "))), CalendarSvg(days));
  }
  return html;
}

std::string CoverageCell(const CoverageRow* row) {
  if (row == nullptr) return "<td>-</td>";
  const bool bad = !row->complete();
  return fmt::format("<td{}>{}/{}</td>", bad ? " class=\"bad\"" : "", row->present_team_games,
                     row->expected_team_games);
}

std::string CoverageTable(const ValidationResult& r, const Thresholds& t) {
  std::map<std::string, std::map<std::string, const CoverageRow*>> by_month;  // month -> table
  std::vector<std::string> tables;
  for (const CoverageRow& row : r.coverage) {
    by_month[row.period][row.table] = &row;
    if (std::find(tables.begin(), tables.end(), row.table) == tables.end())
      tables.push_back(row.table);
  }
  std::string html = "<h2>Coverage by month</h2>\n<table><tr><th>month</th><th>final games</th>";
  for (const std::string& table : tables)
    html += "<th>" + HtmlEscape(table) + "<br>team-games</th>";
  html += "<th>minutes %</th><th>usage %</th><th>not provided</th></tr>\n";
  for (const auto& [month, row] : by_month) {
    const CoverageRow* any = row.begin()->second;
    html += fmt::format("<tr><td>{}</td><td>{}</td>", month, any->expected_games);
    for (const std::string& table : tables) {
      html += CoverageCell(row.count(table) ? row.at(table) : nullptr);
    }
    const CoverageRow* player = nullptr;
    for (const auto& [table, cov] : row) player = cov->player_table ? cov : player;
    if (player == nullptr) {
      html += "<td>-</td><td>-</td><td>-</td></tr>\n";
      continue;
    }
    const bool min_bad = player->minutes_pct() < t.min_minutes_coverage_pct;
    const bool use_bad = player->usage_eligible && player->usage_pct() < t.min_usage_coverage_pct;
    html += fmt::format("<td{}>{:.2f}</td><td{}>{}</td><td>{}</td></tr>\n",
                        min_bad ? " class=\"bad\"" : "", player->minutes_pct(),
                        use_bad ? " class=\"bad\"" : "",
                        player->usage_eligible ? fmt::format("{:.2f}", player->usage_pct()) : "-",
                        player->not_provided);
  }
  return html +
         "</table>\n<p class=\"muted\">usage % is over active rows whose source provides "
         "shooting data; <em>not provided</em> counts active rows from reduced logs, "
         "apart from missing values.</p>\n";
}

std::string ChecksSection(const ValidationResult& r) {
  std::string html = "<h2>Failed checks</h2>\n";
  const auto failed = r.Failed();
  if (failed.empty()) html += "<p>None: every check passed.</p>\n";
  for (const CheckResult* c : failed) {
    html += fmt::format(
        "<div class=\"check{}\"><b>{}.{}</b> [{}]<br>observed: {}; expected: {}<br>{}<ul>",
        c->blocks() ? "" : " warning", HtmlEscape(c->table), HtmlEscape(c->check),
        SeverityName(c->severity), HtmlEscape(c->observed), HtmlEscape(c->expected),
        HtmlEscape(c->message));
    for (const std::string& e : c->examples) html += "<li><code>" + HtmlEscape(e) + "</code></li>";
    html += "</ul></div>\n";
  }
  html += fmt::format(
      "<details><summary>All {} checks</summary><table><tr><th>check</th>"
      "<th>severity</th><th>result</th><th>observed</th><th>expected</th></tr>\n",
      r.checks.size());
  for (const CheckResult& c : r.checks) {
    html += fmt::format("<tr><td>{}.{}</td><td>{}</td><td{}>{}</td><td>{}</td><td>{}</td></tr>\n",
                        HtmlEscape(c.table), HtmlEscape(c.check), SeverityName(c.severity),
                        c.passed ? "" : " class=\"bad\"", c.passed ? "pass" : "FAIL",
                        HtmlEscape(c.observed), HtmlEscape(c.expected));
  }
  return html + "</table></details>\n";
}

// A JSON value of model_runs: its scalars (and objects of scalars, e.g. MAE by model) in
// plain sight, everything in full behind a <details>.
std::string JsonCell(const nlohmann::json& value) {
  std::string summary;
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      const bool flat =
          member.is_primitive() ||
          (member.is_object() && std::all_of(member.begin(), member.end(),
                                             [](const auto& m) { return m.is_primitive(); }));
      if (flat)
        summary += fmt::format("<b>{}</b>: {}<br>", HtmlEscape(key), HtmlEscape(member.dump()));
    }
  }
  return summary + "<details><summary>" + (value.is_array() ? "list" : "all fields") +
         "</summary><pre>" + HtmlEscape(value.dump(2)) + "</pre></details>";
}

// The model's latest evaluation, from model_runs when a model has been trained.
std::string ModelSection(const std::vector<std::pair<std::string, std::string>>& model) {
  std::string html =
      "<!-- MODEL EVALUATION: filled from the latest row of model_runs when it exists -->\n"
      "<h2>Model: latest evaluation</h2>\n<div class=\"model\" id=\"model-evaluation\">";
  if (model.empty())
    return html +
           "<p class=\"muted\">No model evaluation yet: model_runs holds no trained "
           "model.</p></div>\n";
  html += "<table>";
  for (const auto& [column, value] : model) {
    std::string shown = HtmlEscape(value);
    const auto parsed = nlohmann::json::parse(value, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_structured()) shown = JsonCell(parsed);
    html += fmt::format("<tr><th>{}</th><td style=\"text-align:left\">{}</td></tr>",
                        HtmlEscape(column), shown);
  }
  return html + "</table></div>\n";
}

}  // namespace

Result<std::string> RenderHtmlReport(Db& db, const ReportOptions& options) {
  std::optional<Registry> owned;
  if (options.registry == nullptr) owned.emplace(Registry::Default());
  const Registry& registry = options.registry ? *options.registry : *owned;
  BC_ASSIGN_OR_RETURN(ValidationFacts facts, LoadFacts(db, registry, options.start_date,
                                                       options.end_date, options.thresholds));
  BC_RETURN_IF_ERROR(AskEngineForStale(db, registry, facts));
  const ValidationResult result = Evaluate(facts, options.thresholds);
  const std::vector<Gap>& gaps = result.gaps;
  BC_ASSIGN_OR_RETURN(auto model, ValidationStore(db).LatestModelRun());
  const bool pass = result.passed();
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>backcourt report {}..{}</title><style>{}</style></head><body>\n"
      "<h1>backcourt: validation report</h1>\n<p class=\"muted\">{}..{} · {} final games · "
      "generated {}</p>\n<p><span class=\"verdict {}\">{}</span> {} of {} checks failed "
      "({} blocking) · {} gap(s) on {} date(s)</p>\n",
      facts.first, facts.last, kStyle, facts.first, facts.last, facts.games.size(),
      options.generated_at.empty() ? UtcNow() : options.generated_at, pass ? "pass" : "fail",
      pass ? "PASS" : "FAIL", result.Failed().size(), result.checks.size(),
      std::count_if(result.checks.begin(), result.checks.end(),
                    [](const CheckResult& c) { return c.blocks(); }),
      gaps.size(), GapDates(gaps).size());
  html += Heatmaps(facts, result, gaps);
  html += CoverageTable(result, options.thresholds);
  html += ChecksSection(result);
  html += ModelSection(model);
  html += LinedSection(db, facts.first, facts.last);
  return html + "</body></html>\n";
}

}  // namespace backcourt
