#pragma once
// Processors and records made up for the engine's unit tests: a DAG of any shape without
// the real tables, their rows or ../shared.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "engine/lineage.h"
#include "tables/registry.h"

namespace backcourt::testing {

struct FakeTable {
  std::string name, version = "1";
  std::vector<std::string_view> upstreams;
  ReadWindow window = ReadWindow::kSameDate;
  bool reads_raw = false, reads_lines = false;
};

// Declares what the engine plans from; never built (Build is an error).
class FakeProcessor : public Processor {
 public:
  explicit FakeProcessor(FakeTable table) : table_(std::move(table)) {}
  std::string_view name() const override { return table_.name; }
  std::string_view version() const override { return table_.version; }
  std::vector<std::string_view> upstreams() const override { return table_.upstreams; }
  ReadWindow window() const override { return table_.window; }
  bool reads_raw() const override { return table_.reads_raw; }
  bool reads_lines() const override { return table_.reads_lines; }
  Result<TableSchemaState> CheckTable(Db&) const override { return TableSchemaState{}; }
  Result<TableSchema> EnsureTable(Db&) const override { return TableSchema::kCurrent; }
  Result<std::unique_ptr<PartitionOutput>> Build(const BuildContext&,
                                                 const std::string& date) const override {
    return Fail(ErrorKind::kInternal, "a fake processor is never built: " + date);
  }

 private:
  FakeTable table_;
};

// raw (reads raw rows) -> daily (same date) -> history (season to date), the shape of
// team_offense -> player_game_summary -> player_game_features.
inline Registry ThreeTables() {
  std::vector<std::unique_ptr<Processor>> processors;
  processors.push_back(std::make_unique<FakeProcessor>(FakeTable{"raw", "1", {}, ReadWindow::kSameDate, true}));
  processors.push_back(
      std::make_unique<FakeProcessor>(FakeTable{"daily", "1", {"raw"}, ReadWindow::kSameDate}));
  processors.push_back(std::make_unique<FakeProcessor>(
      FakeTable{"history", "1", {"daily"}, ReadWindow::kSeasonToDate}));
  return Registry(std::move(processors));
}

// A date with games of `season` (the schedule's label) and raw inputs hashing to `raw`.
inline DateInfo GameDay(std::string season, std::string raw = "raw-v1") {
  DateInfo info;
  info.season = std::move(season);
  info.has_games = true;
  info.fingerprint = std::move(raw);
  return info;
}

inline DateInfo NoGames(std::string season) {
  DateInfo info;
  info.season = std::move(season);
  return info;
}

inline PartitionRecord Record(const std::string& table, const std::string& date,
                              PartitionStatus status, const std::string& data_version) {
  PartitionRecord record;
  record.table_name = table;
  record.game_date = date;
  record.status = status;
  record.processor_version = "1";
  record.data_version = data_version;
  return record;
}

// Records every (table, date) of `dates` as built by the current code from the current
// inputs, in dependency order so each fingerprint sees its upstreams' records: the state a
// finished backfill leaves.
inline void RecordAllFresh(Lineage& lineage, const std::vector<std::string>& dates) {
  for (const auto& p : lineage.registry().processors()) {
    for (const std::string& date : dates) {
      PartitionRecord record;
      record.table_name = p->name();
      record.game_date = date;
      record.status = PartitionStatus::kNoGames;
      if (lineage.HasGames(date)) {
        record.status = PartitionStatus::kOk;
        record.data_version = fmt::format("{}@{}", p->name(), date);
      }
      record.processor_version = p->version();
      record.input_fingerprint = lineage.Fingerprint(*p, date);
      lineage.Update(record);
    }
  }
}

}  // namespace backcourt::testing
