// backcourt_scale_gen: data for the scale benchmark. Reads the real team game logs
// (team_game_logs_<season>.csv, with team minutes from box_score_advanced_<season>.csv) and
// writes, per season, NBA.com boxscoretraditional player rows (nba-stats-csv) whose sums
// are exactly each team's box score. Deterministic: the same seed gives the same files.
//
//   backcourt_scale_gen --out DIR [--seasons N] [--data DIR] [--seed S]
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ingest/reader.h"
#include "scale_gen/box_score_synth.h"
#include "scale_gen/roster.h"

namespace backcourt::scale {
namespace {

namespace fs = std::filesystem;

struct GenOptions {
  std::string data = "../shared/data/nba/team_games";  // folder of the real team game logs
  std::string out;                                     // folder for player_box_<season>.csv
  int seasons = 0;                                     // the last N seasons; 0 = all
  uint64_t seed = 20'260'207;                          // fixed: the files are reproducible
};

struct SeasonCount {
  int64_t games = 0, team_games = 0, active = 0, dnp = 0, assumed_minutes = 0;
};

constexpr const char* kHeader =
    "GAME_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,START_POSITION,COMMENT,MIN,FGM,FGA,FG_PCT,"
    "FG3M,FG3A,FG3_PCT,FTM,FTA,FT_PCT,OREB,DREB,REB,AST,STL,BLK,TO,PF,PTS,PLUS_MINUS\n";

Result<ParsedFile> ReadWith(const Reader& reader, const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorKind::kIo, fmt::format("cannot open {}", path.string()));
  std::ostringstream content;
  content << in.rdbuf();
  return reader.Read(InputFile{path.string(), content.str()});
}

// The seasons of the team game logs in `folder`, oldest first, the last `count` of them.
std::vector<std::string> ListSeasons(const std::string& folder, int count) {
  constexpr std::string_view kPrefix = "team_game_logs_", kSuffix = ".csv";
  std::vector<std::string> seasons;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(kPrefix) && name.ends_with(kSuffix)) {
      seasons.push_back(name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size()));
    }
  }
  std::sort(seasons.begin(), seasons.end());
  if (count > 0 && static_cast<size_t>(count) < seasons.size()) {
    seasons.erase(seasons.begin(), seasons.end() - count);
  }
  return seasons;
}

std::string Pct(int64_t made, int64_t attempted) {
  return attempted == 0 ? "" : fmt::format("{:.3f}", static_cast<double>(made) / attempted);
}

void AppendLine(std::string& out, const TeamGame& game, const PlayerLine& p) {
  const PlayerProfile& who = *p.player;
  if (!p.active) {
    // MIN through PLUS_MINUS (20 columns) are empty for a player who did not play.
    fmt::format_to(std::back_inserter(out), "{},{},{},{},,{}{:,>20}\n", game.game_id, game.team,
                   who.player_id, who.name, p.comment, "");
    return;
  }
  fmt::format_to(std::back_inserter(out), "{},{},{},{},{},,{}:{:02},", game.game_id, game.team,
                 who.player_id, who.name, p.start_position, p.seconds / 60, p.seconds % 60);
  fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{},", p.fgm(), p.fga(),
                 Pct(p.fgm(), p.fga()), p.fg3m, p.fg3a, Pct(p.fg3m, p.fg3a), p.ftm, p.fta,
                 Pct(p.ftm, p.fta));
  fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{},{}\n", p.oreb, p.dreb,
                 p.oreb + p.dreb, p.ast, p.stl, p.blk, p.tov, p.pf, p.points(), p.plus_minus);
}

// Team minutes per (game id, team) from the advanced file; missing -> 240 is assumed.
Result<std::map<std::string, double>> LoadTeamMinutes(const fs::path& path) {
  std::map<std::string, double> minutes;
  if (!fs::exists(path)) return minutes;
  BC_ASSIGN_OR_RETURN(const ParsedFile parsed, ReadWith(*MakeTeamAdvancedCsvReader(), path));
  for (const TeamBoxRow& row : parsed.team_box) {
    if (row.minutes) minutes[row.game_id + row.team] = *row.minutes;
  }
  return minutes;
}

// The file must go through ingest whole: every row read back by the nba-stats-csv reader.
Status CheckReadsBack(const std::string& content, const SeasonCount& count) {
  BC_ASSIGN_OR_RETURN(const ParsedFile parsed,
                      MakeNbaStatsCsvReader()->Read(InputFile{"generated", content}));
  if (!parsed.rejects.empty()) {
    return InvalidInput(fmt::format("the reader rejects generated line {}: {}",
                                    parsed.rejects[0].line, parsed.rejects[0].reason));
  }
  if (static_cast<int64_t>(parsed.player_box.size()) != count.active + count.dnp) {
    return InvalidInput(fmt::format("the reader reads {} rows of {}", parsed.player_box.size(),
                                    count.active + count.dnp));
  }
  return {};
}

