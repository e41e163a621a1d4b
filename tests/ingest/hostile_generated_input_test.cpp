// Hostile inputs made in the test from the small real snippets of tests/data/hostile: huge
// fields and lines (a clear reject or refusal, no crash, bounded memory), a UTF-8 byte-order
// mark and CRLF line ends (accepted, and read exactly as the plain file), and a game log
// holding one side of a game.
#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "ingest/hostile_test_util.h"

namespace backcourt {
namespace {

using testing::Expect;
using testing::ExpectOutcome;
using testing::HostileCase;
using testing::HostileFixture;
using testing::HostileStore;
using testing::RawDigest;
using testing::ReadBytes;
using testing::TempDir;

constexpr size_t kTenMiB = 10 * 1024 * 1024;

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// ---- Huge fields and lines ----------------------------------------------------------------

// Peak memory allowed while reading a 10 MiB file: CSV rows are views into the file; a JSON
// document holds its values, and a bad row is copied for its reject. A vector of ten million
// empty fields alone would be 160 MiB.
constexpr int64_t kCsvPeakMiB = 64;
constexpr int64_t kJsonPeakMiB = 160;

struct HugeCase {
  HostileCase expected;                  // `fixture` is the generated file's name
  std::function<std::string()> content;  // the file's bytes
  int64_t max_peak_mib;                  // peak resident memory of the test process
};

void PrintTo(const HugeCase& c, std::ostream* os) { *os << c.expected.fixture; }

std::string BoxScoresWithLine3(const std::string& line) {
  std::string csv = ReadBytes(HostileFixture("boxscores.csv"));
  const size_t line3 = csv.find('\n', csv.find('\n') + 1) + 1;
  return csv.replace(line3, csv.find('\n', line3) - line3, line);
}

// clang-format off
const HugeCase kHugeCases[] = {
    {{"TenMiBCsvField", "boxscores_huge_name.csv", Expect::kLoaded, "", 2,
      {"3: PLAYER_NAME is 10485760 bytes long (at most 4096)"}},
     [] {
       return Replace(ReadBytes(HostileFixture("boxscores.csv")), "LeBron James",
                      std::string(kTenMiB, 'x'));
     },
     kCsvPeakMiB},
    {{"TenMiBQuotedCsvFieldWithLineEnds", "boxscores_huge_quoted_name.csv", Expect::kLoaded, "",
      2, {"3: PLAYER_NAME is 10485760 bytes long (at most 4096)"}},
     [] {
       std::string name(kTenMiB - 1, 'x');
       for (size_t i = 80; i < name.size(); i += 81) name[i] = '\n';
       return Replace(ReadBytes(HostileFixture("boxscores.csv")), "LeBron James",
                      "\"" + name + ",\"");
     },
     kCsvPeakMiB},
    {{"CsvLineOfTenMillionCommas", "boxscores_commas.csv", Expect::kLoaded, "", 2,
      {"3: more than 1024 fields"}},
     [] { return BoxScoresWithLine3(std::string(kTenMiB, ',')); },
     kCsvPeakMiB},
    {{"TenMiBCsvHeaderWithoutLineEnd", "one_line.csv", Expect::kRefused,
      "not a known input format (no reader recognises its header)", 0, {}},
     [] { return std::string(kTenMiB, 'x'); },
     kCsvPeakMiB},
    {{"TenMiBJsonName", "boxscore_v2_huge_name.json", Expect::kLoaded, "", 4,
      {"2: player name is 10485760 bytes long (at most 100)"}},
     [] {
       return Replace(ReadBytes(HostileFixture("boxscore_v2.json")), "OG Anunoby",
                      std::string(kTenMiB, 'x'));
     },
     kJsonPeakMiB},
    {{"TenMiBJsonTeamCode", "boxscore_v2_huge_team.json", Expect::kLoaded, "", 4,
      {"3: unknown team code '" + std::string(278, 'x') + "..."}},
     [] {
       return Replace(ReadBytes(HostileFixture("boxscore_v2_unknown_team.json")), "\"XYZ\"",
                      "\"" + std::string(kTenMiB, 'x') + "\"");
     },
     kJsonPeakMiB},
    {{"JsonNestedAMillionDeep", "deep.json", Expect::kRefused,
      "JSON nested deeper than 64 levels (byte 126)", 0, {}},
     [] {
       const size_t depth = 1000000;
       return "{\"resultSets\": [{\"name\": \"PlayerStats\", \"headers\": [], \"rowSet\": " +
              std::string(depth, '[') + std::string(depth, ']') + "}]}";
     },
     kJsonPeakMiB},
};
// clang-format on

class HugeInputTest : public ::testing::TestWithParam<HugeCase> {};

TEST_P(HugeInputTest, GivesAClearReasonInBoundedMemory) {
  const HugeCase& c = GetParam();
  TempDir dir;
  const std::string path = dir.Write(c.expected.fixture, c.content());
  testing::ResetPeakResident();
  ExpectOutcome(c.expected, path);
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  if (auto peak = testing::PeakResidentMiB()) {
    EXPECT_LT(*peak, c.max_peak_mib) << "MiB at peak";
  }
#endif
}

INSTANTIATE_TEST_SUITE_P(Generated, HugeInputTest, ::testing::ValuesIn(kHugeCases),
                         [](const ::testing::TestParamInfo<HugeCase>& info) {
                           return std::string(info.param.expected.name);
                         });

// ---- Byte-order mark and CRLF: read exactly as the plain file ---------------------------

enum class Spelling { kBom, kCrlf, kBomAndCrlf };

struct SpellingCase {
  const char* fixture;
  Spelling spelling;
};

void PrintTo(const SpellingCase& c, std::ostream* os) { *os << c.fixture; }

std::string Respell(const std::string& plain, Spelling spelling) {
  std::string text = plain;
  if (spelling != Spelling::kBom) {
    text.clear();
    for (char c : plain) text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  }
  return spelling == Spelling::kCrlf ? text : "\xEF\xBB\xBF" + text;
}

class SpellingTest : public ::testing::TestWithParam<SpellingCase> {};

TEST_P(SpellingTest, LoadsTheSameRowsAsThePlainFile) {
  const std::string plain = ReadBytes(HostileFixture(GetParam().fixture));
  const std::string respelt = Respell(plain, GetParam().spelling);
  ASSERT_NE(respelt, plain);
  TempDir dir;
  // Each in its own store, under the same name: file ids and paths agree, so equal digests
  // of the data tables mean the same rows and rejects, byte for byte.
  std::vector<std::string> digests, outcomes;
  for (const std::string& bytes : {plain, respelt}) {
    HostileStore store;
    const FileOutcome outcome = store.Ingest(dir.Write(GetParam().fixture, bytes)).outcome;
    EXPECT_EQ(ActionName(outcome.action), "loaded") << outcome.error;
    outcomes.push_back(outcome.format + " " + std::to_string(outcome.rows) + " rows " +
                       std::to_string(outcome.rejects) + " rejects");
    digests.push_back(RawDigest(store.db(), "", /*with_files=*/false));
  }
  EXPECT_EQ(outcomes[1], outcomes[0]);
  EXPECT_EQ(digests[1], digests[0]);
}

std::string SpellingCaseName(const ::testing::TestParamInfo<SpellingCase>& info) {
  static constexpr const char* kSpellings[] = {"Bom", "Crlf", "BomAndCrlf"};
  std::string name = info.param.fixture;
  for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name + "_" + kSpellings[static_cast<int>(info.param.spelling)];
}

INSTANTIATE_TEST_SUITE_P(
    Respelt, SpellingTest,
    ::testing::Values(SpellingCase{"boxscores.csv", Spelling::kBom},
                      SpellingCase{"boxscores.csv", Spelling::kCrlf},
                      SpellingCase{"boxscores_negative_points.csv", Spelling::kBomAndCrlf},
                      SpellingCase{"bbref.csv", Spelling::kBomAndCrlf},
                      SpellingCase{"team_logs.csv", Spelling::kCrlf},
                      SpellingCase{"boxscore_v2.json", Spelling::kBom},
                      SpellingCase{"boxscore_v2.json", Spelling::kCrlf},
                      SpellingCase{"bdl_stats_fgm_over_fga.json", Spelling::kBomAndCrlf}),
    SpellingCaseName);

TEST(SpellingTest, ByteOrderMarkIsNotPartOfTheFirstColumnName) {
  HostileStore store;
  TempDir dir;
  const std::string bom = "\xEF\xBB\xBF" + ReadBytes(HostileFixture("boxscores.csv"));
  const FileOutcome outcome = store.Ingest(dir.Write("bom.csv", bom)).outcome;
  EXPECT_EQ(outcome.format, "nba-stats-csv");
  EXPECT_EQ(store.Count("SELECT COUNT(*) FROM raw_player_box WHERE game_id = '0022300061' AND "
                        "player_name = 'Taurean Prince' AND pts = 18"),
            1);
}

// ---- A game log holding one side of a game ------------------------------------------------

// leaguegamelog (team mode) rows are what the source says: HOU's row of HOU at OKC is kept,
// but no schedule row is made of a game with one side. The schedule (team logs, the CDN
// schedule) says the game exists, and validation then reports OKC's missing team row.
TEST(OneSidedGame, GameLogKeepsTheRowAndMakesNoScheduleRowOfIt) {
  HostileStore store;
  const std::string path = HostileFixture("leaguegamelog_team_one_side.json");
  const testing::IngestResult result = store.Ingest(path);
  EXPECT_EQ(ActionName(result.outcome.action), "loaded") << result.outcome.error;
  EXPECT_TRUE(result.rejects.empty());
  const std::string file = "file_id = (SELECT file_id FROM raw_files WHERE path = '" + path + "')";
  EXPECT_EQ(store.Count("SELECT COUNT(*) FROM raw_team_box WHERE " + file), 3);
  EXPECT_EQ(
      store.Count("SELECT COUNT(*) FROM raw_team_box WHERE game_id = '0022500001' AND " + file), 1);
  EXPECT_EQ(store.Count("SELECT COUNT(*) FROM schedule WHERE " + file), 1);
  EXPECT_EQ(store.Count("SELECT COUNT(*) FROM schedule WHERE game_id = '0022500001'"), 0);
}

}  // namespace
}  // namespace backcourt
