#include "store/db.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/ddl.h"
#include "store/derived_store.h"
#include "store/partition_store.h"
#include "store/raw_store.h"
#include "store/schema.h"
#include "store/store_backends.h"

namespace backcourt {
namespace {

using DbTest = testing::BackendTest;
using SchemaTest = testing::BackendTest;
using TableTest = testing::BackendTest;
using DerivedStoreTest = testing::BackendTest;
using RawStoreTest = testing::BackendTest;

TEST_P(DbTest, TransactionRollsBackUnlessCommitted) {
  auto db = Db::Open(target());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec("CREATE TABLE t (x INTEGER)"));
  {
    auto txn = Transaction::Begin(*db);
    ASSERT_TRUE(txn);
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)"));
  }
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM t"), 0);
  {
    auto txn = Transaction::Begin(*db);
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1)"));
    ASSERT_TRUE(txn->Commit());
  }
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM t"), 1);
}

TEST_P(DbTest, SqlErrorsAreValuesNamingTheStatement) {
  auto db = Db::Open(target());
  auto stmt = db->Prepare("SELECT * FROM missing_table");
  ASSERT_FALSE(stmt);
  EXPECT_NE(stmt.error().message().find("missing_table"), std::string::npos);
}

TEST_P(SchemaTest, MigrationSetsUserVersionAndIsIdempotent) {
  auto db = OpenStore(target());
  ASSERT_TRUE(db);
  EXPECT_EQ(*db->SchemaVersion(), CurrentSchemaVersion());
  ASSERT_TRUE(Migrate(*db));
  for (const char* table : {"raw_files", "raw_rejects", "schedule", "raw_team_box",
                            "raw_player_box", "partitions", "runs"}) {
    EXPECT_TRUE(*db->TableExists(table)) << table;
  }
  EXPECT_FALSE(*db->TableExists("no_such_table"));
}

// An ingest killed while the raw date indexes were dropped must not leave them missing.
// A connection whose statements went back to its cache still closes for real: SQLite then
// checkpoints its write-ahead log into the file and removes it, so copying the file alone
// copies everything committed.
TEST(SqliteDbTest, ClosingCheckpointsTheLogEvenWithCachedStatements) {
  const std::string path =
      (std::filesystem::path(::testing::TempDir()) / "close_checkpoint_test.db").string();
  std::filesystem::remove(path);
  {
    auto db = Db::Open(path);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Exec("CREATE TABLE t (x INTEGER)"));
    auto insert = db->Prepare("INSERT INTO t VALUES (?)");
    ASSERT_TRUE(insert);
    ASSERT_TRUE(insert->Bind(1, int64_t{7}).Run());
    EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM t"), 1);
    EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
  }
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  std::filesystem::remove(path);
}

TEST(SchemaTest, MissingRawDateIndexesAreMadeAgain) {
  auto db = OpenStore(":memory:");
  ASSERT_TRUE(db);
  const std::string indexes =
      "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name IN "
      "('raw_team_box_date', 'raw_player_box_date')";
  EXPECT_EQ(*db->QueryInt(indexes), 2);
  ASSERT_TRUE(DropRawDateIndexes(*db));
  EXPECT_EQ(*db->QueryInt(indexes), 0);
  ASSERT_TRUE(CreateRawDateIndexes(*db));
  EXPECT_EQ(*db->QueryInt(indexes), 2);
  ASSERT_TRUE(CreateRawDateIndexes(*db));  // both present: nothing to do
  EXPECT_EQ(*db->QueryInt(indexes), 2);
}

struct TinyRow {
  std::string game_date;
  std::optional<double> a, b;
};

// Every kind of column, one nested: what the typed field access must bind, read and hash.
struct Inner {
  std::optional<int64_t> count;
};
struct WideRow {
  std::string game_date;
  int64_t n = 0;
  double x = 0;
  std::optional<int64_t> maybe_n;
  std::optional<double> maybe_x;
  std::optional<std::string> maybe_text;
  Inner inner;
};

