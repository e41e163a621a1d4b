#include "ml/sample_db.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/backfill.h"
#include "ingest/ingest.h"
#include "store/schema.h"

namespace backcourt::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::string Join(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + fields[i];
  return line;
}

size_t IndexOf(const std::vector<std::string>& header, const std::string& name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

// Rewrites a CSV, applying `alter` to the fields of rows whose date column is >= from.
template <class Alter>
void AlterCsv(const fs::path& from_path, const fs::path& to_path, const std::string& date_column,
              const std::string& from, Alter alter) {
  std::ifstream in(from_path);
  std::ofstream out(to_path);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = Split(line);
  out << line << "\n";
  const size_t date = IndexOf(header, date_column);
  while (std::getline(in, line)) {
    std::vector<std::string> fields = Split(line);
    if (fields.size() == header.size() && fields[date] >= from) alter(header, fields);
    out << Join(fields) << "\n";
  }
}

void AddTo(std::string& field, int delta) { field = std::to_string(std::stoi(field) + delta); }

}  // namespace

void CopySample(const std::string& dir, const std::string& altered_from) {
  const fs::path source = fs::path(BACKCOURT_SOURCE_DIR) / "data" / "sample";
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(source)) {
    fs::copy_file(entry.path(), fs::path(dir) / entry.path().filename(),
                  fs::copy_options::overwrite_existing);
  }
  if (altered_from.empty()) return;
  const std::string players = "player_game_logs_2023-24.csv", teams = "team_game_logs_2023-24.csv";
  AlterCsv(source / players, fs::path(dir) / players, "GAME_DATE", altered_from,
           [](const auto& header, auto& fields) {
             AddTo(fields[IndexOf(header, "PTS")], 7);
             const int minutes = std::stoi(fields[IndexOf(header, "MIN")]);
             fields[IndexOf(header, "MIN")] = std::to_string(minutes > 30 ? minutes - 9 : minutes + 6);
           });
  AlterCsv(source / teams, fs::path(dir) / teams, "game_date", altered_from,
           [](const auto& header, auto& fields) {
             // 11 more points, consistent with the box: 4 two-pointers and 3 free throws.
             AddTo(fields[IndexOf(header, "pts_home")], 11);
             for (const char* column : {"fgm_home", "fga_home"}) AddTo(fields[IndexOf(header, column)], 4);
             for (const char* column : {"ftm_home", "fta_home"}) AddTo(fields[IndexOf(header, column)], 3);
             AddTo(fields[IndexOf(header, "fga_road")], 6);
           });
}

Db BuildSampleDb(const std::string& sample_dir, const std::string& db_path,
                 const std::string& first, const std::string& last) {
  fs::remove(db_path);
  auto db = OpenStore(db_path);
  EXPECT_TRUE(db) << db.error().message();
  auto ingested = Ingest(*db, {sample_dir}, {});
  EXPECT_TRUE(ingested) << ingested.error().message();
  BackfillOptions options;
  options.start_date = first;
  options.end_date = last;
  auto result = RunBackfill(*db, Registry::Default(), options);
  EXPECT_TRUE(result) << result.error().message();
  return std::move(*db);
}

}  // namespace backcourt::testing
