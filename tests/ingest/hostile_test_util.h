#pragma once
// The harness of the hostile-input catalogue: ingest one bad file into a store that already
// holds a good one, and say exactly what happened: refused (with the reason) or loaded (with
// each reject as "file:line: reason"), and whether anything else in the store changed.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "core/hash.h"
#include "ingest/ingest.h"
#include "store/schema.h"
#include "test_files.h"

namespace backcourt::testing {

inline constexpr const char* kRawDataTables[] = {
    "schedule",       "raw_team_box",   "raw_player_box", "raw_odds_events",    "raw_prop_lines",
    "raw_game_lines", "raw_skips",      "raw_rejects",    "raw_injury_reports"};
// The tables of rows a file loads (raw_files.rows_loaded counts these).
inline constexpr const char* kRawRowTables[] = {"schedule",       "raw_team_box",
                                                "raw_player_box", "raw_odds_events",
                                                "raw_prop_lines", "raw_game_lines",
                                                "raw_injury_reports"};

inline std::string HostileFixture(const std::string& name) {
  return TestData("hostile/" + name);
}

// Text of every row of `table` (quoted column by column, in rowid order) matching `where`.
inline std::string TableRows(Db& db, const std::string& table, const std::string& where = "") {
  auto info = db.Prepare("SELECT name FROM pragma_table_info('" + table + "')");
  EXPECT_TRUE(info) << table;
  std::string columns;
  while (info && *info->Step()) {
    columns += (columns.empty() ? "quote(" : " || '|' || quote(") + info->Text(0) + ")";
  }
  auto rows = db.Prepare("SELECT " + columns + " FROM " + table +
                         (where.empty() ? "" : " WHERE " + where) + " ORDER BY rowid");
  EXPECT_TRUE(rows) << table;
  std::string text;
  while (rows && *rows->Step()) text += rows->Text(0) + "\n";
  return text;
}

// SHA-256 of the raw tables' rows, table by table: equal digests mean byte-identical tables.
inline std::string RawDigest(Db& db, const std::string& where = "", bool with_files = true) {
  std::string digest;
  if (with_files) digest += "raw_files " + Sha256Hex(TableRows(db, "raw_files", where)) + "\n";
  for (const char* table : kRawDataTables) {
    digest += std::string(table) + " " + Sha256Hex(TableRows(db, table, where)) + "\n";
  }
  return digest;
}

// What ingesting one file did, as a user would quote it.
struct IngestResult {
  FileOutcome outcome;
  std::vector<std::string> rejects;  // "file:line: reason", in line order
};

// A store holding one good file (a real box score): "left as it was" is then checked
// against data, not against an empty store.
class HostileStore {
 public:
  HostileStore() {
    auto db = OpenStore(":memory:");
    EXPECT_TRUE(db) << db.error().message();
    if (db) db_.emplace(std::move(*db));
    const IngestResult base = Ingest(BaselineFile());
    EXPECT_EQ(base.outcome.action, IngestAction::kLoaded) << base.outcome.error;
  }

  static std::string BaselineFile() {
    return (std::filesystem::path(BACKCOURT_TEST_DATA) / "boxscoretraditionalv2_0022400561.json")
        .string();
  }

  IngestResult Ingest(const std::string& path, const std::string& format = "") {
    IngestOptions options;
    options.format = format;
    auto report = backcourt::Ingest(*db_, {path}, options);
    EXPECT_TRUE(report) << report.error().message();
    IngestResult result;
    if (!report || report->files.size() != 1) {
      ADD_FAILURE() << "expected one file outcome for " << path;
      return result;
    }
    result.outcome = report->files[0];
    auto rejects = db_->Prepare(
        "SELECT f.path, r.line, r.reason FROM raw_rejects r JOIN raw_files f USING (file_id) "
        "WHERE f.path = ? ORDER BY r.line, r.rowid");
    EXPECT_TRUE(rejects);
    rejects->Bind(1, result.outcome.path);
    while (*rejects->Step()) {
      result.rejects.push_back(rejects->Text(0) + ":" + std::to_string(rejects->Int(1)) + ": " +
                               rejects->Text(2));
    }
    return result;
  }

