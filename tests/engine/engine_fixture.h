#pragma once
// The bundled 2023-24 sample ingested once into a template database; each test copies it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/hash.h"
#include "engine/backfill.h"
#include "ingest/ingest.h"
#include "store/schema.h"

namespace backcourt::testing {

inline std::string SampleTemplateDb() {
  namespace fs = std::filesystem;
  static const std::string path = [] {
    const fs::path dir = fs::temp_directory_path() / ("backcourt_engine_" + std::to_string(getpid()));
    fs::create_directories(dir);
    const std::string db_path = (dir / "template.db").string();
    auto db = OpenStore(db_path);
    EXPECT_TRUE(db);
    auto report = Ingest(*db, {std::string(BACKCOURT_SOURCE_DIR) + "/data/sample"}, {});
    EXPECT_TRUE(report && report->ok());
    EXPECT_TRUE(db->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    return db_path;
  }();
  return path;
}

// Row-by-row hash of a table in key order (every column).
inline std::string TableHash(Db& db, const std::string& table) {
  auto stmt = db.Prepare("SELECT * FROM " + table + " ORDER BY game_id, 2, 3, 4, 5, 6");
  EXPECT_TRUE(stmt);
  Hasher hasher;
  for (;;) {
    auto row = stmt->Step();
    EXPECT_TRUE(row);
    if (!row || !*row) break;
    for (int c = 0; c < stmt->ColumnCount(); ++c) hasher.Add(stmt->IsNull(c) ? "\x01NULL" : stmt->Text(c));
  }
  return hasher.HexDigest();
}

// A fresh copy of the ingested sample, at a path unique to the calling test.
inline std::string FreshSampleDb(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path target = fs::path(SampleTemplateDb()).parent_path() / (name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(target.string() + suffix);
  fs::copy_file(SampleTemplateDb(), target);
  return target.string();
}

}  // namespace backcourt::testing
