// The checks every reader applies to its rows, and the text bounds readers keep to.
#include "ingest/row_checks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/csv.h"
#include "core/text.h"

namespace backcourt {
namespace {

std::string Reason(const Status& status) { return status ? "ok" : status.error().message(); }

struct DateCase {
  const char* date;
  const char* game_id;
  const char* expected;  // "ok" or the reason
};

TEST(CheckGameDate, SeasonWindows) {
  const DateCase cases[] = {
      {"1946-11-01", "", "ok"},  // the first BAA game
      {"1946-10-31", "", "game date 1946-10-31 is in no NBA season (1946-11-01 to 2046-10-31)"},
      {"2046-11-01", "", "game date 2046-11-01 is in no NBA season (1946-11-01 to 2046-10-31)"},
      {"2024-07-15", "", "ok"},            // no id: any date of a season
      {"2020-07-30", "0021901231", "ok"},  // 2019-20 regular season, restarted in July
      {"2020-10-11", "0041900406", "ok"},  // the bubble finals' last game
      {"2020-12-22", "0022000001", "ok"},  // 2020-21 opened in December
      {"2020-11-01", "0041900406",
       "game date 2020-11-01 is outside season 2019-20 of game 0041900406 (2019-08-01 to "
       "2020-10-31)"},
      {"2021-07-20", "0042000406", "ok"},  // the 2020-21 finals' last game
      {"2020-10-31", "0012000001",
       "game date 2020-10-31 is outside season 2020-21 of game 0012000001 (2020-11-01 to "
       "2021-07-31)"},
      {"2023-09-01", "0012300001", "ok"},  // preseason
      {"2023-07-31", "0022300061",
       "game date 2023-07-31 is outside season 2023-24 of game 0022300061 (2023-08-01 to "
       "2024-07-31)"},
      {"2024-08-01", "0042300405",
       "game date 2024-08-01 is outside season 2023-24 of game 0042300405 (2023-08-01 to "
       "2024-07-31)"},
      {"1997-02-09", "0039600001", "ok"},  // ids of the 1900s: 96 is 1996-97
      {"2024-01-15", "1022300001", "ok"},  // not league "00": no season in the id
      {"", "0022300061", "ok"},            // no date: nothing to check
  };
  for (const DateCase& c : cases) {
    EXPECT_EQ(Reason(CheckGameDate(c.date, c.game_id)), c.expected) << c.date << " " << c.game_id;
  }
}

TEST(CheckBoxStats, CountsShotsAndPoints) {
  BoxStats s;  // LeBron James at DEN, 2023-10-24
  s.pts = 21;
  s.fgm = 10;
  s.fga = 16;
  s.fg3m = 1;
  s.fg3a = 4;
  s.ftm = 0;
  s.fta = 1;
  EXPECT_EQ(Reason(CheckBoxStats(s)), "ok");
  BoxStats no_shooting;  // reduced game logs: points alone are not checked against shots
  no_shooting.pts = 250;
  EXPECT_EQ(Reason(CheckBoxStats(no_shooting)), "ok");
  BoxStats bad = s;
  bad.pts = 22;
  EXPECT_EQ(Reason(CheckBoxStats(bad)), "PTS 22 is not 2*FGM + FG3M + FTM = 21");
  bad = s;
  bad.fg3a = 17;
  EXPECT_EQ(Reason(CheckBoxStats(bad)), "FG3A 17 > FGA 16");
  bad = s;
  bad.blk = -1;
  EXPECT_EQ(Reason(CheckBoxStats(bad)), "negative BLK -1");
}

TEST(CheckRow, PlayerNamesAreBoundedUtf8) {
  PlayerBoxRow row;
  row.player_name = "Nikola Jokić";
  EXPECT_EQ(Reason(CheckRow(row)), "ok");
  row.player_name = "Nikola Joki\xE6";
  EXPECT_EQ(Reason(CheckRow(row)), "player name is not valid UTF-8 (byte 0xE6 at offset 11)");
  row.player_name = std::string(101, 'x');
  EXPECT_EQ(Reason(CheckRow(row)), "player name is 101 bytes long (at most 100)");
}

PlayerBoxRow Player(int64_t line, std::string game_id, std::optional<int64_t> id,
                    std::string name) {
  PlayerBoxRow row;
  row.line = line;
  row.game_id = std::move(game_id);
  row.game_date = "2024-10-23";
  row.team = "CHA";
  row.player_id = id;
  row.player_name = std::move(name);
  return row;
}

TEST(RejectDuplicatePlayerRows, KeepsTheFirstRowOfAPlayerGame) {
  ParsedFile file;
  file.player_box = {Player(2, "0022400001", 1, "A"),  Player(3, "0022400001", 2, "B"),
                     Player(4, "0022400002", 1, "A"),  Player(5, "0022400001", 1, "A again"),
                     Player(6, "", std::nullopt, "C"), Player(7, "", std::nullopt, "C")};
  RejectDuplicatePlayerRows(file);
  std::vector<int64_t> kept;
  for (const PlayerBoxRow& row : file.player_box) kept.push_back(row.line);
  EXPECT_EQ(kept, (std::vector<int64_t>{2, 3, 4, 6}));
  ASSERT_EQ(file.rejects.size(), 2u);
  EXPECT_EQ(file.rejects[0].line, 5);
  EXPECT_EQ(file.rejects[0].reason,
            "duplicate row: player 1 already has a row in game 0022400001 (line 2)");
  EXPECT_EQ(file.rejects[0].content, "0022400001 CHA 1 A again");
  EXPECT_EQ(file.rejects[1].reason,
            "duplicate row: player 'C' already has a row for CHA on 2024-10-23 (line 6)");
}

TEST(Text, BoundsAndRepairsWhatReadersQuote) {
  EXPECT_EQ(FindInvalidUtf8("Dončić"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("Don\xE8i\xE6"), 3u);
  EXPECT_EQ(TruncateUtf8("Don\xE8i\xE6", 100), "Don?i?");
  EXPECT_EQ(TruncateUtf8("Dončić", 4), "Don");  // never half of "č"
  EXPECT_EQ(Abbreviate("abcdef", 6), "abcdef");
  EXPECT_EQ(Abbreviate("abcdefg", 6), "abc...");
  // Without a byte-order mark UTF-16 is not told apart here: CheckTextContent finds its NULs.
  EXPECT_EQ(Reason(CheckNotUtf16(std::string("a\0b\0", 4))), "ok");
  EXPECT_EQ(Reason(CheckNotUtf16(std::string("\xFE\xFF\0a", 4))),
            "UTF-16 text (byte-order mark FE FF): only UTF-8 is read");
}

TEST(CsvTokenizer, KeepsNoMoreThanTheFieldLimit) {
  const std::string content = std::string(3000, ',') + "\na,b\n";
  CsvTokenizer tokenizer(content);
  CsvRecord record;
  ASSERT_TRUE(tokenizer.Next(record));
  EXPECT_EQ(record.error, "more than 1024 fields");
  EXPECT_EQ(record.size(), kMaxCsvFields);
  ASSERT_TRUE(tokenizer.Next(record));  // the next record is read as usual
  EXPECT_EQ(record.line, 2);
  EXPECT_EQ(record.error, "");
  EXPECT_EQ(record.size(), 2u);
}

}  // namespace
}  // namespace backcourt
