// The did-not-play policy (ingest/played.h), from a table of cases: every reader of player
// lines, every way its format writes minutes, with and without a comment, with and without a
// stat. Each case is written as a one-player file of its format and read by that format's
// reader, so a reader that strays from the policy fails here.
#include "ingest/played.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/reader.h"
#include "reader_test_util.h"

namespace backcourt {
namespace {

enum class Format {
  kNbaJsonBoxV2,     // boxscoretraditionalv2: PlayerStats + TeamStats, MIN "34:12", COMMENT
  kNbaJsonBoxV3,     // boxscoretraditionalv3: minutes "PT34M12.00S", comment
  kNbaJsonGameLog,   // leaguegamelog / playergamelog: MIN a number, no comment
  kNbaCsvBoxScore,   // boxscoretraditional export: no MATCHUP, COMMENT
  kNbaCsvGameLog,    // playergamelog CSV: MATCHUP, MIN
  kNbaCsvGameLogs,   // playergamelogs CSV: MIN and MIN_SEC (MIN written from the MM:SS here)
  kNbaCsvPlayerLogs, // player_game_logs: no GAME_ID, reduced columns
  kBbrefCsv,         // Basketball-Reference: MP "34:12" or a note in its place
  kBdlBoxScores,     // balldontlie box_scores: min "34", "00"
  kBdlStats,         // balldontlie stats
};

struct PlayedCase {
  Format format;
  std::string minutes;  // as the format writes it; JSON formats: a JSON value ("null", "\"\"")
  std::string comment;  // "" for none (formats without a comment column have only "")
  bool no_stats;        // every stat 0, else 2 points on 1-of-2 shooting
  std::string expected; // active, dnp, inactive
};

// "PTS,FGM,FGA,FG3M,FG3A,FTM,FTA,OREB,DREB,REB,AST,STL,BLK,TOV,PF,PLUS_MINUS" values.
std::vector<int> Stats(bool no_stats) {
  if (no_stats) return std::vector<int>(16, 0);
  return {2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
}

std::string Join(const std::vector<int>& values, const char* separator) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += separator;
    out += std::to_string(values[i]);
  }
  return out;
}

std::string JsonString(const std::string& text) { return std::string("\"").append(text) + "\""; }

// "MM:SS" -> decimal minutes text, as MIN beside MIN_SEC; "" stays "".
std::string DecimalOf(const std::string& clock) {
  if (clock.empty()) return "";
  const size_t colon = clock.find(':');
  return std::to_string(std::stoi(clock.substr(0, colon)) + std::stoi(clock.substr(colon + 1)) / 60.0);
}

InputFile Write(const PlayedCase& c) {
  const std::string s = Join(Stats(c.no_stats), ",");
  const std::string header_stats = "PTS,FGM,FGA,FG3M,FG3A,FTM,FTA,OREB,DREB,REB,AST,STL,BLK,";
  switch (c.format) {
    case Format::kNbaJsonBoxV2: {
      const std::string stat_headers =
          R"("PTS","FGM","FGA","FG3M","FG3A","FTM","FTA","OREB","DREB","REB","AST","STL","BLK","TO","PF","PLUS_MINUS")";
      const std::string team_stats = "2,1,2,0,0,0,0,0,0,0,0,0,0,0,0,0";
      return {"box.json",
              R"({"resultSets":[{"name":"PlayerStats","headers":["GAME_ID","TEAM_ABBREVIATION","PLAYER_ID","PLAYER_NAME","START_POSITION","COMMENT","MIN",)" +
                  stat_headers + R"(],"rowSet":[["0022400561","BOS",1,"Al Bo","",)" +
                  JsonString(c.comment) + "," + c.minutes + "," + s +
                  R"(]]},{"name":"TeamStats","headers":["GAME_ID","TEAM_ABBREVIATION","MIN",)" +
                  stat_headers + R"(],"rowSet":[["0022400561","BOS","240:00",)" + team_stats +
                  R"(],["0022400561","NYK","240:00",)" + team_stats + "]]}]}"};
    }
    case Format::kNbaJsonBoxV3: {
      const std::vector<int> v = Stats(c.no_stats);
      const char* keys[] = {"points", "fieldGoalsMade", "fieldGoalsAttempted", "threePointersMade",
                            "threePointersAttempted", "freeThrowsMade", "freeThrowsAttempted",
                            "reboundsOffensive", "reboundsDefensive", "reboundsTotal", "assists",
                            "steals", "blocks", "turnovers", "foulsPersonal", "plusMinusPoints"};
      std::string stats = "\"minutes\":" + c.minutes;
      for (size_t i = 0; i < v.size(); ++i) {
        stats.append(",\"").append(keys[i]).append("\":").append(std::to_string(v[i]));
      }
      return {"box3.json",
              R"({"boxScoreTraditional":{"gameId":"0022400561","homeTeam":{"teamTricode":"BOS","statistics":{"minutes":"240:00"},"players":[{"personId":1,"firstName":"Al","familyName":"Bo","position":"","comment":)" +
                  JsonString(c.comment) + R"(,"statistics":{)" + stats +
                  R"(}}]},"awayTeam":{"teamTricode":"NYK","statistics":{"minutes":"240:00"},"players":[]}}})"};
    }
    case Format::kNbaJsonGameLog:
      return {"log.json",
              R"({"resultSets":[{"name":"LeagueGameLog","headers":["PLAYER_ID","PLAYER_NAME","TEAM_ABBREVIATION","GAME_ID","GAME_DATE","MATCHUP","MIN","PTS","FGM","FGA","FG3M","FG3A","FTM","FTA","OREB","DREB","REB","AST","STL","BLK","TOV","PF","PLUS_MINUS"],"rowSet":[[1,"Al Bo","BOS","0022400561","2025-01-15","BOS vs. NYK",)" +
                  c.minutes + "," + s + "]]}]}"};
    case Format::kNbaCsvBoxScore:
      return {"box.csv", "GAME_ID,TEAM_ABBREVIATION,PLAYER_ID,PLAYER_NAME,START_POSITION,COMMENT,MIN," +
                             header_stats + "TO,PF,PLUS_MINUS\n0022400561,BOS,1,Al Bo,," +
                             c.comment + "," + c.minutes + "," + s + "\n"};
    case Format::kNbaCsvGameLog:
      return {"log.csv", "Player_ID,Game_ID,GAME_DATE,MATCHUP,PLAYER_NAME,MIN," + header_stats +
                             "TOV,PF,PLUS_MINUS\n1,0022400561,\"Jan 15, 2025\",BOS vs. NYK,Al Bo," +
                             c.minutes + "," + s + "\n"};
    case Format::kNbaCsvGameLogs:
      return {"logs.csv", "PLAYER_ID,PLAYER_NAME,TEAM_ABBREVIATION,GAME_ID,GAME_DATE,MATCHUP,MIN," +
                              header_stats + "TOV,PF,PLUS_MINUS,MIN_SEC\n1,Al Bo,BOS,0022400561," +
                              "2025-01-15T00:00:00,BOS vs. NYK," + DecimalOf(c.minutes) + "," + s +
                              "," + c.minutes + "\n"};
    case Format::kNbaCsvPlayerLogs: {
      const std::vector<int> v = Stats(c.no_stats);
      return {"player_game_logs.csv",
              "PLAYER_ID,PLAYER_NAME,TEAM_ABBREVIATION,GAME_DATE,MATCHUP,WL,MIN,PTS,REB,AST,STL,"
              "BLK,TOV,PLUS_MINUS\n1,Al Bo,BOS,2025-01-15,BOS vs. NYK,W," +
                  c.minutes + "," + std::to_string(v[0]).append(",0,0,0,0,0,0\n")};
    }
    case Format::kBbrefCsv:
      return {"bbref.csv", "Player,Tm,Opp,MP,PTS,FG,FGA,3P,3PA,FT,FTA,ORB,DRB,TRB,AST,STL,BLK,TOV,"
                           "PF,+/-,Date\nAl Bo,BOS,NYK," +
                               c.minutes + "," + s + ",15/01/2025\n"};
    case Format::kBdlBoxScores:
    case Format::kBdlStats: {
      const std::vector<int> v = Stats(c.no_stats);
      const char* keys[] = {"pts", "fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb",
                            "dreb", "reb", "ast", "stl", "blk", "turnover", "pf", "plus_minus"};
      std::string player = R"({"player":{"first_name":"Al","last_name":"Bo"},"min":)" + c.minutes;
      for (size_t i = 0; i < v.size(); ++i) {
        player.append(",\"").append(keys[i]).append("\":").append(std::to_string(v[i]));
      }
      if (c.format == Format::kBdlBoxScores) {
        return {"box_scores.json",
                R"({"data":[{"date":"2025-01-15","home_team":{"abbreviation":"BOS","players":[)" +
                    player + R"(}]},"visitor_team":{"abbreviation":"NYK","players":[]}}]})"};
      }
      return {"stats.json",
              R"({"data":[)" + player +
                  R"(,"team":{"id":2,"abbreviation":"BOS"},"game":{"date":"2025-01-15","home_team_id":2,"visitor_team_id":20}}],"meta":{"per_page":25}})"};
    }
  }
  return {};
}

std::string Name(Format format) {
  switch (format) {
    case Format::kNbaJsonBoxV2: return "nba-stats-json boxscoretraditionalv2";
    case Format::kNbaJsonBoxV3: return "nba-stats-json boxscoretraditionalv3";
    case Format::kNbaJsonGameLog: return "nba-stats-json game log";
    case Format::kNbaCsvBoxScore: return "nba-stats-csv box score";
    case Format::kNbaCsvGameLog: return "nba-stats-csv playergamelog";
    case Format::kNbaCsvGameLogs: return "nba-stats-csv playergamelogs";
    case Format::kNbaCsvPlayerLogs: return "nba-stats-csv player_game_logs";
    case Format::kBbrefCsv: return "bbref-csv";
    case Format::kBdlBoxScores: return "bdl-json box_scores";
    case Format::kBdlStats: return "bdl-json stats";
  }
  return "";
}

// The one reader that detects the file: the case also checks the format is the one meant.
const PlayerBoxRow* ReadOnePlayer(const PlayedCase& c, ParsedFile& parsed) {
  const InputFile file = Write(c);
  for (const auto& reader : MakeReaders()) {
    if (!reader->Detect(file)) continue;
    parsed = testing::ReadOk(*reader, file);
    break;
  }
  EXPECT_EQ(parsed.player_box.size(), 1u) << testing::Rejects(parsed) << file.content;
  return parsed.player_box.size() == 1 ? &parsed.player_box[0] : nullptr;
}

using F = Format;
const std::vector<PlayedCase> kCases = {
    // A box score lists the whole roster: zero minutes and no stat is a player who never
    // checked in; a stat (a foul, a point) in zero minutes is an appearance of seconds.
    {F::kNbaJsonBoxV2, R"("34:12")", "", false, "active"},
    {F::kNbaJsonBoxV2, R"("0:00")", "", true, "dnp"},
    {F::kNbaJsonBoxV2, R"("0:00")", "", false, "active"},
    {F::kNbaJsonBoxV2, R"("0:00")", "DNP - Coach's Decision", true, "dnp"},
    {F::kNbaJsonBoxV2, "null", "DNP - Coach's Decision", true, "dnp"},
    {F::kNbaJsonBoxV2, "null", "DND - Injury/Illness", true, "inactive"},
    {F::kNbaJsonBoxV2, "null", "NWT - Personal", true, "inactive"},
    {F::kNbaJsonBoxV2, "null", "", true, "dnp"},
    {F::kNbaJsonBoxV2, R"("")", "", true, "dnp"},
    {F::kNbaJsonBoxV3, R"("PT34M12.00S")", "", false, "active"},
    {F::kNbaJsonBoxV3, R"("PT00M00.00S")", "", true, "dnp"},
    {F::kNbaJsonBoxV3, R"("PT00M00.00S")", "", false, "active"},
    {F::kNbaJsonBoxV3, R"("")", "DNP - Coach's Decision", true, "dnp"},
    {F::kNbaJsonBoxV3, R"("")", "INACTIVE - Injury", true, "inactive"},
    {F::kNbaCsvBoxScore, "34:12", "", false, "active"},
    {F::kNbaCsvBoxScore, "0:00", "", true, "dnp"},  // was active from CSV, dnp from JSON
    {F::kNbaCsvBoxScore, "0", "", true, "dnp"},
    {F::kNbaCsvBoxScore, "0:00", "", false, "active"},
    {F::kNbaCsvBoxScore, "0:00", "DNP - Coach's Decision", true, "dnp"},
    {F::kNbaCsvBoxScore, "", "DNP - Coach's Decision", true, "dnp"},
    {F::kNbaCsvBoxScore, "", "DND - Injury/Illness", true, "inactive"},  // was dnp from CSV
    {F::kNbaCsvBoxScore, "", "", true, "dnp"},
    {F::kBdlBoxScores, R"("34")", "", false, "active"},
    {F::kBdlBoxScores, R"("00")", "", true, "dnp"},
    {F::kBdlBoxScores, R"("0:00")", "", true, "dnp"},
    {F::kBdlBoxScores, R"("00")", "", false, "active"},
    {F::kBdlBoxScores, R"("")", "", true, "dnp"},
    {F::kBdlBoxScores, "null", "", true, "dnp"},
    {F::kBdlStats, R"("12:30")", "", false, "active"},
    {F::kBdlStats, R"("00")", "", true, "dnp"},
    {F::kBdlStats, R"("0")", "", false, "active"},
    {F::kBdlStats, "null", "", true, "dnp"},
    // A game log lists only games the player appeared in: zero minutes is seconds on the
    // floor, with or without a stat; only missing minutes (or a note) are not played.
    {F::kNbaJsonGameLog, "35", "", false, "active"},
    {F::kNbaJsonGameLog, "0", "", true, "active"},
    {F::kNbaJsonGameLog, "0", "", false, "active"},
    {F::kNbaJsonGameLog, "null", "", true, "dnp"},
    {F::kNbaCsvGameLog, "35", "", false, "active"},
    {F::kNbaCsvGameLog, "0", "", true, "active"},
    {F::kNbaCsvGameLog, "", "", true, "dnp"},
    {F::kNbaCsvGameLogs, "20:04", "", false, "active"},
    {F::kNbaCsvGameLogs, "0:00", "", true, "active"},
    {F::kNbaCsvGameLogs, "0:05", "", true, "active"},
    {F::kNbaCsvGameLogs, "", "", true, "dnp"},
    {F::kNbaCsvPlayerLogs, "31", "", false, "active"},
    {F::kNbaCsvPlayerLogs, "0", "", true, "active"},
    {F::kNbaCsvPlayerLogs, "-", "", true, "dnp"},
    {F::kBbrefCsv, "34:12", "", false, "active"},
    {F::kBbrefCsv, "0:00", "", true, "active"},
    {F::kBbrefCsv, "0.0", "", true, "active"},
    {F::kBbrefCsv, "", "", true, "dnp"},
    {F::kBbrefCsv, "Did Not Play", "", true, "dnp"},
    {F::kBbrefCsv, "Inactive", "", true, "inactive"},
    {F::kBbrefCsv, "Did Not Dress", "", true, "inactive"},
    {F::kBbrefCsv, "Not With Team", "", true, "inactive"},
    {F::kBbrefCsv, "Player Suspended", "", true, "inactive"},
};

TEST(DidNotPlayPolicy, EveryFormatFollowsItsListingsRule) {
  for (const PlayedCase& c : kCases) {
    SCOPED_TRACE(Name(c.format) + " minutes " + c.minutes + " comment '" + c.comment + "'" +
                 (c.no_stats ? " no stats" : " 2 points"));
    ParsedFile parsed;
    const PlayerBoxRow* row = ReadOnePlayer(c, parsed);
    if (row == nullptr) continue;
    EXPECT_EQ(parsed.format, std::string(Name(c.format).substr(0, Name(c.format).find(' '))));
    EXPECT_EQ(row->status, c.expected);
    if (c.expected == "active") {
      EXPECT_TRUE(row->minutes.has_value());
      EXPECT_EQ(row->stats.pts, c.no_stats ? 0 : 2);
      EXPECT_EQ(row->dnp_reason, "");
    } else {
      EXPECT_FALSE(row->minutes.has_value());
      EXPECT_FALSE(row->stats.pts.has_value());
      // The reason is the comment, or the note written in place of the minutes.
      EXPECT_EQ(row->dnp_reason, c.format == F::kBbrefCsv ? c.minutes : c.comment);
    }
  }
}

// Each format is in the table, and each listing's distinguishing case (zero minutes, no
// comment, no stat) is in it for every format that can write zero minutes.
TEST(DidNotPlayPolicy, TheTableCoversEveryFormat) {
  for (int f = 0; f <= static_cast<int>(F::kBdlStats); ++f) {
    const bool zero_case = std::any_of(kCases.begin(), kCases.end(), [&](const PlayedCase& c) {
      return c.format == static_cast<F>(f) && c.comment.empty() && c.no_stats &&
             c.minutes.find_first_of("123456789") == std::string::npos &&
             c.minutes.find('0') != std::string::npos;
    });
    EXPECT_TRUE(zero_case) << Name(static_cast<F>(f));
  }
}

TEST(SaysInactive, UnavailableWordsInAnyCase) {
  for (const char* comment : {"INACTIVE - Injury", "DND - Injury/Illness", "NWT - Personal",
                              "Inactive", "Did Not Dress", "Not With Team", "Player Suspended",
                              "nwt - suspended"}) {
    EXPECT_TRUE(SaysInactive(comment)) << comment;
  }
  for (const char* comment : {"", "DNP - Coach's Decision", "Did Not Play"}) {
    EXPECT_FALSE(SaysInactive(comment)) << comment;
  }
}

}  // namespace
}  // namespace backcourt