  // Rows of the file at `path` in each raw table, and what raw_files says it loaded.
  std::string FileBookkeeping(const std::string& path) {
    const std::string id = "(SELECT file_id FROM raw_files WHERE path = '" + path + "')";
    int64_t rows = 0;
    for (const char* table : kRawRowTables) {
      rows += Count(std::string("SELECT COUNT(*) FROM ") + table + " WHERE file_id = " + id);
    }
    const int64_t rejects = Count("SELECT COUNT(*) FROM raw_rejects WHERE file_id = " + id);
    return "rows " + std::to_string(rows) + ", rejects " + std::to_string(rejects) +
           "; raw_files: rows " +
           std::to_string(Count("SELECT rows_loaded FROM raw_files WHERE file_id = " + id)) +
           ", rejects " +
           std::to_string(Count("SELECT rows_rejected FROM raw_files WHERE file_id = " + id));
  }

  int64_t Count(const std::string& sql) {
    auto value = db_->QueryInt(sql);
    EXPECT_TRUE(value) << sql;
    return value.value_or(-1);
  }

  Db& db() { return *db_; }

 private:
  std::optional<Db> db_;
};

enum class Expect {
  kRefused,  // the whole file is refused; `error` is the reason
  kLoaded,   // the file loads `rows` rows; `rejects` are its rejected rows
};

struct HostileCase {
  const char* name;     // test name
  const char* fixture;  // file in tests/data/hostile (or the name of a generated file)
  Expect expect;
  const char* error;                 // kRefused: the exact reason
  int64_t rows;                      // kLoaded: rows loaded (all of kRawRowTables)
  std::vector<std::string> rejects;  // kLoaded: "line: reason" of every rejected row
  const char* format = "";           // --format, "" to detect
};

// gtest prints a case by its fixture (ctest lists it so), not as raw bytes.
inline void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.fixture; }

// Ingests `path` into a HostileStore and checks the case's outcome: the exact reason of a
// refusal, or the rows and the exact "file:line: reason" of each reject; that a refused file
// changed nothing, that a loaded one changed no other file's rows and that its raw_files
// record matches the rows written; and that ingesting it again changes nothing.
inline void ExpectOutcome(const HostileCase& c, const std::string& path) {
  HostileStore store;
  const std::string before = RawDigest(store.db());
  const std::string baseline = "file_id = (SELECT file_id FROM raw_files WHERE path = '" +
                               HostileStore::BaselineFile() + "')";
  const std::string baseline_before = RawDigest(store.db(), baseline);

  const IngestResult result = store.Ingest(path, c.format);
  const FileOutcome& outcome = result.outcome;
  EXPECT_EQ(outcome.path, path);
  if (c.expect == Expect::kRefused) {
    EXPECT_EQ(ActionName(outcome.action), "refused");
    EXPECT_EQ(outcome.path + ": " + outcome.error, path + ": " + c.error);
    EXPECT_EQ(RawDigest(store.db()), before) << "a refused file changed the store";
    EXPECT_EQ(store.Count("SELECT COUNT(*) FROM raw_files WHERE path = '" + path + "'"), 0);
    return;
  }
  EXPECT_EQ(ActionName(outcome.action), "loaded") << outcome.error;
  std::vector<std::string> expected;
  for (const std::string& reject : c.rejects) expected.push_back(path + ":" + reject);
  EXPECT_EQ(result.rejects, expected);
  EXPECT_EQ(outcome.rows, c.rows);
  EXPECT_EQ(outcome.rejects, static_cast<int64_t>(c.rejects.size()));
  const std::string counts =
      std::to_string(c.rows) + ", rejects " + std::to_string(c.rejects.size());
  EXPECT_EQ(store.FileBookkeeping(path), "rows " + counts + "; raw_files: rows " + counts);
  EXPECT_EQ(RawDigest(store.db(), baseline), baseline_before) << "another file's rows changed";

  const std::string after = RawDigest(store.db());
  EXPECT_EQ(ActionName(store.Ingest(path, c.format).outcome.action), "unchanged");
  EXPECT_EQ(RawDigest(store.db()), after);
}

// Resets the peak resident memory (VmHWM) to the current one, so that a test measures its own
// peak whatever ran before it in the process (Linux: "5" to /proc/self/clear_refs).
inline void ResetPeakResident() { std::ofstream("/proc/self/clear_refs") << "5"; }

// Peak resident memory of this process (VmHWM), in MiB; nullopt when unknown.
inline std::optional<int64_t> PeakResidentMiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) / 1024;
  }
  return std::nullopt;
}

}  // namespace backcourt::testing
