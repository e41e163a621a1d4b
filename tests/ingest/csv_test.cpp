#include "ingest/csv.h"
#include "ingest/csv_box_stats.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace backcourt {
namespace {

std::vector<std::vector<std::string>> Tokenize(std::string_view text,
                                               std::vector<int64_t>* lines = nullptr) {
  CsvTokenizer tokenizer(text);
  CsvRecord record;
  std::vector<std::vector<std::string>> records;
  while (tokenizer.Next(record)) {
    EXPECT_EQ(record.error, "") << record.raw;
    records.emplace_back(record.fields.begin(), record.fields.end());
    if (lines) lines->push_back(record.line);
  }
  return records;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvTokenizer, SplitsPlainFields) {
  EXPECT_EQ(Tokenize("a,b,c\n1,2,3\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvTokenizer, QuotedFieldKeepsCommas) {
  EXPECT_EQ(Tokenize("22023,\"Apr 14, 2024\",NYK vs. CHI\n"),
            (Rows{{"22023", "Apr 14, 2024", "NYK vs. CHI"}}));
}

TEST(CsvTokenizer, DoubledQuotesAreUnescaped) {
  EXPECT_EQ(Tokenize("\"He said \"\"DNP\"\"\",\"\"\"\",x\n"),
            (Rows{{"He said \"DNP\"", "\"", "x"}}));
}

TEST(CsvTokenizer, EmptyFieldsAndTrailingComma) {
  EXPECT_EQ(Tokenize(",a,,\n\"\",b"), (Rows{{"", "a", "", ""}, {"", "b"}}));
  EXPECT_EQ(Tokenize("a,b,"), (Rows{{"a", "b", ""}}));
}

TEST(CsvTokenizer, CrlfLineEnds) {
  std::vector<int64_t> lines;
  EXPECT_EQ(Tokenize("a,b\r\n1,\"x\"\r\n2,y\r\n", &lines),
            (Rows{{"a", "b"}, {"1", "x"}, {"2", "y"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 3}));
}

TEST(CsvTokenizer, BomIsStripped) {
  EXPECT_EQ(Tokenize("\xEF\xBB\xBFPLAYER_ID,MIN\n1,2\n"), (Rows{{"PLAYER_ID", "MIN"}, {"1", "2"}}));
}

TEST(CsvTokenizer, LineNumbersCountNewlinesInQuotesAndBlankLines) {
  std::vector<int64_t> lines;
  const Rows rows = Tokenize("h1,h2\n\"multi\nline\",x\n\n\r\nlast,y\n", &lines);
  EXPECT_EQ(rows, (Rows{{"h1", "h2"}, {"multi\nline", "x"}, {"last", "y"}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 6}));
}

TEST(CsvTokenizer, RawIsTheRecordWithoutLineEnd) {
  CsvTokenizer tokenizer("a,\"b,c\"\r\nd\n");
  CsvRecord record;
  ASSERT_TRUE(tokenizer.Next(record));
  EXPECT_EQ(record.raw, "a,\"b,c\"");
  ASSERT_TRUE(tokenizer.Next(record));
  EXPECT_EQ(record.raw, "d");
  EXPECT_FALSE(tokenizer.Next(record));
}

TEST(CsvTokenizer, MalformedQuotesAreReported) {
  CsvTokenizer unterminated("a,\"open\nb,c\n");
  CsvRecord record;
  ASSERT_TRUE(unterminated.Next(record));
  EXPECT_EQ(record.error, "unterminated quoted field");

  CsvTokenizer trailing("\"a\"x,b\nc,d\n");
  ASSERT_TRUE(trailing.Next(record));
  EXPECT_EQ(record.error, "text after a closing quote");
  ASSERT_TRUE(trailing.Next(record));
  EXPECT_EQ(record.error, "");
  EXPECT_EQ(record.fields, (std::vector<std::string_view>{"c", "d"}));
}

TEST(ForEachCsvRow, WrongFieldCountIsRejectedWithLine) {
  CsvTokenizer tokenizer("a,b,c\n1,2,3\n1,2\n1,2,3,4\n\"x,y\",2,3\n");
  CsvRecord header;
  ASSERT_TRUE(tokenizer.Next(header));
  ParsedFile out;
  int parsed = 0;
  ForEachCsvRow(tokenizer, CsvHeader(header), out, [&](const CsvRecord&) -> Status {
    ++parsed;
    return {};
  });
  EXPECT_EQ(parsed, 2);
  ASSERT_EQ(out.rejects.size(), 2u);
  EXPECT_EQ(out.rejects[0].line, 3);
  EXPECT_EQ(out.rejects[0].reason, "expected 3 fields, found 2");
  EXPECT_EQ(out.rejects[0].content, "1,2");
  EXPECT_EQ(out.rejects[1].line, 4);
  EXPECT_EQ(out.rejects[1].reason, "expected 3 fields, found 4");
}

TEST(ForEachCsvRow, ParseErrorBecomesRejectWithTruncatedContent) {
  const std::string content = "a,b\n1," + std::string(300, 'x') + "\n";
  CsvTokenizer tokenizer(content);
  CsvRecord header;
  ASSERT_TRUE(tokenizer.Next(header));
  ParsedFile out;
  ForEachCsvRow(tokenizer, CsvHeader(header), out,
                [](const CsvRecord&) -> Status { return InvalidInput("bad value"); });
  ASSERT_EQ(out.rejects.size(), 1u);
  EXPECT_EQ(out.rejects[0].reason, "bad value");
  EXPECT_EQ(out.rejects[0].content.size(), 200u);
}

TEST(CsvHeader, LookupIgnoresCaseButPrefersExactSpelling) {
  CsvTokenizer tokenizer("SEASON_ID,Player_ID,Game_ID,PLAYER_ID\n");
  CsvRecord record;
  ASSERT_TRUE(tokenizer.Next(record));
  CsvHeader header(record);
  EXPECT_EQ(header.Find("GAME_ID"), 2u);
  EXPECT_EQ(header.Find("PLAYER_ID"), 3u);
  EXPECT_EQ(header.Find("player_id"), 1u);
  EXPECT_EQ(header.Find("MIN"), std::nullopt);
  EXPECT_EQ(header.FindAny({"MIN_SEC", "SEASON_ID"}), 0u);
  EXPECT_EQ(header.Duplicate(), std::nullopt);
}

TEST(ReadCsvHeader, RefusesDuplicatedColumns) {
  const std::string content = "GAME_ID,PTS,PTS\n1,2,3\n";
  CsvTokenizer tokenizer(content);
  auto header = ReadCsvHeader(tokenizer, content);
  ASSERT_FALSE(header);
  EXPECT_EQ(header.error().message(), "duplicated header column 'PTS'");
}

TEST(CheckTextContent, RefusesEmptyAndBinary) {
  EXPECT_EQ(CheckTextContent("").error().message(), "empty file");
  EXPECT_EQ(CheckTextContent(" \r\n\n").error().message(), "empty file");
  EXPECT_EQ(CheckTextContent("\xEF\xBB\xBF").error().message(), "empty file");
  EXPECT_EQ(CheckTextContent(std::string("a,b\n1,\0", 7)).error().message(),
            "binary content: NUL byte at offset 6");
  std::string latin1_binary(1000, '\xFF');
  EXPECT_NE(CheckTextContent(latin1_binary).error().message().find("not UTF-8"), std::string::npos);
  EXPECT_TRUE(CheckTextContent("Player\nLuka Dončić\n"));
  // A few Latin-1 bytes among text: still a text file (the rows carry what they carry).
  EXPECT_TRUE(CheckTextContent("Player\nLuka Don\xE8i\xE6\n" + std::string(100, 'x')));
}

TEST(CellParsers, IntegersNumbersTeams) {
  EXPECT_EQ(ParseIntCell(" 12 ", "PTS"), 12);
  EXPECT_EQ(ParseIntCell("-14", "PLUS_MINUS"), -14);
  EXPECT_EQ(ParseIntCell("12.0", "PTS"), 12);  // pandas float column
  EXPECT_EQ(ParseIntCell("12.5", "PTS").error().message(), "PTS '12.5' is not an integer");
  EXPECT_EQ(ParseIntCell("", "PTS").error().message(), "empty PTS");
  EXPECT_NEAR(*ParseDoubleCell("95.0", "possessions"), 95.0, 1e-9);
  EXPECT_EQ(ParseDoubleCell("n/a", "x").error().message(), "x 'n/a' is not a number");
  EXPECT_EQ(*ParseOptionalDoubleCell("", "FT_PCT"), std::nullopt);
  EXPECT_EQ(ParseTeamCell("BRK", "Tm"), "BKN");
  EXPECT_EQ(ParseTeamCell("XYZ", "Tm").error().message(), "unknown team code 'XYZ' in Tm");
}

TEST(ParseBoxStats, ChecksCountsAndAttempts) {
  CsvTokenizer tokenizer("FGM,FGA,TO,PLUS_MINUS\n5,4,1,2\n3,4,-1,\n3,4,,1\n3,4,1,\n");
  CsvRecord record;
  ASSERT_TRUE(tokenizer.Next(record));
  const StatColumns columns = FindStatColumns(CsvHeader(record), NbaStatNames());
  EXPECT_EQ(columns.tov, 2u);
  EXPECT_FALSE(columns.HasShooting());  // no FTA
  const auto parse = [&](bool allow_empty) {
    BoxStats stats;
    EXPECT_TRUE(tokenizer.Next(record));
    auto status = ParseBoxStats(record, columns, allow_empty, stats);
    return status ? std::string("ok") : status.error().message();
  };
  EXPECT_EQ(parse(false), "FGM 5 > FGA 4");
  EXPECT_EQ(parse(false), "negative TOV -1");
  EXPECT_EQ(parse(false), "empty TOV");
  BoxStats stats;
  ASSERT_TRUE(tokenizer.Next(record));
  ASSERT_TRUE(ParseBoxStats(record, columns, false, stats));
  EXPECT_EQ(stats.fgm, 3);
  EXPECT_EQ(stats.tov, 1);
  EXPECT_EQ(stats.plus_minus, std::nullopt);
  EXPECT_EQ(stats.pts, std::nullopt);  // column absent
}

}  // namespace
}  // namespace backcourt
