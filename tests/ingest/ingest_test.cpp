// Ingest end to end: real fixtures from tests/data (and the shared data folder when present)
// through backcourt::Ingest into a migrated store.
#include "ingest/ingest.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/hash.h"
#include "store/schema.h"
#include "test_files.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

using testing::ReadBytes;
using testing::TempDir;
using testing::TestData;

constexpr const char* kRawTables[] = {"raw_files", "schedule", "raw_team_box", "raw_player_box",
                                      "raw_rejects"};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// Replaces the `column`-th field (0-based) of a simple CSV line (no quoted commas).
std::string SetField(const std::string& line, size_t column, const std::string& value) {
  size_t begin = 0;
  for (size_t i = 0; i < column; ++i) begin = line.find(',', begin) + 1;
  const size_t end = line.find(',', begin);
  return line.substr(0, begin) + value + (end == std::string::npos ? "" : line.substr(end));
}

std::string Gzip(const std::string& bytes) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string QueryText(Db& db, const std::string& sql) {
  auto stmt = db.Prepare(sql);
  EXPECT_TRUE(stmt) << sql << ": " << stmt.error().message();
  if (!stmt) return "";
  auto has_row = stmt->Step();
  EXPECT_TRUE(has_row) << sql;
  return has_row && *has_row && !stmt->IsNull(0) ? stmt->Text(0) : "";
}

int64_t QueryInt(Db& db, const std::string& sql) {
  auto value = db.QueryInt(sql);
  EXPECT_TRUE(value) << sql << ": " << value.error().message();
  return value.value_or(-1);
}

// Everything the raw tables hold, down to rowids: equal snapshots mean nothing was written.
std::string Snapshot(Db& db) {
  std::string snapshot = QueryText(
      db,
      "SELECT group_concat(file_id || '|' || path || '|' || sha256 || '|' || format || '|' || "
      "rows_loaded || '|' || rows_rejected || '|' || ingested_at, ';') FROM "
      "(SELECT * FROM raw_files ORDER BY file_id)");
  for (const char* table : kRawTables) {
    // Appended piece by piece: GCC 12's -Wrestrict misfires on "\n" + std::string(...).
    snapshot += '\n';
    snapshot += table;
    snapshot += ' ';
    snapshot += QueryText(db, std::string("SELECT COUNT(*) || ' ' || IFNULL(SUM(rowid), 0) || ' ' "
                                          "|| IFNULL(MAX(rowid), 0) FROM ") +
                                  table);
  }
  return snapshot;
}

int64_t RowsOfFile(Db& db, const std::string& table, const std::string& path) {
  return QueryInt(db, "SELECT COUNT(*) FROM " + table +
                          " WHERE file_id = (SELECT file_id FROM raw_files WHERE path = '" + path +
                          "')");
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = OpenStore(":memory:");
    ASSERT_TRUE(db) << db.error().message();
    db_.emplace(std::move(*db));
  }

  IngestReport Run(const std::vector<std::string>& paths, const std::string& format = "") {
    IngestOptions options;
    options.format = format;
    auto report = Ingest(*db_, paths, options);
    EXPECT_TRUE(report) << report.error().message();
    return report ? std::move(*report) : IngestReport{};
  }

  // Ingests one file that must be refused whole; returns the reason.
  std::string ExpectRefused(const std::string& path, const std::string& format = "") {
    const std::string before = Snapshot(*db_);
    const IngestReport report = Run({path}, format);
    EXPECT_FALSE(report.ok());
    EXPECT_EQ(report.files.size(), 1u);
    if (report.files.size() != 1) return "";
    const FileOutcome& outcome = report.files[0];
    EXPECT_EQ(outcome.action, IngestAction::kRefused) << ActionName(outcome.action);
    EXPECT_EQ(outcome.path, path);
    EXPECT_EQ(outcome.rows, 0);
    EXPECT_FALSE(outcome.error.empty());
    EXPECT_EQ(outcome.error.find('\n'), std::string::npos) << outcome.error;
    EXPECT_EQ(Snapshot(*db_), before) << "a refused file left rows behind: " << path;
    EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM raw_files WHERE path = '" + path + "'"), 0);
    return outcome.error;
  }

  // A real file already loaded, so "nothing written" is checked against a non-empty store.
  void LoadBaseline() {
    const IngestReport report = Run({TestData("boxscoretraditionalv2_0022400561.json")});
    ASSERT_TRUE(report.ok());
    ASSERT_GT(QueryInt(*db_, "SELECT COUNT(*) FROM raw_player_box"), 0);
  }

  std::optional<Db> db_;
  TempDir temp_;
};

