// All of ../shared/data/odds through ingest (skips when the folder is absent): every
// player_points row of every file is loaded, nothing valid is rejected, and the counts per
// file kind are printed for the note.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "store/schema.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

fs::path OddsFolder() { return fs::path(BACKCOURT_SHARED_DATA).parent_path() / "odds"; }

std::vector<std::string> SplitComma(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// player_points records of a CSV, counted without the readers (these files have no quotes).
int64_t PointsRecords(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = SplitComma(line);
  size_t market = 0;
  while (market < header.size() && header[market] != "market") ++market;
  int64_t count = 0;
  while (std::getline(in, line)) {
    const auto fields = SplitComma(line);
    count += market < fields.size() && fields[market] == "player_points";
  }
  return count;
}

class OddsRealDataTest : public ::testing::Test {
 protected:
  int64_t Query(const std::string& sql) {
    auto value = db_->QueryInt(sql);
    EXPECT_TRUE(value) << sql;
    return value.value_or(-1);
  }
  std::optional<Db> db_;
};

TEST_F(OddsRealDataTest, LoadsEveryPointsLineOfEveryFileAndRejectsNothingValid) {
  const fs::path folder = OddsFolder();
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no " << folder;
  auto db = OpenStore(":memory:");
  ASSERT_TRUE(db);
  db_.emplace(std::move(*db));
  auto report = Ingest(*db_, {folder.string()}, IngestOptions{});
  ASSERT_TRUE(report) << report.error().message();
  ASSERT_TRUE(report->ok());

  struct Kind {
    int files = 0;
    int64_t rows = 0, rejects = 0, skipped = 0, points_records = 0, points_sides = 0;
  };
  std::map<std::string, Kind> kinds;  // by folder
  for (const FileOutcome& f : report->files) {
    ASSERT_EQ(f.action, IngestAction::kLoaded) << f.path << ": " << f.error;
    const fs::path path = f.path;
    const std::string kind = path.parent_path().filename().string();
    const std::string id = "(SELECT file_id FROM raw_files WHERE path = '" + f.path + "')";
    Kind& k = kinds[kind];
    ++k.files;
    k.rows += f.rows;
    k.rejects += f.rejects;
    k.skipped += f.skipped;
    if (path.extension() == ".csv" && kind.starts_with("props_")) {
      const int64_t records = PointsRecords(path);
      // A book row holds both sides of a line; a pick'em record is one side.
      const int64_t sides = Query(
          "SELECT COALESCE(SUM(over_price IS NOT NULL) + SUM(under_price IS NOT NULL), 0) FROM "
          "raw_prop_lines WHERE file_id = " +
          id);
      const int64_t rows = Query("SELECT COUNT(*) FROM raw_prop_lines WHERE file_id = " + id);
      EXPECT_EQ(kind == "props_pickem_2024-25" ? sides : rows, records) << f.path;
      k.points_records += records;
      k.points_sides += sides;
      EXPECT_EQ(f.rejects, 0) << f.path;
    } else if (path.filename() == "nba_2008-2025.csv") {
      // Its one impossible moneyline ("8", line 7024); the game's spread and total load.
      EXPECT_EQ(f.rejects, 1) << f.path;
      EXPECT_EQ(Query("SELECT line FROM raw_rejects WHERE file_id = " + id), 7024);
    } else {
      EXPECT_EQ(f.rejects, 0) << f.path;
    }
  }
  EXPECT_EQ(kinds["props_the_odds_api_2025-26"].files, 26);
  EXPECT_EQ(kinds["props_the_odds_api_2025-26"].points_records, 36822);
  EXPECT_EQ(kinds["props_pickem_2024-25"].files, 84);
  EXPECT_EQ(kinds["props_pickem_2024-25"].points_records, 24154);
  EXPECT_EQ(kinds["props_pickem_2024-25"].points_sides, 24154);
  EXPECT_EQ(kinds["the_odds_api_v4"].files, 5);
  // Every game of both game-lines files: 23,118 + 1,232 games, each with a total.
  EXPECT_EQ(Query("SELECT COUNT(*) FROM raw_game_lines WHERE market = 'totals' AND bookmaker "
                  "IN ('closing', 'consensus')"),
            23118 + 1232);
  // The in-play snapshot is the only one captured at or after its tip.
  EXPECT_EQ(Query("SELECT COUNT(*) FROM raw_game_lines WHERE captured_at >= commence_time"), 6);
  EXPECT_EQ(Query("SELECT COUNT(*) FROM raw_prop_lines WHERE captured_at >= commence_time"), 0);

  for (const auto& [kind, k] : kinds) {
    std::cout << "[odds] " << kind << ": " << k.files << " files, " << k.rows << " rows, "
              << k.rejects << " rejects, " << k.skipped << " records of other markets"
              << (k.points_records ? ", " + std::to_string(k.points_records) +
                                         " player_points records in the files"
                                   : "")
              << "\n";
  }
  for (const char* table : {"raw_prop_lines", "raw_game_lines", "raw_odds_events"}) {
    std::cout << "[odds] " << table << ": " << Query(std::string("SELECT COUNT(*) FROM ") + table)
              << " rows\n";
  }
}

}  // namespace
}  // namespace backcourt
