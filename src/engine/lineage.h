#pragma once
// Lineage: which partitions a partition reads, its input fingerprint, and whether its record
// is fresh (DESIGN.md §5). Staleness propagates: a partition is fresh only when its record
// matches its processor version and fingerprint AND every partition it reads is fresh.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/partition_store.h"
#include "store/raw_store.h"
#include "tables/registry.h"

namespace backcourt {

using RecordMap = std::map<std::string, std::map<std::string, PartitionRecord>>;

struct PartitionKey {
  std::string table, date;
  friend auto operator<=>(const PartitionKey&, const PartitionKey&) = default;
};

class Lineage {
 public:
  Lineage(const Registry& registry, std::map<std::string, DateInfo> dates, RecordMap records);

  // The upstream partitions (table, date) that `p` reads for `date`: same date, or every
  // date of the season up to and including `date` for season-to-date tables (only those
  // after `after`, when given: what an earlier task of the table already covered).
  std::vector<PartitionKey> Reads(const Processor& p, const std::string& date,
                                  const std::string& after = "") const;
  // Hash of the processor version, the date's raw inputs (raw-fed tables), its betting lines
  // (tables that read lines) and the data
  // versions of every partition it reads, as currently recorded.
  std::string Fingerprint(const Processor& p, const std::string& date) const;
  // Empty when the partition is ok and fresh; otherwise why it must be rebuilt.
  std::string WhyStale(const Processor& p, const std::string& date);
  bool HasGames(const std::string& date) const;

  const PartitionRecord* Find(const std::string& table, const std::string& date) const;
  void Update(const PartitionRecord& record);
  const std::map<std::string, DateInfo>& dates() const { return dates_; }
  const Registry& registry() const { return registry_; }

 private:
  const Registry& registry_;
  std::map<std::string, DateInfo> dates_;
  RecordMap records_;
  std::map<std::string, std::vector<std::string>> season_dates_;  // season -> dates ascending
  std::map<PartitionKey, std::string> stale_memo_;
  // The first date of the season up to a date whose partition of a table is not fresh, or ""
  // when every one is: season-to-date staleness in one lookup, not one per date read.
  const std::string& FirstStaleInSeason(const Processor& table, const std::string& date);
  std::map<PartitionKey, std::string> first_stale_memo_;
  // Season-to-date reads: the records of one upstream table over the season's dates up to a
  // date, hashed as a chain so each date's digest builds on the one before. Entries of a
  // table from an updated date on are dropped by Update.
  const std::string& SeasonDigest(const std::string& table, const std::string& date) const;
  mutable std::map<PartitionKey, std::string> season_digests_;
};

}  // namespace backcourt