// ---- Whole-file refusals ---------------------------------------------------------------

TEST_F(IngestTest, RefusesTruncatedJsonWhole) {
  LoadBaseline();
  const std::string json = ReadBytes(TestData("boxscoretraditionalv3_0022200552.json"));
  const std::string path = temp_.Write("half.json", json.substr(0, json.size() / 2));
  const std::string reason = ExpectRefused(path);
  EXPECT_NE(reason.find("truncated JSON"), std::string::npos) << reason;
}

TEST_F(IngestTest, RefusesUnknownCsvHeaderWhole) {
  LoadBaseline();
  const std::string path = temp_.Write("unknown.csv", "alpha,beta,gamma\n1,2,3\n4,5,6\n");
  const std::string reason = ExpectRefused(path);
  EXPECT_NE(reason.find("not a known input format"), std::string::npos) << reason;
}

TEST_F(IngestTest, RefusesEmptyFileWhole) {
  LoadBaseline();
  const std::string reason = ExpectRefused(temp_.Write("empty.csv", ""));
  EXPECT_NE(reason.find("empty"), std::string::npos) << reason;
}

TEST_F(IngestTest, RefusesBinaryFileWhole) {
  LoadBaseline();
  std::mt19937 random(20240115);
  std::string bytes(4096, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    bytes[i] = i % 7 == 0 ? '\0' : static_cast<char>(random() & 0xff);
  }
  const std::string reason = ExpectRefused(temp_.Write("random.bin", bytes));
  EXPECT_NE(reason.find("binary"), std::string::npos) << reason;
}

TEST_F(IngestTest, RefusesTruncatedGzipWhole) {
  LoadBaseline();
  const std::string gz = Gzip(ReadBytes(TestData("team_game_logs_2023-24.csv")));
  const std::string path = temp_.Write("team_game_logs.csv.gz", gz.substr(0, gz.size() / 2));
  const std::string reason = ExpectRefused(path);
  EXPECT_NE(reason.find("gzip data is truncated"), std::string::npos) << reason;
}

TEST_F(IngestTest, ReadsACompleteGzipFile) {
  const std::string gz = Gzip(ReadBytes(TestData("team_game_logs_2023-24.csv")));
  const std::string path = temp_.Write("team_game_logs.csv.gz", gz);
  const IngestReport report = Run({path});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.files[0].format, "team-log-csv");
  EXPECT_GT(report.files[0].rows, 0);
  // The file is known by the sha256 of its bytes as stored (compressed).
  EXPECT_EQ(QueryText(*db_, "SELECT sha256 FROM raw_files"), Sha256Hex(gz));
}

TEST_F(IngestTest, UnknownFileIsRefusedWhenNamedAndSkippedInsideAFolder) {
  const std::string notes = temp_.Write("in/notes.txt", "Downloaded on 2024-01-15 by hand.\n");
  temp_.Write("in/boxscore.json", ReadBytes(TestData("boxscoretraditionalv2_0022400561.json")));

  const std::string reason = ExpectRefused(notes);
  EXPECT_NE(reason.find("not a known input format"), std::string::npos) << reason;

  std::vector<FileOutcome> seen;
  auto report = Ingest(*db_, {temp_.path() + "/in"}, IngestOptions{},
                       [&](const FileOutcome& f) { seen.push_back(f); });
  ASSERT_TRUE(report) << report.error().message();
  EXPECT_TRUE(report->ok());
  ASSERT_EQ(report->files.size(), 2u);
  ASSERT_EQ(seen.size(), 2u);  // progress is reported for every file
  std::map<std::string, IngestAction> actions;
  for (const FileOutcome& f : report->files)
    actions[fs::path(f.path).filename().string()] = f.action;
  EXPECT_EQ(actions["notes.txt"], IngestAction::kSkipped);
  EXPECT_EQ(actions["boxscore.json"], IngestAction::kLoaded);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM raw_files"), 1);
}

TEST_F(IngestTest, FormatOverrideRefusesAFileMissingThatFormatsColumns) {
  LoadBaseline();
  const std::string reason =
      ExpectRefused(TestData("bbref_gamelogs_2024-25_head.csv"), "team-log-csv");
  EXPECT_NE(reason.find("missing required columns"), std::string::npos) << reason;
  EXPECT_NE(reason.find("game_id"), std::string::npos) << reason;
}

