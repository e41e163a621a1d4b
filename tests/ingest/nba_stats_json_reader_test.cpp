#include "ingest/nba_stats_json_reader.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "json_test_util.h"

namespace backcourt {
namespace {

using testing::CountBy;
using testing::FindPlayer;
using testing::PlayerPoints;
using testing::TestFile;
using Json = nlohmann::json;

ParsedFile ReadOk(const InputFile& file) {
  NbaStatsJsonReader reader;
  EXPECT_TRUE(reader.Detect(file)) << file.path;
  auto parsed = reader.Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed.value_or(ParsedFile{});
}

const TeamBoxRow* FindTeam(const ParsedFile& file, const std::string& team) {
  for (const auto& row : file.team_box) {
    if (row.team == team) return &row;
  }
  return nullptr;
}

TEST(NbaStatsJsonReader, DetectsNbaStatsResponsesOnly) {
  NbaStatsJsonReader reader;
  for (const char* name :
       {"boxscoretraditionalv2_0022200552.json", "boxscoretraditionalv3_0022200552.json",
        "leaguegamelog_player_2025-03-15.json", "playergamelog_2025-26.json", "scoreboardv2.json",
        "scoreboardv2_b.json"}) {
    EXPECT_TRUE(reader.Detect(TestFile(name))) << name;
  }
  for (const char* name : {"box_scores_2024-01-15.json", "stats_player_box_scores.json",
                           "scheduleleaguev2_2024-25_sample.json"}) {
    EXPECT_FALSE(reader.Detect(TestFile(name))) << name;
  }
  EXPECT_FALSE(reader.Detect(InputFile{"x", ""}));
  EXPECT_FALSE(reader.Detect(InputFile{"x.csv", "GAME_ID,resultSets\n1,2\n"}));
}

// 0022200552: CHI at CLE, 2023-01-02, one overtime, Donovan Mitchell's 71 points.
TEST(NbaStatsJsonReader, BoxV2AndV3OfTheSameGameAgree) {
  const ParsedFile v2 = ReadOk(TestFile("boxscoretraditionalv2_0022200552.json"));
  const ParsedFile v3 = ReadOk(TestFile("boxscoretraditionalv3_0022200552.json"));
  for (const ParsedFile* file : {&v2, &v3}) {
    EXPECT_TRUE(file->rejects.empty());
    EXPECT_TRUE(file->schedule.empty());
    ASSERT_EQ(file->player_box.size(), 23u);
    ASSERT_EQ(file->team_box.size(), 2u);
    EXPECT_EQ(PlayerPoints(*file, "CLE"), 145);
    EXPECT_EQ(PlayerPoints(*file, "CHI"), 134);
    EXPECT_EQ((CountBy(file->player_box, &PlayerBoxRow::status)),
              (std::map<std::string, int>{{"active", 19}, {"dnp", 4}}));
    for (const auto& team : file->team_box) {
      EXPECT_EQ(team.game_id, "0022200552");
      EXPECT_EQ(team.minutes, 265.0);
      EXPECT_EQ(team.tov_basis, "players");
      EXPECT_EQ(team.opponent, team.team == "CLE" ? "CHI" : "CLE");
    }
    EXPECT_EQ(FindTeam(*file, "CLE")->stats.pts, 145);
    EXPECT_EQ(FindTeam(*file, "CLE")->stats.tov, 10);
    EXPECT_EQ(FindTeam(*file, "CHI")->stats.tov, 7);
    int starters = 0;
    for (const auto& row : file->player_box) starters += static_cast<int>(row.starter.value_or(0));
    EXPECT_EQ(starters, 10);

    const PlayerBoxRow* mitchell = FindPlayer(*file, "Donovan Mitchell");
    ASSERT_NE(mitchell, nullptr);
    EXPECT_EQ(mitchell->player_id, 1628378);
    EXPECT_EQ(mitchell->stats.pts, 71);
    EXPECT_DOUBLE_EQ(mitchell->minutes.value_or(0), 49.8);
    EXPECT_EQ(mitchell->starter, 1);
    EXPECT_EQ(mitchell->has_shooting, 1);
    EXPECT_EQ(mitchell->opponent, "CHI");

    const PlayerBoxRow* mobley = FindPlayer(*file, "Evan Mobley");
    ASSERT_NE(mobley, nullptr);
    EXPECT_EQ(mobley->status, "dnp");
    EXPECT_EQ(mobley->dnp_reason, "DNP - Injury/Illness");
    EXPECT_EQ(mobley->minutes, std::nullopt);
    EXPECT_EQ(mobley->stats.pts, std::nullopt);
    EXPECT_EQ(mobley->starter, 0);
  }
  // Only v3 says which side is home.
  EXPECT_EQ(FindTeam(v3, "CLE")->is_home, 1);
  EXPECT_EQ(FindTeam(v3, "CHI")->is_home, 0);
  EXPECT_EQ(FindPlayer(v3, "DeMar DeRozan")->is_home, 0);
  EXPECT_EQ(FindTeam(v2, "CLE")->is_home, std::nullopt);
  EXPECT_EQ(v3.player_box.back().line, 23);  // home then away players, counted through
}

TEST(NbaStatsJsonReader, DidNotDressCommentMeansInactive) {
  const ParsedFile file = ReadOk(TestFile("boxscoretraditionalv2_0022400561.json"));
  EXPECT_EQ(file.player_box.size(), 25u);
  EXPECT_EQ((CountBy(file.player_box, &PlayerBoxRow::status)),
            (std::map<std::string, int>{{"active", 17}, {"dnp", 7}, {"inactive", 1}}));
  const PlayerBoxRow* drummond = FindPlayer(file, "Andre Drummond");
  ASSERT_NE(drummond, nullptr);
  EXPECT_EQ(drummond->status, "inactive");
  EXPECT_EQ(drummond->dnp_reason, "DND - Injury/Illness");
  EXPECT_EQ(PlayerPoints(file, "NYK"), 125);
  EXPECT_EQ(PlayerPoints(file, "PHI"), 119);
  EXPECT_EQ(FindTeam(file, "NYK")->minutes, 265.0);
}

TEST(NbaStatsJsonReader, LeagueGameLogPlayerMode) {
  const ParsedFile file = ReadOk(TestFile("leaguegamelog_player_2025-03-15.json"));
  EXPECT_TRUE(file.rejects.empty());
  EXPECT_TRUE(file.team_box.empty());
  EXPECT_TRUE(file.schedule.empty());  // only team-mode logs give schedule rows
  ASSERT_EQ(file.player_box.size(), 157u);
  int64_t points = 0;
  for (const auto& row : file.player_box) {
    points += row.stats.pts.value_or(0);
    EXPECT_EQ(row.game_date, "2025-03-15");
    EXPECT_EQ(row.status, "active");  // MIN 0 in a game log: played, rounded down
  }
  EXPECT_EQ(points, 1814);
  const PlayerBoxRow* curry = FindPlayer(file, "Stephen Curry");
  ASSERT_NE(curry, nullptr);
  EXPECT_EQ(curry->game_id, "0022400974");
  EXPECT_EQ(curry->team, "GSW");
  EXPECT_EQ(curry->opponent, "NYK");
  EXPECT_EQ(curry->is_home, 1);
  EXPECT_EQ(curry->minutes, 35.0);
  EXPECT_EQ(curry->stats.tov, 3);
  EXPECT_EQ(curry->player_id, 201939);
  EXPECT_EQ(curry->starter, std::nullopt);
  EXPECT_EQ(FindPlayer(file, "Adam Flagler")->minutes, 0.0);
}

TEST(NbaStatsJsonReader, PlayerGameLogTakesTeamFromMatchup) {
  const ParsedFile file = ReadOk(TestFile("playergamelog_2025-26.json"));
  ASSERT_EQ(file.player_box.size(), 53u);
  EXPECT_TRUE(file.rejects.empty());
  for (const auto& row : file.player_box) {
    EXPECT_EQ(row.team, "CLE");
    EXPECT_EQ(row.player_id, 1628378);
  }
  EXPECT_EQ(PlayerPoints(file, "CLE"), 1527);
  const PlayerBoxRow& opener = file.player_box.back();  // newest first
  EXPECT_EQ(opener.game_id, "0022500003");
  EXPECT_EQ(opener.game_date, "2025-10-22");  // "Oct 22, 2025"
  EXPECT_EQ(opener.opponent, "NYK");
  EXPECT_EQ(opener.is_home, 0);
  EXPECT_EQ(opener.line, 53);
}

TEST(NbaStatsJsonReader, ScoreboardV2GivesOneScheduleRowPerGame) {
  // The 2026-02-22 scoreboard repeats BOS at LAL's GameHeader row three times.
  const ParsedFile upcoming = ReadOk(TestFile("scoreboardv2.json"));
  ASSERT_EQ(upcoming.schedule.size(), 11u);
  EXPECT_TRUE(upcoming.player_box.empty() && upcoming.team_box.empty());
  const ScheduleRow& first = upcoming.schedule.front();
  EXPECT_EQ(first.game_id, "0022500817");
  EXPECT_EQ(first.game_date, "2026-02-22");
  EXPECT_EQ(first.season, "2025-26");
  EXPECT_EQ(first.game_type, "regular_season");
  EXPECT_EQ(first.home_team, "OKC");
  EXPECT_EQ(first.away_team, "CLE");
  for (const auto& game : upcoming.schedule) {
    EXPECT_EQ(game.status, "scheduled");
    EXPECT_EQ(game.home_points, std::nullopt);
  }

  const ParsedFile played = ReadOk(TestFile("scoreboardv2_b.json"));
  ASSERT_EQ(played.schedule.size(), 11u);
  const ScheduleRow& hou_phi = played.schedule.front();
  EXPECT_EQ(hou_phi.game_id, "0022300555");
  EXPECT_EQ(hou_phi.status, "final");
  EXPECT_EQ(hou_phi.season, "2023-24");
  EXPECT_EQ(hou_phi.home_team, "PHI");
  EXPECT_EQ(hou_phi.away_team, "HOU");
  EXPECT_EQ(hou_phi.home_points, 124);
  EXPECT_EQ(hou_phi.away_points, 115);
}

TEST(NbaStatsJsonReader, LeagueGameLogTeamModePairsGamesIntoSchedule) {
  BC_LOAD_SHARED_OR_SKIP(file, "json/nba_stats/leaguegamelog_team_2025-26.json");
  const ParsedFile parsed = ReadOk(file);
  EXPECT_TRUE(parsed.rejects.empty());
  EXPECT_EQ(parsed.team_box.size(), 1688u);
  // 844 games; in 5 neutral-site games both MATCHUPs read "@", so no side is home and no
  // schedule row can be made from this file.
  EXPECT_EQ(parsed.schedule.size(), 839u);
  for (const auto& game : parsed.schedule) EXPECT_NE(game.game_id, "0022501229");  // NYK-ORL
  std::map<double, int> minutes;
  for (const auto& row : parsed.team_box) ++minutes[row.minutes.value_or(0)];
  EXPECT_EQ(minutes, (std::map<double, int>{{240, 1606}, {265, 66}, {290, 16}}));
  const ScheduleRow& opener = parsed.schedule.front();
  EXPECT_EQ(opener.game_id, "0022500002");
  EXPECT_EQ(opener.game_date, "2025-10-21");
  EXPECT_EQ(opener.home_team, "LAL");
  EXPECT_EQ(opener.away_team, "GSW");
  EXPECT_EQ(opener.home_points, 109);
  EXPECT_EQ(opener.away_points, 119);
  EXPECT_EQ(opener.status, "final");
  EXPECT_EQ(opener.season, "2025-26");
}

TEST(NbaStatsJsonReader, LeagueGameFinderWholeRegularSeason) {
  BC_LOAD_SHARED_OR_SKIP(file, "json/nba_stats/leaguegamefinder_team_2023-24.json");
  const ParsedFile parsed = ReadOk(file);
  EXPECT_TRUE(parsed.rejects.empty());
  EXPECT_EQ(parsed.team_box.size(), 2460u);
  ASSERT_EQ(parsed.schedule.size(), 1230u);
  EXPECT_EQ((CountBy(parsed.schedule, &ScheduleRow::game_type)),
            (std::map<std::string, int>{{"regular_season", 1230}}));
  int64_t points = 0;
  for (const auto& row : parsed.team_box) points += row.stats.pts.value_or(0);
  EXPECT_EQ(points, 280960);
  for (const auto& game : parsed.schedule) {
    if (game.game_id != "0022300555") continue;
    EXPECT_EQ(game.game_date, "2024-01-15");
    EXPECT_EQ(game.home_team, "PHI");
    EXPECT_EQ(game.home_points, 124);
    EXPECT_EQ(game.away_points, 115);
  }
}

Json LoadJson(const std::string& name) { return Json::parse(TestFile(name).content); }

TEST(NbaStatsJsonReader, BadRowsAreRejectedWithLineAndReason) {
  Json doc = LoadJson("boxscoretraditionalv2_0022200552.json");
  Json& players = doc["resultSets"][0]["rowSet"];
  players[0][2] = "XYZ";           // TEAM_ABBREVIATION
  players[1][9] = "30:75";         // MIN
  players[2][9] = "41.000000:12";  // old responses' minutes spelling
  const ParsedFile file = ReadOk(InputFile{"edited.json", doc.dump()});
  ASSERT_EQ(file.rejects.size(), 2u);
  EXPECT_EQ(file.rejects[0].line, 1);
  EXPECT_NE(file.rejects[0].reason.find("'XYZ'"), std::string::npos) << file.rejects[0].reason;
  EXPECT_EQ(file.rejects[1].line, 2);
  EXPECT_NE(file.rejects[1].reason.find("seconds"), std::string::npos) << file.rejects[1].reason;
  EXPECT_FALSE(file.rejects[1].content.empty());
  EXPECT_LE(file.rejects[1].content.size(), 200u);
  EXPECT_EQ(file.player_box.size(), 21u);
  EXPECT_DOUBLE_EQ(FindPlayer(file, "Nikola Vučević")->minutes.value_or(0), 41.2);
}

TEST(NbaStatsJsonReader, UnreadableFilesAreErrors) {
  NbaStatsJsonReader reader;
  const std::string whole = TestFile("boxscoretraditionalv2_0022400561.json").content;
  const std::map<std::string, std::string> cases = {
      {"truncated", whole.substr(0, whole.size() / 2)},
      {"empty", ""},
      {"blank", " \n"},
      {"binary", std::string("\x89PNG\r\n\x1a\n\0\0", 10)},
      {"not json", "GAME_ID,TEAM_ABBREVIATION\n0022400561,NYK\n"},
      {"unknown shape", R"({"resource": "x", "parameters": {}})"},
      {"unknown result sets", R"({"resultSets": [{"name": "Foo", "headers": [], "rowSet": []}]})"},
      {"ragged row", R"({"resultSets": [{"name": "LeagueGameLog", "headers": ["A"],
                         "rowSet": [[1, 2]]}]})"},
  };
  for (const auto& [label, content] : cases) {
    auto parsed = reader.Read(InputFile{label, content});
    ASSERT_FALSE(parsed.has_value()) << label;
    EXPECT_EQ(parsed.error().kind(), ErrorKind::kInvalidInput) << label;
    EXPECT_EQ(parsed.error().message().find('\n'), std::string::npos) << label;
    EXPECT_FALSE(parsed.error().message().empty()) << label;
  }
  auto truncated = reader.Read(InputFile{"t", whole.substr(0, whole.size() / 2)});
  EXPECT_NE(truncated.error().message().find("truncated"), std::string::npos)
      << truncated.error().message();
}

