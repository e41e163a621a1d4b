#pragma once
// A validation check declared as data: the table it guards, its name, severity and what it
// means; running it gives observed vs expected, a verdict, a message and examples.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "validate/facts.h"
#include "validate/thresholds.h"

namespace backcourt {

enum class Severity { kBlocking, kWarning };
std::string_view SeverityName(Severity severity);

struct CheckResult {
  std::string table, check;
  Severity severity = Severity::kBlocking;
  bool passed = true;
  std::string observed, expected, message;
  std::vector<std::string> examples;     // at most Thresholds::max_examples
  std::map<std::string, int64_t> dates;  // date -> findings on that date
  bool blocks() const { return !passed && severity == Severity::kBlocking; }
};

struct CheckSpec {
  std::string table, name;
  Severity severity;
  std::string_view description;  // one sentence for the report
  // Fills observed, expected, passed, message, examples and dates.
  std::function<void(const ValidationFacts&, const Thresholds&, CheckResult&)> run;
};

// Collects a check's findings: counts them, keeps the first examples and counts per date.
class Findings {
 public:
  explicit Findings(int max_examples) : max_examples_(max_examples) {}
  // One finding (or `weight` findings sharing one example).
  void Add(const std::string& date, std::string example, int64_t weight = 1);
  int64_t count() const { return count_; }
  // Moves the examples and per-date counts into `result`.
  void MoveTo(CheckResult& result);

 private:
  int max_examples_;
  int64_t count_ = 0;
  std::vector<std::string> examples_;
  std::map<std::string, int64_t> dates_;
};

// Coverage per season (thresholds are per season: a good season never hides a bad one).
class SeasonShares {
 public:
  void Add(const std::string& season, int64_t part, int64_t whole);
  // True when every season's share is at least `pct` percent (and when there is none).
  bool AllAtLeast(double pct) const;
  int64_t part() const;
  int64_t whole() const;
  // "2023-24 99.55% (2,624 of 2,636); 2024-25 100.00% (...)".
  std::string Describe() const;

 private:
  std::map<std::string, std::pair<int64_t, int64_t>> by_season_;
};

// "12.34%" of part/whole; "n/a" when whole is 0.
std::string Percent(int64_t part, int64_t whole);
double Pct(int64_t part, int64_t whole);
// 12345 -> "12,345".
std::string Thousands(int64_t value);

// The declared checks: per known table, then the partition checks of every registry table.
std::vector<CheckSpec> CheckCatalogue(const ValidationFacts& facts);

// Checks of each family (checks_*.cpp).
void AddCompletenessChecks(std::vector<CheckSpec>& specs);
void AddPlayerChecks(std::vector<CheckSpec>& specs);
void AddValueChecks(std::vector<CheckSpec>& specs);
void AddLineChecks(std::vector<CheckSpec>& specs);
void AddFeatureChecks(std::vector<CheckSpec>& specs);
void AddPartitionChecks(const ValidationFacts& facts, std::vector<CheckSpec>& specs);

// Runs every declared check; severities may be overridden by the thresholds.
std::vector<CheckResult> RunChecks(const ValidationFacts& facts, const Thresholds& thresholds);

}  // namespace backcourt
