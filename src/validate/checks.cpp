#include <fmt/format.h>

#include <algorithm>

#include "validate/check.h"

namespace backcourt {

std::string_view SeverityName(Severity severity) {
  return severity == Severity::kBlocking ? "blocking" : "warning";
}

void Findings::Add(const std::string& date, std::string example, int64_t weight) {
  count_ += weight;
  dates_[date] += weight;
  if (static_cast<int>(examples_.size()) < max_examples_) examples_.push_back(std::move(example));
}

void Findings::MoveTo(CheckResult& result) {
  result.examples = std::move(examples_);
  result.dates = std::move(dates_);
}

void SeasonShares::Add(const std::string& season, int64_t part, int64_t whole) {
  auto& [p, w] = by_season_[season];
  p += part;
  w += whole;
}

bool SeasonShares::AllAtLeast(double pct) const {
  return std::all_of(by_season_.begin(), by_season_.end(),
                     [&](const auto& s) { return Pct(s.second.first, s.second.second) >= pct; });
}

int64_t SeasonShares::part() const {
  int64_t total = 0;
  for (const auto& [season, share] : by_season_) total += share.first;
  return total;
}

int64_t SeasonShares::whole() const {
  int64_t total = 0;
  for (const auto& [season, share] : by_season_) total += share.second;
  return total;
}

std::string SeasonShares::Describe() const {
  std::vector<std::string> parts;
  for (const auto& [season, share] : by_season_) {
    parts.push_back(fmt::format("{} {} ({} of {})", season, Percent(share.first, share.second),
                                Thousands(share.first), Thousands(share.second)));
  }
  return parts.empty() ? "no games" : fmt::format("{}", fmt::join(parts, "; "));
}

double Pct(int64_t part, int64_t whole) {
  return whole == 0 ? 100.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::string Percent(int64_t part, int64_t whole) {
  if (whole == 0) return "n/a";
  return fmt::format("{:.2f}%", Pct(part, whole));
}

std::string Thousands(int64_t value) {
  const std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out = value < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::vector<CheckSpec> CheckCatalogue(const ValidationFacts& facts) {
  std::vector<CheckSpec> specs;
  AddCompletenessChecks(specs);
  AddPlayerChecks(specs);
  AddValueChecks(specs);
  AddLineChecks(specs);
  AddFeatureChecks(specs);
  AddPartitionChecks(facts, specs);
  return specs;
}

std::vector<CheckResult> RunChecks(const ValidationFacts& facts, const Thresholds& thresholds) {
  std::vector<CheckResult> results;
  for (const CheckSpec& spec : CheckCatalogue(facts)) {
    const TableInfo* table = facts.Table(spec.table);
    if (table == nullptr) continue;  // a known table this registry does not build
    CheckResult result;
    result.table = spec.table;
    result.check = spec.name;
    result.severity = spec.severity;
    auto override_it = thresholds.severity.find(spec.table + "." + spec.name);
    if (override_it != thresholds.severity.end()) {
      result.severity = override_it->second == "warning" ? Severity::kWarning : Severity::kBlocking;
    }
    spec.run(facts, thresholds, result);
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace backcourt