TEST(NbaStatsJsonReader, SingularResultSetIsAccepted) {
  Json doc = LoadJson("leaguegamelog_player_2025-03-15.json");
  Json single = {{"resource", "leaguegamelog"}, {"resultSet", doc["resultSets"][0]}};
  EXPECT_EQ(ReadOk(InputFile{"single.json", single.dump()}).player_box.size(), 157u);
}

TEST(NbaStatsJsonReader, Utf8ByteOrderMarkIsSkipped) {
  const InputFile file = TestFile("boxscoretraditionalv2_0022400561.json");
  EXPECT_EQ(ReadOk(InputFile{"bom.json", "\xEF\xBB\xBF" + file.content}).player_box.size(), 25u);
}

// ---- Fuzzing regressions (fuzz/fuzz_nba_stats_json, minimized inputs). Each crashed the
// reader or hit undefined behaviour (make fuzz, make check-sanitize); now an error or a reject.

// A LeagueGameLog in player mode with one row, its GAME_DATE and FTA given as JSON text.
std::string OneRowGameLog(const std::string& game_date, const std::string& fta) {
  return R"({"resultSets":[{"name":"LeagueGameLog","headers":["GAME_ID","GAME_DATE","MATCHUP",)"
         R"("PLAYER_ID","PLAYER_NAME","MIN","FGM","FGA","FG3M","FG3A","OREB","DREB","REB","AST",)"
         R"("STL","BLK","TOV","PF","FTM","FTA","PTS"],"rowSet":[["0022400561",")" +
         game_date + R"(","BKN vs. BOS",1,"A B","30:00",0,0,0,0,0,0,0,0,0,0,0,0,1,)" + fta +
         R"(,1]]}]})";
}