TEST_F(IngestTest, FormatOverrideWithAnUnknownFormatIsRefused) {
  const std::string reason = ExpectRefused(TestData("bbref_gamelogs_2024-25_head.csv"), "xls");
  EXPECT_NE(reason.find("unknown format 'xls'"), std::string::npos) << reason;
}

TEST_F(IngestTest, FormatOverrideReadsTheFileAsThatFormat) {
  const IngestReport report = Run({TestData("bbref_gamelogs_2024-25_head.csv")}, "bbref-csv");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.files[0].format, "bbref-csv");
  EXPECT_EQ(report.files[0].rows, 200);
}

// ---- Bad rows --------------------------------------------------------------------------

TEST_F(IngestTest, MalformedRowsGoToRejectsWithFileLineAndReason) {
  // 500,GAME_ID,TEAM_ID,TEAM_ABBREVIATION,...,MIN (column 8): lines 2 and 4 are spoiled.
  std::vector<std::string> lines =
      Lines(ReadBytes(TestData("nba_stats_boxscores_2023-24_head.csv")));
  ASSERT_EQ(lines.size(), 201u);
  lines[1] = SetField(lines[1], 8, "12:75");
  lines[3] = SetField(lines[3], 3, "XYZ");
  const std::string path = temp_.Write("boxscores_spoiled.csv", JoinLines(lines));

  const IngestReport report = Run({path});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files[0].action, IngestAction::kLoaded);
  EXPECT_EQ(report.files[0].format, "nba-stats-csv");
  EXPECT_EQ(report.files[0].rows, 198);
  EXPECT_EQ(report.files[0].rejects, 2);
  EXPECT_EQ(RowsOfFile(*db_, "raw_player_box", path), 198);

  auto stmt = db_->Prepare(
      "SELECT f.path, r.line, r.reason, r.content FROM raw_rejects r JOIN raw_files f "
      "USING (file_id) ORDER BY r.line");
  ASSERT_TRUE(stmt);
  std::vector<std::tuple<std::string, int64_t, std::string, std::string>> rejects;
  while (*stmt->Step()) {
    rejects.emplace_back(stmt->Text(0), stmt->Int(1), stmt->Text(2), stmt->Text(3));
  }
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(std::get<0>(rejects[0]), path);
  EXPECT_EQ(std::get<1>(rejects[0]), 2);
  EXPECT_NE(std::get<2>(rejects[0]).find("12:75"), std::string::npos) << std::get<2>(rejects[0]);
  EXPECT_NE(std::get<3>(rejects[0]).find("Taurean Prince"), std::string::npos);
  EXPECT_EQ(std::get<0>(rejects[1]), path);
  EXPECT_EQ(std::get<1>(rejects[1]), 4);
  EXPECT_NE(std::get<2>(rejects[1]).find("unknown team code 'XYZ'"), std::string::npos)
      << std::get<2>(rejects[1]);
  // The good rows of the spoiled game are kept.
  EXPECT_EQ(QueryInt(*db_,
                     "SELECT COUNT(*) FROM raw_player_box WHERE player_name = 'LeBron "
                     "James' AND game_id = '0022300061'"),
            1);
}

TEST_F(IngestTest, MalformedTeamLogRowIsRejectedAndTheRestLoads) {
  std::vector<std::string> lines = Lines(ReadBytes(TestData("team_game_logs_2023-24.csv")));
  ASSERT_GT(lines.size(), 21u);
  lines.resize(21);                         // header + 20 games
  lines[5] = SetField(lines[5], 6, "XYZ");  // team_abbreviation_home
  const std::string path = temp_.Write("team_logs_slice.csv", JoinLines(lines));
  const IngestReport report = Run({path});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report.files[0].format, "team-log-csv");
  EXPECT_EQ(report.files[0].rejects, 1);
  EXPECT_EQ(RowsOfFile(*db_, "schedule", path), 19);
  EXPECT_EQ(QueryInt(*db_, "SELECT line FROM raw_rejects"), 6);
  EXPECT_NE(QueryText(*db_, "SELECT reason FROM raw_rejects").find("XYZ"), std::string::npos);
}

// ---- Re-ingest ---------------------------------------------------------------------------

TEST_F(IngestTest, ReingestingAnUnchangedFileChangesNothing) {
  const std::string path =
      temp_.Write("boxscores.csv", ReadBytes(TestData("nba_stats_boxscores_2023-24_head.csv")));
  const IngestReport first = Run({path, TestData("scoreboardv2.json")});
  ASSERT_TRUE(first.ok());
  const std::string before = Snapshot(*db_);

  const IngestReport second = Run({path, TestData("scoreboardv2.json")});
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second.files.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(second.files[i].action, IngestAction::kUnchanged) << second.files[i].path;
    EXPECT_EQ(second.files[i].rows, first.files[i].rows);
    EXPECT_EQ(second.files[i].rejects, first.files[i].rejects);
    EXPECT_EQ(second.files[i].format, first.files[i].format);
  }
  EXPECT_EQ(Snapshot(*db_), before);
}

