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

std::vector<PartitionKey> Lineage::Reads(const Processor& p, const std::string& date) const {
  std::vector<PartitionKey> reads;
  std::vector<std::string> dates = {date};
  if (p.window() == ReadWindow::kSeasonToDate) {
    auto info = dates_.find(date);
    if (info != dates_.end()) {
      const auto& all = season_dates_.at(info->second.season);
      dates.assign(all.begin(), std::upper_bound(all.begin(), all.end(), date));
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
}

std::string Lineage::Fingerprint(const Processor& p, const std::string& date) const {
  Hasher hasher;
  hasher.Add(p.version());
  if (p.reads_raw()) {
    auto info = dates_.find(date);
    hasher.Add(info != dates_.end() ? info->second.fingerprint : "");
  }
  for (const PartitionKey& key : Reads(p, date)) {
    const PartitionRecord* record = Find(key.table, key.date);
    hasher.Add(key.table);
    hasher.Add(key.date);
    hasher.Add(record ? record->status + ":" + record->data_version : "missing");
  }
  return hasher.HexDigest();
}

std::string Lineage::WhyStale(const Processor& p, const std::string& date) {
  const PartitionKey self{std::string(p.name()), date};
  if (auto memo = stale_memo_.find(self); memo != stale_memo_.end()) return memo->second;
  std::string why;
  const PartitionRecord* record = Find(self.table, date);
  const std::string done = HasGames(date) ? "ok" : "no_games";
  if (record == nullptr) {
    why = "missing";
  } else if (record->status != done) {
    why = record->status;
  } else if (record->processor_version != p.version()) {
    why = "stale (processor version)";
  } else if (record->input_fingerprint != Fingerprint(p, date)) {
    why = "stale (inputs changed)";
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
