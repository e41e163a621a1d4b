// Partition checks for every registry table: missing, failed or blocked, and stale records.
#include <fmt/format.h>

#include <set>

#include "validate/check.h"

namespace backcourt {
namespace {

std::set<std::string> GameDates(const ValidationFacts& f) {
  std::set<std::string> dates;
  for (const ExpectedGame& g : f.games) dates.insert(g.game_date);
  return dates;
}

std::string Short(const std::string& text) {
  return text.size() > 160 ? text.substr(0, 157) + "..." : text;
}

void Missing(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  const std::set<std::string> dates = GameDates(f);
  for (const std::string& date : dates) {
    const PartitionFact* p = f.Partition(r.table, date);
    if (p != nullptr && p->status != PartitionStatus::kPending &&
        p->status != PartitionStatus::kRunning) {
      continue;
    }
    findings.Add(date, p ? fmt::format("{}: {} (not done)", date, ToString(p->status))
                         : fmt::format("{}: never built", date));
  }
  r.expected = fmt::format("a partition record for each of {} dates with final games",
                           Thousands(static_cast<int64_t>(dates.size())));
  r.observed = fmt::format("{} dates not built", Thousands(findings.count()));
  r.passed = findings.count() == 0;
  r.message = r.passed ? "every date with final games has been built"
                       : "run backfill over the range: these dates were never built";
  findings.MoveTo(r);
}

void FailedOrBlocked(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  int64_t failed = 0, blocked = 0;
  auto table = f.partitions.find(r.table);
  if (table != f.partitions.end()) {
    for (const auto& [date, p] : table->second) {
      if (p.status != PartitionStatus::kFailed && p.status != PartitionStatus::kBlocked) continue;
      (p.status == PartitionStatus::kFailed ? failed : blocked)++;
      findings.Add(date, fmt::format("{} {}: {}", date, ToString(p.status), Short(p.last_error)));
    }
  }
  r.expected = "0 failed or blocked partitions";
  r.observed = fmt::format("{} failed, {} blocked", failed, blocked);
  r.passed = findings.count() == 0;
  r.message = r.passed ? "no partition failed or is blocked"
                       : "retry with: backcourt backfill --dates <dates above>";
  findings.MoveTo(r);
}

// Stale by the engine's one definition (processor version, inputs or an upstream changed):
// exactly what `backfill --dry-run` and `status` name.
void Stale(const ValidationFacts& f, const Thresholds& t, CheckResult& r) {
  Findings findings(t.max_examples);
  for (auto it = f.stale.lower_bound({r.table, ""});
       it != f.stale.end() && it->first.first == r.table; ++it) {
    findings.Add(it->first.second, fmt::format("{}: {}", it->first.second, it->second));
  }
  r.expected = "0 stale partitions";
  r.observed = fmt::format("{} stale", Thousands(findings.count()));
  r.passed = findings.count() == 0;
  r.message = r.passed ? "every built partition is fresh (code version and inputs unchanged)"
                       : "run backfill over the range: stale partitions are rebuilt";
  findings.MoveTo(r);
}

}  // namespace

void AddPartitionChecks(const ValidationFacts& facts, std::vector<CheckSpec>& specs) {
  for (const TableInfo& table : facts.tables) {
    specs.push_back({table.name, "partitions_missing", Severity::kBlocking,
                     "every date with final games has a partition record", Missing});
    specs.push_back({table.name, "partitions_failed", Severity::kBlocking,
                     "no partition is failed or blocked", FailedOrBlocked});
    specs.push_back({table.name, "partitions_stale", Severity::kWarning,
                     "no partition is stale (code, inputs or an upstream changed)", Stale});
  }
}

}  // namespace backcourt
