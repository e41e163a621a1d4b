// The text helpers every reader shares: the one trim, ASCII case folding, word splitting and
// UTF-8 bounds.
#include "core/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace backcourt {
namespace {

struct TrimCase {
  std::string text;
  std::string expected;
  const char* why;
};

// One rule for CSV cells, JSON strings, team codes, minutes, dates and HTTP header values
// (the readers had four rules: spaces; spaces and tabs; spaces, tabs and CR; isspace).
TEST(Trim, AsciiWhitespaceAtBothEnds) {
  const std::vector<TrimCase> cases = {
      {"BOS", "BOS", "nothing to trim"},
      {"  BOS  ", "BOS", "spaces"},
      {"\tBOS\t", "BOS", "tabs"},
      {"BOS\r", "BOS", "CR of a CRLF line"},
      {"\n BOS \r\n", "BOS", "newlines"},
      {"\v\fBOS", "BOS", "vertical tab and form feed"},
      {"Golden  State", "Golden  State", "inner spaces are kept"},
      {"   ", "", "only whitespace"},
      {"", "", "empty"},
      {std::string("\xC2\xA0" "BOS"), std::string("\xC2\xA0" "BOS"),
       "a UTF-8 no-break space is not ASCII whitespace: never cut inside a character"},
      {std::string("BOS\0", 4), std::string("BOS\0", 4), "NUL is not whitespace"},
  };
  for (const TrimCase& c : cases) EXPECT_EQ(Trim(c.text), c.expected) << c.why;
  static_assert(Trim("  x ") == "x");
}

TEST(EqualsIgnoreCase, AsciiOnly) {
  EXPECT_TRUE(EqualsIgnoreCase("Over", "OVER"));
  EXPECT_TRUE(EqualsIgnoreCase("did not play", "Did Not Play"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  EXPECT_FALSE(EqualsIgnoreCase("Over", "Overs"));
  EXPECT_FALSE(EqualsIgnoreCase("Under", "Undr"));
  EXPECT_FALSE(EqualsIgnoreCase("\xC3\xA9", "\xC3\x89"));  // é and É: not ASCII
}

TEST(SplitWords, RunsOfSpaces) {
  EXPECT_EQ(SplitWords("  LA  Clippers "), (std::vector<std::string_view>{"LA", "Clippers"}));
  EXPECT_EQ(SplitWords("Player Name"), (std::vector<std::string_view>{"Player", "Name"}));
  EXPECT_TRUE(SplitWords("   ").empty());
  EXPECT_TRUE(SplitWords("").empty());
}

TEST(Utf8, TruncateAndAbbreviateNeverSplitACharacter) {
  const std::string text = "Don\xC4\x8Di\xC4\x87";  // Dončić
  EXPECT_EQ(TruncateUtf8(text, 4), "Don");  // the two-byte č does not fit in 4
  EXPECT_EQ(TruncateUtf8(text, 5), "Don\xC4\x8D");
  EXPECT_EQ(TruncateUtf8("a\xFF" "b", 10), "a?b");
  EXPECT_EQ(Abbreviate("abcdefghij", 10), "abcdefghij");
  EXPECT_EQ(Abbreviate("abcdefghijk", 10), "abcdefg...");
  EXPECT_EQ(FindInvalidUtf8("ok \xC4\x8D"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("ok \xC4"), 3u);
  EXPECT_FALSE(CheckNotUtf16("\xFF\xFEP\0"));
  EXPECT_TRUE(CheckNotUtf16("Player"));
}

}  // namespace
}  // namespace backcourt