Result<SeasonCount> GenerateSeason(const GenOptions& options, const std::string& season) {
  const fs::path folder(options.data);
  BC_ASSIGN_OR_RETURN(
      const ParsedFile logs,
      ReadWith(*MakeTeamLogCsvReader(), folder / fmt::format("team_game_logs_{}.csv", season)));
  BC_ASSIGN_OR_RETURN(const auto minutes,
                      LoadTeamMinutes(folder / fmt::format("box_score_advanced_{}.csv", season)));
  if (!logs.rejects.empty()) {
    fmt::print(stderr, "{}: {} team log rows rejected by the reader (no players for them)\n",
               season, logs.rejects.size());
  }
  std::set<std::string> teams;
  std::map<std::string, int64_t> points;  // game id + team -> points, for margins
  for (const TeamBoxRow& row : logs.team_box) {
    teams.insert(row.team);
    points[row.game_id + row.team] = row.stats.pts.value_or(0);
  }
  std::map<std::string, Roster> rosters;
  for (const std::string& team : teams) {
    const int index = static_cast<int>(rosters.size());
    rosters.emplace(team, MakeRoster(options.seed, season, team, index));
  }
  SeasonCount count;
  count.games = static_cast<int64_t>(logs.schedule.size());
  std::string out = kHeader;
  out.reserve(logs.team_box.size() * kRosterSize * 80);
  for (const TeamBoxRow& row : logs.team_box) {
    TeamGame game{row.game_id, row.team, 240 * 60, row.stats, 0};
    auto found = minutes.find(row.game_id + row.team);
    if (found == minutes.end())
      ++count.assumed_minutes;
    else
      game.team_seconds = std::llround(found->second * 60);
    game.margin = row.stats.pts.value_or(0) - points[row.game_id + row.opponent];
    BC_ASSIGN_OR_RETURN(const auto lines,
                        SynthesizeTeamGame(options.seed, game, rosters.at(row.team)));
    BC_RETURN_IF_ERROR(CheckTeamGame(game, lines));
    for (const PlayerLine& line : lines) {
      AppendLine(out, game, line);
      ++(line.active ? count.active : count.dnp);
    }
    ++count.team_games;
  }
  BC_RETURN_IF_ERROR(CheckReadsBack(out, count));
  const fs::path target = fs::path(options.out) / fmt::format("player_box_{}.csv", season);
  std::ofstream file(target, std::ios::binary);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!file) return Fail(ErrorKind::kIo, fmt::format("cannot write {}", target.string()));
  return count;
}

int Run(const GenOptions& options) {
  std::error_code ec;
  fs::create_directories(options.out, ec);
  if (ec) {
    fmt::print(stderr, "backcourt_scale_gen: cannot create {}: {}\n", options.out, ec.message());
    return 1;
  }
  const std::vector<std::string> seasons = ListSeasons(options.data, options.seasons);
  if (seasons.empty()) {
    fmt::print(stderr, "backcourt_scale_gen: no team_game_logs_*.csv in {}\n", options.data);
    return 1;
  }
  SeasonCount total;
  for (const std::string& season : seasons) {
    auto count = GenerateSeason(options, season);
    if (!count) {
      fmt::print(stderr, "backcourt_scale_gen: {}: {}\n", season, count.error().message());
      return 1;
    }
    fmt::print(
        "{}: {} games, {} team-games, {} player rows ({} active, {} dnp){}\n", season, count->games,
        count->team_games, count->active + count->dnp, count->active, count->dnp,
        count->assumed_minutes ? fmt::format(", {} team-games without team minutes (240 assumed)",
                                             count->assumed_minutes)
                               : "");
    total.games += count->games;
    total.team_games += count->team_games;
    total.active += count->active;
    total.dnp += count->dnp;
  }
  fmt::print("total: {} seasons, {} games, {} team-games, {} player rows ({} active) in {}\n",
             seasons.size(), total.games, total.team_games, total.active + total.dnp, total.active,
             options.out);
  return 0;
}

}  // namespace
}  // namespace backcourt::scale

int main(int argc, char** argv) {
  backcourt::scale::GenOptions options;
  CLI::App app{"Player box scores consistent with the real team game logs (scale benchmark)"};
  app.add_option("--out", options.out, "Output folder (one player_box_<season>.csv per season)")
      ->required();
  app.add_option("--seasons", options.seasons, "The last N seasons (default: all)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--data", options.data, "Folder of team_game_logs_<season>.csv")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Random seed")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  return backcourt::scale::Run(options);
}