const Table<WideRow>& WideTable() {
  using R = WideRow;
  static const Table<R> table{"wide",
                              {Col("game_date", &R::game_date), Col("n", &R::n), Col("x", &R::x),
                               Col("maybe_n", &R::maybe_n), Col("maybe_x", &R::maybe_x),
                               Col("maybe_text", &R::maybe_text),
                               Col("count", &R::inner, &Inner::count)},
                              {},
                              {}};
  return table;
}

WideRow MakeWideRow(int i) {
  WideRow row;
  row.game_date = "2024-01-" + std::to_string(10 + i % 20);
  row.n = i;
  row.x = i * 0.5;
  if (i % 2) row.maybe_n = -i;
  if (i % 3) row.maybe_x = i / 3.0;
  if (i % 5) row.maybe_text = "t" + std::to_string(i);
  if (i % 7) row.inner.count = i * 10;
  return row;
}

// The bulk writer inserts in batches and one row at a time for the rest: 2 batches and 6
// rows here, read back in order and equal field by field.
TEST_P(TableTest, BulkWriterRowsReadBackInOrderAndEqual) {
  auto db = Db::Open(target());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Exec(DialectDdl(CreateTableSql(WideTable()), db->dialect())));
  std::vector<WideRow> rows;
  const int count = 2 * static_cast<int>(BulkWriter<WideRow>::kBatchRows) + 6;
  for (int i = 0; i < count; ++i) rows.push_back(MakeWideRow(i));
  auto writer = BulkWriter<WideRow>::Create(*db, WideTable());
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->Append(rows));
  auto back = ReadRows(*db, WideTable(), "1 = 1 ORDER BY rowid", [](Statement&) {});
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const WideRow& a = rows[i];
    const WideRow& b = (*back)[i];
    EXPECT_EQ(a.game_date, b.game_date) << i;
    EXPECT_EQ(a.n, b.n) << i;
    EXPECT_EQ(a.x, b.x) << i;
    EXPECT_EQ(a.maybe_n, b.maybe_n) << i;
    EXPECT_EQ(a.maybe_x, b.maybe_x) << i;
    EXPECT_EQ(a.maybe_text, b.maybe_text) << i;
    EXPECT_EQ(a.inner.count, b.inner.count) << i;
  }
}

// The data-version contract: a row hashes as its fields in declared order, text
// length-prefixed, numbers as their 8 bytes, NULL as one tag.
TEST(TableHashTest, HashRowFeedsEachFieldInDeclaredOrder) {
  for (int i : {0, 1, 6, 35}) {
    const WideRow row = MakeWideRow(i);
    Hasher expected;
    expected.Add(row.game_date);
    expected.AddI64(row.n);
    expected.AddDouble(row.x);
    row.maybe_n ? expected.AddI64(*row.maybe_n) : expected.AddNull();
    row.maybe_x ? expected.AddDouble(*row.maybe_x) : expected.AddNull();
    row.maybe_text ? expected.Add(*row.maybe_text) : expected.AddNull();
    row.inner.count ? expected.AddI64(*row.inner.count) : expected.AddNull();
    Hasher actual;
    HashRow(WideTable(), row, actual);
    EXPECT_EQ(actual.digest(), expected.digest()) << i;
  }
}

TEST_P(DerivedStoreTest, AChangedSchemaRecreatesTheTableAndForgetsItsPartitions) {
  auto db = OpenStore(target());
  ASSERT_TRUE(db);
  const Table<TinyRow> v1{"tiny", {Col("game_date", &TinyRow::game_date), Col("a", &TinyRow::a)},
                          {}, {}};
  const Table<TinyRow> v2{"tiny",
                          {Col("game_date", &TinyRow::game_date), Col("a", &TinyRow::a),
                           Col("b", &TinyRow::b)},
                          {}, {}};
  ASSERT_TRUE(EnsureDerivedTable(*db, v1));
  ASSERT_TRUE(ReplacePartitionRows(*db, v1, "2024-01-01", {TinyRow{"2024-01-01", 1.0, {}}}));
  PartitionRecord record;
  record.table_name = "tiny", record.game_date = "2024-01-01", record.status = PartitionStatus::kOk;
  ASSERT_TRUE(PartitionStore(*db).Upsert(record));
  ASSERT_TRUE(EnsureDerivedTable(*db, v1));  // unchanged: kept
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM tiny"), 1);

  auto changed = EnsureDerivedTable(*db, v2);
  ASSERT_TRUE(changed) << changed.error().message();
  EXPECT_EQ(*changed, TableSchema::kOlder);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM tiny WHERE b IS NULL"), 0);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM partitions WHERE table_name = 'tiny'"), 0);
}