TEST_F(IngestTest, ChangedFileReplacesExactlyItsRows) {
  std::vector<std::string> lines =
      Lines(ReadBytes(TestData("nba_stats_boxscores_2023-24_head.csv")));
  const std::string path = temp_.Write("boxscores.csv", JoinLines(lines));
  const std::string other = TestData("bbref_gamelogs_2024-25_head.csv");
  ASSERT_TRUE(Run({path, other}).ok());
  const int64_t other_id =
      QueryInt(*db_, "SELECT file_id FROM raw_files WHERE path = '" + other + "'");
  const std::string other_rows =
      QueryText(*db_,
                "SELECT COUNT(*) || ' ' || SUM(rowid) || ' ' || SUM(pts) FROM raw_player_box WHERE "
                "file_id = " +
                    std::to_string(other_id));

  // Same path, new content: 50 rows fewer, one bad row, Taurean Prince has 99 assists.
  lines.resize(151);
  lines[1] = SetField(lines[1], 21, "99");
  lines[2] = SetField(lines[2], 8, "12:75");
  const std::string content = JoinLines(lines);
  temp_.Write("boxscores.csv", content);
  const IngestReport report = Run({path});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report.files.size(), 1u);
  EXPECT_EQ(report.files[0].action, IngestAction::kReplaced);
  EXPECT_EQ(report.files[0].rows, 149);
  EXPECT_EQ(report.files[0].rejects, 1);

  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM raw_files WHERE path = '" + path + "'"), 1);
  EXPECT_EQ(QueryText(*db_, "SELECT sha256 FROM raw_files WHERE path = '" + path + "'"),
            Sha256Hex(content));
  EXPECT_EQ(QueryInt(*db_, "SELECT rows_loaded FROM raw_files WHERE path = '" + path + "'"), 149);
  EXPECT_EQ(RowsOfFile(*db_, "raw_player_box", path), 149);
  EXPECT_EQ(RowsOfFile(*db_, "raw_rejects", path), 1);
  EXPECT_EQ(QueryInt(*db_,
                     "SELECT ast FROM raw_player_box WHERE player_name = 'Taurean Prince' "
                     "AND source = 'nba-stats-csv'"),
            99);
  // No orphans of the old version, and the other file is untouched down to rowids.
  EXPECT_EQ(QueryInt(*db_,
                     "SELECT COUNT(*) FROM raw_player_box WHERE file_id NOT IN "
                     "(SELECT file_id FROM raw_files)"),
            0);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM raw_player_box"), 149 + 200);
  EXPECT_EQ(QueryText(*db_,
                      "SELECT COUNT(*) || ' ' || SUM(rowid) || ' ' || SUM(pts) FROM "
                      "raw_player_box WHERE file_id = " +
                          std::to_string(other_id)),
            other_rows);
}

// ---- Bulk loads ----------------------------------------------------------------------------

// A load of many rows drops the raw date indexes while it writes: they must be back at the
// end, holding every row, and a later small load must keep them.
TEST_F(IngestTest, LargeLoadLeavesTheDateIndexesInPlace) {
  const std::string logs = ReadBytes(TestData("team_game_logs_2023-24.csv"));
  std::vector<std::string> paths;
  for (int copy = 0; copy < 6; ++copy) {  // other bytes (trailing blank lines), same rows
    paths.push_back(temp_.Write("logs_" + std::to_string(copy) + ".csv",
                                logs + std::string(static_cast<size_t>(copy) + 1, '\n')));
  }
  const IngestReport report = Run(paths);
  ASSERT_TRUE(report.ok());
  const int64_t rows = QueryInt(*db_, "SELECT COUNT(*) FROM raw_team_box");
  const int64_t schedule = QueryInt(*db_, "SELECT COUNT(*) FROM schedule");
  ASSERT_GE(rows + schedule, 20000) << "too few rows to make a bulk load";
  const std::string indexes =
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN "
      "('raw_team_box_date', 'raw_player_box_date')";
  EXPECT_EQ(QueryInt(*db_, indexes), 2);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM raw_team_box INDEXED BY raw_team_box_date "
                           "WHERE game_date BETWEEN '2023-10-01' AND '2024-06-30'"),
            rows);
  Run({temp_.Write("small.csv", JoinLines({Lines(logs)[0], Lines(logs)[1]}))});
  EXPECT_EQ(QueryInt(*db_, indexes), 2);
}

