// Ingest order never changes any output (DESIGN.md §2): the same real files (excerpts of
// 2023-24 in tests/data/ingest_order and tests/data) ingested in two orders give the same rows
// in every table, gaps, partition records and the resolved schedule included, and the same
// validation. One file disagrees with another of the same source on a game's date and on
// another game's type (ties in the schedule's ranking), which only the rows' content may
// settle, never which file came first (validation once took the first file's row).
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "engine/backfill.h"
#include "ingest/ingest.h"
#include "store/schema.h"
#include "tables/registry.h"
#include "test_files.h"
#include "validate/render.h"
#include "validate/validate.h"

namespace backcourt {
namespace {

using testing::TestData;

// Columns that say when or in which run or file id a row was written, not what it holds.
bool Volatile(const std::string& column) {
  static const std::vector<std::string> kVolatile = {
      "file_id", "run_id", "started_at", "finished_at", "ingested_at", "resolved_at", "created_at"};
  return std::find(kVolatile.begin(), kVolatile.end(), column) != kVolatile.end();
}

std::vector<std::string> Strings(Db& db, const std::string& sql) {
  std::vector<std::string> out;
  auto stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt) << sql << ": " << stmt.error().message();
  if (!stmt) return out;
  for (;;) {
    auto has_row = stmt->Step();
    EXPECT_TRUE(has_row) << sql;
    if (!has_row || !*has_row) return out;
    std::string row;
    for (int i = 0; i < stmt->ColumnCount(); ++i) {
      if (i > 0) row += '|';
      row += stmt->Text(i);
    }
    out.push_back(std::move(row));
  }
}

// Every table's rows, without volatile columns, sorted: what a user of the database sees.
std::map<std::string, std::vector<std::string>> Dump(Db& db) {
  std::map<std::string, std::vector<std::string>> tables;
  for (const std::string& table :
       Strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
    if (table == "runs" || table == "raw_files" || table == "leases") continue;
    std::string columns;
    for (const std::string& column :
         Strings(db, "SELECT name FROM pragma_table_info('" + table + "')")) {
      if (!Volatile(column)) columns += (columns.empty() ? "\"" : ", \"") + column + "\"";
    }
    std::vector<std::string> rows = Strings(db, "SELECT " + columns + " FROM " + table);
    std::sort(rows.begin(), rows.end());
    tables[table] = std::move(rows);
  }
  // The files themselves, by path: what each brought.
  tables["raw_files"] = Strings(db, "SELECT path, sha256, format, rows_loaded, rows_rejected FROM "
                                    "raw_files ORDER BY path");
  return tables;
}

struct Built {
  std::map<std::string, std::vector<std::string>> tables;
  std::string validation;
};

Built IngestAndBuild(const std::vector<std::string>& paths) {
  Built built;
  auto db = OpenStore(":memory:");
  EXPECT_TRUE(db) << db.error().message();
  if (!db) return built;
  for (const std::string& path : paths) {  // one at a time: the order is the point
    auto report = Ingest(*db, {path}, IngestOptions{});
    EXPECT_TRUE(report && report->ok()) << path;
  }
  const Registry registry = Registry::Default();
  auto backfill = RunBackfill(*db, registry, BackfillOptions{});
  EXPECT_TRUE(backfill) << backfill.error().message();
  ValidateOptions options;
  options.record = false;
  auto validation = Validate(*db, options);
  EXPECT_TRUE(validation) << validation.error().message();
  if (validation) {
    std::ostringstream out;
    PrintValidation(out, *validation);
    built.validation = out.str();
  }
  built.tables = Dump(*db);
  return built;
}

TEST(IngestOrderTest, EveryTableAndValidationAreTheSameInBothOrders) {
  const std::vector<std::string> files = {
      TestData("ingest_order/team_logs_2023-10-24_26.csv"),
      TestData("ingest_order/team_logs_disagreeing.csv"),
      TestData("ingest_order/box_score_advanced_2023-10-24_26.csv"),
      TestData("nba_stats_boxscores_2023-24_head.csv"),
      TestData("player_game_logs_2023-24_head.csv"),
  };
  std::vector<std::string> reversed(files.rbegin(), files.rend());
  const Built forward = IngestAndBuild(files);
  const Built backward = IngestAndBuild(reversed);

  // The run built something worth comparing: both teams' rows of the games, player rows,
  // the tied game resolved once, gaps listed.
  ASSERT_FALSE(forward.tables.at("team_offense_game_summary").empty());
  ASSERT_FALSE(forward.tables.at("player_game_summary").empty());
  ASSERT_FALSE(forward.tables.at("partition_gaps").empty());
  const auto& games = forward.tables.at("resolved_games");
  EXPECT_EQ(std::count_if(games.begin(), games.end(),
                          [](const std::string& r) { return r.find("|0022300062|") != r.npos; }),
            1);
  for (const auto& [table, rows] : forward.tables) {
    ASSERT_TRUE(backward.tables.count(table)) << table;
    EXPECT_EQ(rows, backward.tables.at(table)) << table << " differs with the ingest order";
  }
  EXPECT_EQ(forward.tables.size(), backward.tables.size());
  EXPECT_FALSE(forward.validation.empty());
  EXPECT_EQ(forward.validation, backward.validation);
}

}  // namespace
}  // namespace backcourt
