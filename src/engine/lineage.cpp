#include "engine/lineage.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/hash.h"

namespace backcourt {

Lineage::Lineage(const Registry& registry, std::map<std::string, DateInfo> dates,
                 RecordMap records)
    : registry_(registry), dates_(std::move(dates)), records_(std::move(records)) {
  for (const auto& [date, info] : dates_) season_dates_[info.season].push_back(date);
}

bool Lineage::HasGames(const std::string& date) const {
  auto it = dates_.find(date);
  return it != dates_.end() && it->second.has_games;
}

std::vector<PartitionKey> Lineage::Reads(const Processor& p, const std::string& date,
                                         const std::string& after) const {
  std::vector<PartitionKey> reads;
  std::vector<std::string> dates = {date};
  if (p.window() == ReadWindow::kSeasonToDate) {
    auto info = dates_.find(date);
    if (info != dates_.end()) {
      const auto& all = season_dates_.at(info->second.season);
      const auto to = std::upper_bound(all.begin(), all.end(), date);
      dates.assign(std::min(std::upper_bound(all.begin(), all.end(), after), to), to);
    }
  }
  for (std::string_view up : p.upstreams()) {
    for (const std::string& d : dates) reads.push_back({std::string(up), d});
  }
  return reads;
}

const PartitionRecord* Lineage::Find(const std::string& table, const std::string& date) const {
  auto t = records_.find(table);
  if (t == records_.end()) return nullptr;
  auto r = t->second.find(date);
  return r == t->second.end() ? nullptr : &r->second;
}

void Lineage::Update(const PartitionRecord& record) {
  records_[record.table_name][record.game_date] = record;
  stale_memo_.clear();
  first_stale_memo_.clear();
  season_digests_.erase(season_digests_.lower_bound({record.table_name, record.game_date}),
                        season_digests_.lower_bound({record.table_name + '\x01', ""}));
}

namespace {

void AddRecord(Hasher& hasher, const std::string& table, const std::string& date,
               const PartitionRecord* record) {
  hasher.Add(table);
  hasher.Add(date);
  hasher.Add(record ? fmt::format("{}:{}", ToString(record->status), record->data_version)
                    : "missing");
}

}  // namespace

const std::string& Lineage::SeasonDigest(const std::string& table, const std::string& date) const {
  if (auto it = season_digests_.find({table, date}); it != season_digests_.end()) return it->second;
  const auto& all = season_dates_.at(dates_.at(date).season);
  const size_t end = static_cast<size_t>(std::upper_bound(all.begin(), all.end(), date) - all.begin());
  size_t from = end - 1;  // the first date of the chain not yet digested
  while (from > 0 && !season_digests_.count({table, all[from - 1]})) --from;
  std::string digest = from > 0 ? season_digests_.at({table, all[from - 1]}) : "";
  for (size_t i = from; i < end; ++i) {
    Hasher hasher;
    hasher.Add(digest);
    AddRecord(hasher, table, all[i], Find(table, all[i]));
    digest = hasher.HexDigest();
    season_digests_[{table, all[i]}] = digest;
  }
  return season_digests_.at({table, date});
}

std::string Lineage::Fingerprint(const Processor& p, const std::string& date) const {
  Hasher hasher;
  hasher.Add(p.version());
  if (p.reads_raw()) {
    auto info = dates_.find(date);
    hasher.Add(info != dates_.end() ? info->second.fingerprint : "");
  }
  if (p.reads_injury_reports()) {
    auto info = dates_.find(date);
    hasher.Add("injury:" + (info != dates_.end() ? info->second.injury_fingerprint : ""));
  }
  if (p.reads_lines()) {
    auto info = dates_.find(date);
    hasher.Add(info != dates_.end() ? info->second.odds_fingerprint : "");
  }
  if (p.window() == ReadWindow::kSeasonToDate && dates_.count(date)) {
    for (std::string_view up : p.upstreams()) hasher.Add(SeasonDigest(std::string(up), date));
    return hasher.HexDigest();
  }
  for (const PartitionKey& key : Reads(p, date)) {
    AddRecord(hasher, key.table, key.date, Find(key.table, key.date));
  }
  return hasher.HexDigest();
}

const std::string& Lineage::FirstStaleInSeason(const Processor& table, const std::string& date) {
  const std::string name(table.name());
  if (auto it = first_stale_memo_.find({name, date}); it != first_stale_memo_.end()) {
    return it->second;
  }
  const auto& all = season_dates_.at(dates_.at(date).season);
  const auto last = std::upper_bound(all.begin(), all.end(), date);
  const size_t end = static_cast<size_t>(last - all.begin());
  size_t from = end - 1;  // the first date not yet in the memo
  while (from > 0 && !first_stale_memo_.count({name, all[from - 1]})) --from;
  std::string first = from > 0 ? first_stale_memo_.at({name, all[from - 1]}) : "";
  for (size_t i = from; i < end; ++i) {
    if (first.empty() && HasGames(all[i]) && !WhyStale(table, all[i]).empty()) first = all[i];
    first_stale_memo_[{name, all[i]}] = first;
  }
  return first_stale_memo_.at({name, date});
}

std::string Lineage::WhyStale(const Processor& p, const std::string& date) {
  const PartitionKey self{std::string(p.name()), date};
  if (auto memo = stale_memo_.find(self); memo != stale_memo_.end()) return memo->second;
  std::string why;
  const PartitionRecord* record = Find(self.table, date);
  const bool done = record != nullptr && (HasGames(date) ? IsBuilt(record->status)
                                                          : record->status == PartitionStatus::kNoGames);
  if (record == nullptr) {
    why = "missing";
  } else if (!done) {
    why = ToString(record->status);
  } else if (record->processor_version != p.version()) {
    why = "stale (processor version)";
  } else if (record->input_fingerprint != Fingerprint(p, date)) {
    why = "stale (inputs changed)";
  } else if (p.window() == ReadWindow::kSeasonToDate && dates_.count(date)) {
    for (std::string_view name : p.upstreams()) {
      const Processor* upstream = registry_.Find(std::string(name));
      if (upstream == nullptr) continue;
      const std::string& stale = FirstStaleInSeason(*upstream, date);
      if (!stale.empty()) {
        why = fmt::format("stale (upstream {} {} will be rebuilt)", name, stale);
        break;
      }
    }
  } else {
    for (const PartitionKey& up : Reads(p, date)) {
      const Processor* upstream = registry_.Find(up.table);
      if (upstream == nullptr || !HasGames(up.date)) continue;
      if (!WhyStale(*upstream, up.date).empty()) {
        why = fmt::format("stale (upstream {} {} will be rebuilt)", up.table, up.date);
        break;
      }
    }
  }
  stale_memo_[self] = why;
  return why;
}

}  // namespace backcourt