// A column backcourt does not declare (a user's ALTER TABLE, another version's table) is
// never dropped: the table is refused, naming the column, and keeps every row.
TEST_P(DerivedStoreTest, ATableWithAnUndeclaredColumnIsRefusedNeverDropped) {
  auto db = OpenStore(target());
  ASSERT_TRUE(db);
  const Table<TinyRow> v1{"tiny", {Col("game_date", &TinyRow::game_date), Col("a", &TinyRow::a)},
                          {}, {}};
  ASSERT_TRUE(EnsureDerivedTable(*db, v1));
  ASSERT_TRUE(ReplacePartitionRows(*db, v1, "2024-01-01", {TinyRow{"2024-01-01", 1.0, {}}}));
  ASSERT_TRUE(db->Exec("ALTER TABLE tiny ADD COLUMN my_note TEXT"));
  auto state = CheckDerivedTable(*db, v1);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->schema, TableSchema::kForeign);
  EXPECT_EQ(state->undeclared, std::vector<std::string>{"my_note"});
  auto refused = EnsureDerivedTable(*db, v1);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("my_note"), std::string::npos) << refused.error().message();
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM tiny"), 1);
}

TEST_P(SchemaTest, RefusesADatabaseFromANewerBackcourt) {
  auto db = OpenStore(target());
  ASSERT_TRUE(db->SetSchemaVersion(999));
  auto status = Migrate(*db);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message().find("newer"), std::string::npos);
}

ParsedFile OnePlayerFile(int64_t points) {
  ParsedFile parsed;
  parsed.format = "nba-stats-csv";
  PlayerBoxRow row;
  row.source = "nba-stats-csv";
  row.line = 2;
  row.game_id = "0022300061";
  row.team = "LAL";
  row.player_id = 2544;
  row.player_name = "LeBron James";
  row.minutes = 29.0166;
  row.stats.pts = points;
  parsed.player_box.push_back(row);
  parsed.rejects.push_back(RejectRow{3, "minutes '12:75' has seconds >= 60", "x"});
  return parsed;
}

TEST_P(RawStoreTest, ReplacingAFileReplacesExactlyItsRows) {
  auto db = OpenStore(target());
  RawStore store(*db);
  ASSERT_TRUE(store.ReplaceFile("/a.csv", "sha-a", 10, OnePlayerFile(21)));
  ASSERT_TRUE(store.ReplaceFile("/b.csv", "sha-b", 10, OnePlayerFile(5)));
  ASSERT_TRUE(store.ReplaceFile("/a.csv", "sha-a2", 10, OnePlayerFile(30)));
  auto rows = store.LoadPlayerBox("", "9999-12-31");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  int64_t total = 0;
  for (const auto& row : *rows) total += *row.stats.pts;
  EXPECT_EQ(total, 35);
  EXPECT_EQ((*rows)[0].minutes, 29.0166);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM raw_rejects"), 2);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM raw_files"), 2);
  auto found = store.FindFileBySha("sha-a2");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->path, "/a.csv");
  EXPECT_EQ((*found)->rows_rejected, 1);
}

BC_INSTANTIATE_BACKENDS(DbTest);
BC_INSTANTIATE_BACKENDS(SchemaTest);
BC_INSTANTIATE_BACKENDS(TableTest);
BC_INSTANTIATE_BACKENDS(DerivedStoreTest);
BC_INSTANTIATE_BACKENDS(RawStoreTest);

}  // namespace
}  // namespace backcourt