TEST(NbaStatsJsonReader, NumberBeyondDoubleRangeIsInvalidJsonNotACrash) {
  auto parsed =
      NbaStatsJsonReader().Read(InputFile{"fuzz.json", OneRowGameLog("2025-03-15", "1e400")});
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(parsed.error().message().find("number overflow"), std::string::npos)
      << parsed.error().message();
}

TEST(NbaStatsJsonReader, StatBeyondInt64IsNotTakenAsAnInteger) {
  ASSERT_EQ(ReadOk(InputFile{"ok.json", OneRowGameLog("2025-03-15", "6")}).player_box.size(), 1u);
  // A float beyond int64 (the fuzzer's), the largest unsigned, a float spelling.
  for (const std::string fta : {"88888888888888888882", "18446744073709551615", "1e20"}) {
    const ParsedFile file = ReadOk(InputFile{"fuzz.json", OneRowGameLog("2025-03-15", fta)});
    EXPECT_TRUE(file.player_box.empty()) << fta;
    ASSERT_EQ(file.rejects.size(), 1u) << fta;
    EXPECT_NE(file.rejects[0].reason.find("FTA"), std::string::npos) << file.rejects[0].reason;
  }
}

TEST(NbaStatsJsonReader, MonthNameDateWithTooManyDigitsIsRejected) {
  for (const std::string date : {"Apr 14, 99999999999", "Apr 99999999999, 2024"}) {
    const ParsedFile file = ReadOk(InputFile{"fuzz.json", OneRowGameLog(date, "6")});
    EXPECT_TRUE(file.player_box.empty()) << date;
    ASSERT_EQ(file.rejects.size(), 1u) << date;
    EXPECT_NE(file.rejects[0].reason.find("GAME_DATE"), std::string::npos)
        << file.rejects[0].reason;
  }
}

}  // namespace
}  // namespace backcourt
