#include "ml/sample_db.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

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

namespace {

struct CsvRows {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  const std::string& At(const std::vector<std::string>& row, const std::string& column) const {
    return row[IndexOf(header, column)];
  }
};

CsvRows ReadCsv(const fs::path& path) {
  CsvRows csv;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  csv.header = Split(line);
  while (std::getline(in, line)) {
    auto fields = Split(line);
    if (fields.size() == csv.header.size()) csv.rows.push_back(std::move(fields));
  }
  return csv;
}

nlohmann::json Outcome(const std::string& name, double point, const std::string& player = "") {
  nlohmann::json o = {{"name", name}, {"price", -110}, {"point", point}};
  if (!player.empty()) o["description"] = player;
  return o;
}

struct LineGame {
  std::string game_id, date, home, away;  // full team names
  double spread_home = 0, total = 0;
  std::vector<std::pair<std::string, double>> players;  // name, line
};

// One live response: every game as an event, one book, its markets captured at `time` on
// the game's date; `shift` moves every value (the in-play snapshot).
void WriteSnapshot(const fs::path& path, const std::vector<LineGame>& games, const char* time,
                   double shift) {
  nlohmann::json events = nlohmann::json::array();
  for (const LineGame& g : games) {
    const std::string captured = g.date + "T" + time;
    nlohmann::json props = nlohmann::json::array();
    for (const auto& [name, line] : g.players) {
      props.push_back(Outcome("Over", line + shift, name));
      props.push_back(Outcome("Under", line + shift, name));
    }
    nlohmann::json markets = nlohmann::json::array(
        {{{"key", "spreads"}, {"last_update", captured},
          {"outcomes", {Outcome(g.home, g.spread_home + shift), Outcome(g.away, -g.spread_home - shift)}}},
         {{"key", "totals"}, {"last_update", captured},
          {"outcomes", {Outcome("Over", g.total + shift), Outcome("Under", g.total + shift)}}},
         {{"key", "player_points"}, {"last_update", captured}, {"outcomes", props}}});
    events.push_back({{"id", "evt" + g.game_id}, {"sport_key", "basketball_nba"},
                      {"sport_title", "NBA"}, {"commence_time", g.date + "T23:30:00Z"},
                      {"home_team", g.home}, {"away_team", g.away},
                      {"bookmakers", {{{"key", "draftkings"}, {"title", "DraftKings"},
                                       {"last_update", captured}, {"markets", markets}}}}});
  }
  std::ofstream(path) << events.dump();
}

}  // namespace

SampleLines WriteSampleLines(const std::string& dir, const std::string& first,
                             const std::string& last) {
  const fs::path source = fs::path(BACKCOURT_SOURCE_DIR) / "data" / "sample";
  const CsvRows teams = ReadCsv(source / "team_game_logs_2023-24.csv");
  const CsvRows players = ReadCsv(source / "player_game_logs_2023-24.csv");
  std::vector<LineGame> games;
  std::map<std::pair<std::string, std::string>, size_t> by_team;  // (date, tricode) -> game
  SampleLines lines;
  for (const auto& row : teams.rows) {
    const std::string& date = teams.At(row, "game_date");
    if (date < first || date > last) continue;
    LineGame g{teams.At(row, "game_id"), date, teams.At(row, "team_name_home"),
               teams.At(row, "team_name_road"), -1.5 - static_cast<double>(games.size() % 9),
               210.5 + static_cast<double>(games.size() % 25), {}};
    by_team[{date, teams.At(row, "team_abbreviation_home")}] = games.size();
    by_team[{date, teams.At(row, "team_abbreviation_road")}] = games.size();
    lines.games[g.game_id] = {g.spread_home, g.total};
    games.push_back(std::move(g));
  }
  for (const auto& row : players.rows) {
    auto game = by_team.find({players.At(row, "GAME_DATE"), players.At(row, "TEAM_ABBREVIATION")});
    const std::string &minutes = players.At(row, "MIN"), &points = players.At(row, "PTS");
    if (game == by_team.end() || minutes.empty() || points.empty() || std::stod(minutes) <= 0) {
      continue;
    }
    // A line that knows the result: a model given it must lean on it.
    const double line = std::stod(points) + 0.5;
    const std::string& name = players.At(row, "PLAYER_NAME");
    games[game->second].players.emplace_back(name, line);
    lines.players[{games[game->second].game_id, name}] = line;
  }
  fs::create_directories(dir);
  WriteSnapshot(fs::path(dir) / "odds_pre_tip.json", games, "18:00:00Z", 0);
  WriteSnapshot(fs::path(dir) / "odds_in_play.json", games, "23:45:00Z", 9);
  return lines;
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