// A slow file does not hold up the ones after it, and of two copies the one listed first is
// stored, however long it takes to parse: the first file is held 1 s after parsing (ample
// for the next one to be read on a loaded machine).
TEST_F(IngestTest, FilesAreStoredAsTheyAreReadAndTheFirstListedCopyIsTheOneKept) {
  const std::string logs = ReadBytes(TestData("team_game_logs_2023-24.csv"));
  const std::string slow = temp_.Write("a/logs.csv", logs);
  const std::string other = temp_.Write("b/box.json",
                                        ReadBytes(TestData("boxscoretraditionalv2_0022400561.json")));
  const std::string copy = temp_.Write("c/logs.csv", logs);
  IngestOptions options;
  options.after_read = [&](const std::string& path) {
    if (path == slow) std::this_thread::sleep_for(std::chrono::seconds(1));
  };
  std::vector<std::string> printed;
  auto report = Ingest(*db_, {slow, other, copy}, options,
                       [&](const FileOutcome& f) { printed.push_back(f.path); });
  ASSERT_TRUE(report) << report.error().message();
  ASSERT_EQ(report->files.size(), 3u);
  EXPECT_EQ(printed, (std::vector<std::string>{slow, other, copy}));  // listed order
  EXPECT_EQ(report->files[0].action, IngestAction::kLoaded);
  EXPECT_EQ(report->files[1].action, IngestAction::kLoaded);
  EXPECT_EQ(report->files[2].action, IngestAction::kUnchanged);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM raw_files"), 2);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM raw_files WHERE path = '" + slow + "'"), 1);
  // The file after the slow one was stored first.
  EXPECT_LT(QueryInt(*db_, "SELECT file_id FROM raw_files WHERE path = '" + other + "'"),
            QueryInt(*db_, "SELECT file_id FROM raw_files WHERE path = '" + slow + "'"));
}

// ---- The whole shared data folder ----------------------------------------------------------

class IngestSharedFolderTest : public IngestTest {};

TEST_F(IngestSharedFolderTest, LoadsEveryRealFileAndReingestsAsUnchanged) {
  const std::string folder = BACKCOURT_SHARED_DATA;
  if (!fs::is_directory(folder)) GTEST_SKIP() << "no " << folder;

  const IngestReport first = Run({folder});
  for (const FileOutcome& f : first.files) {
    EXPECT_NE(f.action, IngestAction::kRefused) << f.path << ": " << f.error;
    // Only the reference tables are not inputs (README.md is not even listed).
    EXPECT_EQ(f.action == IngestAction::kSkipped, f.path.find("/reference/") != std::string::npos)
        << f.path << ": " << ActionName(f.action);
  }
  ASSERT_TRUE(first.ok());

  EXPECT_EQ(QueryInt(*db_,
                     "SELECT COUNT(DISTINCT game_id) FROM schedule WHERE status = 'final' AND "
                     "game_date BETWEEN '2021-10-19' AND '2026-01-02' AND game_type NOT IN "
                     "('preseason', 'all_star')"),
            5795);
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM raw_rejects WHERE IFNULL(reason, '') = ''"), 0);

  auto files = db_->Prepare(
      "SELECT path, rows_loaded, rows_rejected FROM raw_files WHERE path LIKE '%/player_box/%' "
      "OR path LIKE '%/player_logs/%'");
  ASSERT_TRUE(files);
  int player_files = 0;
  while (*files->Step()) {
    ++player_files;
    const int64_t loaded = files->Int(1), rejected = files->Int(2);
    EXPECT_GT(loaded, 0) << files->Text(0);
    EXPECT_LT(rejected * 200, loaded + rejected)
        << files->Text(0) << ": " << rejected << " of " << loaded + rejected << " rows rejected";
  }
  EXPECT_EQ(player_files, 13);

  const std::string before = Snapshot(*db_);
  const IngestReport second = Run({folder});
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second.files.size(), first.files.size());
  for (size_t i = 0; i < second.files.size(); ++i) {
    const IngestAction expected = first.files[i].action == IngestAction::kSkipped
                                      ? IngestAction::kSkipped
                                      : IngestAction::kUnchanged;
    EXPECT_EQ(second.files[i].action, expected) << second.files[i].path;
  }
  EXPECT_EQ(Snapshot(*db_), before);
}

}  // namespace
}  // namespace backcourt
