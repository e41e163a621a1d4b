// The backfill's single writer on a made-up table: a partition's rows, gaps and record go
// in one transaction, and a batch that fails leaves nothing of itself behind.
#include "engine/partition_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "store/schema.h"

namespace backcourt {
namespace {

// Rows of the table "tiny" (game_date, value). Write replaces the date's rows; a failing
// output writes them first, so only a rollback can take them away again.
class TinyOutput : public PartitionOutput {
 public:
  explicit TinyOutput(std::vector<int64_t> values) : values_(std::move(values)) {}
  size_t rows() const override { return values_.size(); }
  std::string DataVersion() const override { return fmt::format("{}", fmt::join(values_, ",")); }
  Status Write(Db& db, const std::string& date) const override {
    if (before_write) before_write();
    BC_RETURN_IF_ERROR(db.Exec(fmt::format("DELETE FROM tiny WHERE game_date = '{}'", date)));
    for (int64_t v : values_) {
      BC_RETURN_IF_ERROR(db.Exec(fmt::format("INSERT INTO tiny VALUES ('{}', {})", date, v)));
    }
    if (fail_writes > 0) {
      --fail_writes;
      return Fail(fail_kind, "the disk is full (injected)");
    }
    return {};
  }

  mutable int fail_writes = 0;  // how many Write calls fail, after writing their rows
  ErrorKind fail_kind = ErrorKind::kInvalidInput;
  std::function<void()> before_write;

 private:
  std::vector<int64_t> values_;
};

PartitionWrite Build(size_t task, const std::string& date, PartitionStatus status,
                     std::unique_ptr<TinyOutput> output) {
  PartitionWrite write;
  write.task = task;
  write.record.table_name = "tiny";
  write.record.game_date = date;
  write.record.status = status;
  write.record.processor_version = "1";
  if (output != nullptr) {
    write.record.rows = static_cast<int64_t>(output->rows());
    write.record.data_version = output->DataVersion();
  }
  write.output = std::move(output);
  return write;
}

std::unique_ptr<TinyOutput> Rows(std::vector<int64_t> values) {
  return std::make_unique<TinyOutput>(std::move(values));
}

struct Outcome {
  size_t task;
  bool ok;
  std::string error;
  bool rows_kept;
};

class PartitionWriterTest : public ::testing::Test {
 protected:
  void Open(const std::string& path) {
    auto db = OpenStore(path);
    ASSERT_TRUE(db) << db.error().message();
    db_ = std::make_unique<Db>(std::move(*db));
    ASSERT_TRUE(db_->Exec("CREATE TABLE IF NOT EXISTS tiny (game_date TEXT, value INTEGER)"));
  }
  void SetUp() override { Open(":memory:"); }

  PartitionWriter::Done Record() {
    return [this](PartitionWrite& write, const Status& status, double) {
      std::lock_guard lock(mu_);
      outcomes_.push_back(
          {write.task, bool(status), status ? "" : status.error().message(), write.rows_kept});
    };
  }

  // `column` of the date's rows in its order, comma-separated ("" when there are none).
  std::string Joined(const std::string& column, const std::string& date) {
    auto stmt = db_->Prepare(fmt::format("SELECT group_concat({0}) FROM (SELECT {0} FROM tiny "
                                         "WHERE game_date = ? ORDER BY {0})",
                                         column));
    EXPECT_TRUE(stmt);
    stmt->Bind(1, date);
    EXPECT_TRUE(*stmt->Step());
    return stmt->IsNull(0) ? "" : stmt->Text(0);
  }
  std::string Values(const std::string& date) { return Joined("value", date); }
  std::optional<PartitionRecord> RecordOf(const std::string& date) {
    auto record = PartitionStore(*db_).Find("tiny", date);
    EXPECT_TRUE(record) << record.error().message();
    return record ? *record : std::nullopt;
  }
  // The rowids of the date's rows: they change when the rows are written again.
  std::string RowIds(const std::string& date) { return Joined("rowid", date); }
  size_t GapCount(const std::string& date) {
    auto gaps = PartitionStore(*db_).Gaps("tiny", date);
    EXPECT_TRUE(gaps);
    return gaps ? gaps->size() : 0;
  }

  std::unique_ptr<Db> db_;
  std::mutex mu_;
  std::vector<Outcome> outcomes_;
};

TEST_F(PartitionWriterTest, WritesRowsGapsAndRecordTogether) {
  PartitionWriter writer(*db_, 1, /*threaded=*/false, Record());
  auto output = Rows({3, 1, 2});
  output->gaps.push_back({"0022300061", "LAL", "no player rows"});
  writer.Submit(Build(7, "2024-01-05", PartitionStatus::kPartial, std::move(output)));
  writer.Close();
  ASSERT_EQ(outcomes_.size(), 1u);
  EXPECT_EQ(outcomes_[0].task, 7u);
  EXPECT_TRUE(outcomes_[0].ok) << outcomes_[0].error;
  EXPECT_EQ(Values("2024-01-05"), "1,2,3");
  EXPECT_EQ(GapCount("2024-01-05"), 1u);
  const auto record = RecordOf("2024-01-05");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, PartitionStatus::kPartial);
  EXPECT_EQ(record->rows, 3);
  EXPECT_EQ(record->data_version, "3,1,2");
}

// A failed or blocked rebuild writes its record only: the last good rows and gaps stay.
TEST_F(PartitionWriterTest, AFailedOrBlockedRecordKeepsTheLastGoodRows) {
  PartitionWriter writer(*db_, 1, false, Record());
  auto good = Rows({1, 2});
  good->gaps.push_back({"0022300061", "", "no team rows"});
  writer.Submit(Build(0, "2024-01-05", PartitionStatus::kPartial, std::move(good)));
  for (PartitionStatus status : {PartitionStatus::kFailed, PartitionStatus::kBlocked}) {
    PartitionWrite write = Build(1, "2024-01-05", status, nullptr);
    write.record.last_error = "upstream raw 2024-01-05 is missing";
    writer.Submit(std::move(write));
    EXPECT_EQ(Values("2024-01-05"), "1,2") << status;
    EXPECT_EQ(GapCount("2024-01-05"), 1u) << status;
    const auto record = RecordOf("2024-01-05");
    ASSERT_TRUE(record);
    EXPECT_EQ(record->status, status);
    EXPECT_EQ(record->last_error, "upstream raw 2024-01-05 is missing");
  }
}

// A date that turns out to have no games loses its rows and gaps.
TEST_F(PartitionWriterTest, NoGamesDeletesTheDatesRows) {
  PartitionWriter writer(*db_, 1, false, Record());
  auto good = Rows({1, 2});
  good->gaps.push_back({"0022300061", "", "no team rows"});
  writer.Submit(Build(0, "2024-01-05", PartitionStatus::kPartial, std::move(good)));
  writer.Submit(Build(0, "2024-01-06", PartitionStatus::kOk, Rows({5})));
  writer.Submit(Build(1, "2024-01-05", PartitionStatus::kNoGames, nullptr));
  EXPECT_EQ(Values("2024-01-05"), "");
  EXPECT_EQ(GapCount("2024-01-05"), 0u);
  EXPECT_EQ(RecordOf("2024-01-05")->status, PartitionStatus::kNoGames);
  EXPECT_EQ(Values("2024-01-06"), "5");  // other dates untouched
}

// A rebuild that comes out exactly as stored (same data version and rows) keeps the stored
// rows and gaps; its record is written. A different build replaces them.
TEST_F(PartitionWriterTest, ARebuildThatComesOutAsStoredKeepsItsRows) {
  PartitionWriter writer(*db_, 1, false, Record());
  auto first = Rows({1, 2});
  first->gaps.push_back({"0022300061", "LAL", "no player rows"});
  writer.Submit(Build(0, "2024-01-05", PartitionStatus::kPartial, std::move(first)));
  // Rows after them: rows written again would not get the same rowids back.
  ASSERT_TRUE(db_->Exec("INSERT INTO tiny VALUES ('2024-01-06', 9)"));
  const std::string stored = RowIds("2024-01-05");
  ASSERT_FALSE(stored.empty());

  auto same = Rows({1, 2});
  same->gaps.push_back({"0022300061", "LAL", "no player rows"});
  PartitionWrite rebuilt = Build(1, "2024-01-05", PartitionStatus::kPartial, std::move(same));
  rebuilt.record.processor_version = "2";
  writer.Submit(std::move(rebuilt));
  ASSERT_EQ(outcomes_.size(), 2u);
  EXPECT_FALSE(outcomes_[0].rows_kept);
  EXPECT_TRUE(outcomes_[1].ok) << outcomes_[1].error;
  EXPECT_TRUE(outcomes_[1].rows_kept);
  EXPECT_EQ(RowIds("2024-01-05"), stored);  // not written again
  EXPECT_EQ(GapCount("2024-01-05"), 1u);
  EXPECT_EQ(RecordOf("2024-01-05")->processor_version, "2");

  writer.Submit(Build(2, "2024-01-05", PartitionStatus::kOk, Rows({1, 3})));
  EXPECT_FALSE(outcomes_[2].rows_kept);
  EXPECT_EQ(Values("2024-01-05"), "1,3");
  EXPECT_EQ(GapCount("2024-01-05"), 0u);
  EXPECT_EQ(RecordOf("2024-01-05")->data_version, "1,3");
}

// The stored record is not taken on trust: rows deleted behind it are written again, and a
// record without a data version (no_games) never matches.
TEST_F(PartitionWriterTest, RowsMissingBehindTheRecordAreWrittenAgain) {
  PartitionWriter writer(*db_, 1, false, Record());
  writer.Submit(Build(0, "2024-01-05", PartitionStatus::kOk, Rows({1, 2})));
  ASSERT_TRUE(db_->Exec("DELETE FROM tiny WHERE value = 2"));
  writer.Submit(Build(1, "2024-01-05", PartitionStatus::kOk, Rows({1, 2})));
  EXPECT_FALSE(outcomes_[1].rows_kept);
  EXPECT_EQ(Values("2024-01-05"), "1,2");

  writer.Submit(Build(2, "2024-01-06", PartitionStatus::kNoGames, nullptr));
  writer.Submit(Build(3, "2024-01-06", PartitionStatus::kOk, Rows({})));
  EXPECT_FALSE(outcomes_[3].rows_kept);
  EXPECT_EQ(RecordOf("2024-01-06")->status, PartitionStatus::kOk);
}

TEST_F(PartitionWriterTest, ABusyDatabaseIsRetried) {
  PartitionWriter writer(*db_, 3, false, Record());
  auto output = Rows({4});
  output->fail_writes = 2;
  output->fail_kind = ErrorKind::kBusy;
  writer.Submit(Build(0, "2024-01-05", PartitionStatus::kOk, std::move(output)));
  ASSERT_EQ(outcomes_.size(), 1u);
  EXPECT_TRUE(outcomes_[0].ok) << outcomes_[0].error;
  EXPECT_EQ(Values("2024-01-05"), "4");  // once, though written three times
}

TEST_F(PartitionWriterTest, ADataErrorIsNotRetried) {
  PartitionWriter writer(*db_, 3, false, Record());
  auto output = Rows({4});
  output->fail_writes = 1;
  writer.Submit(Build(0, "2024-01-05", PartitionStatus::kOk, std::move(output)));
  ASSERT_EQ(outcomes_.size(), 1u);
  EXPECT_FALSE(outcomes_[0].ok);
  EXPECT_EQ(outcomes_[0].error, "the disk is full (injected)");
  EXPECT_EQ(Values("2024-01-05"), "");
  EXPECT_FALSE(RecordOf("2024-01-05"));
}

// Group commit on the writer thread: the partitions queued while a transaction runs share
// the next one. When a partition of that batch fails, the batch rolls back and is written
// again one partition per transaction: only the partition at fault fails, keeping its
// previous good build; the others of its batch are written.
TEST_F(PartitionWriterTest, AFailedBatchFailsOnlyThePartitionAtFault) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / fmt::format("backcourt_writer_{}", getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  Open((dir / "writer.db").string());
  {
    PartitionWriter first(*db_, 1, /*threaded=*/true, Record());
    auto good = Rows({1});
    good->gaps.push_back({"0022300061", "LAL", "no player rows"});
    first.Submit(Build(0, "2024-01-01", PartitionStatus::kPartial, std::move(good)));
    first.Submit(Build(1, "2024-01-02", PartitionStatus::kOk, Rows({2})));
  }
  ASSERT_EQ(outcomes_.size(), 2u);
  outcomes_.clear();

  std::mutex mu;
  std::condition_variable cv;
  bool writing = false, release = false;
  {
    PartitionWriter writer(*db_, 1, true, Record());
    // The first partition holds the writer inside its transaction while three more queue.
    auto held = Rows({3});
    held->before_write = [&] {
      std::unique_lock lock(mu);
      writing = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
    };
    writer.Submit(Build(10, "2024-01-03", PartitionStatus::kOk, std::move(held)));
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return writing; });
    }
    writer.Submit(Build(11, "2024-01-01", PartitionStatus::kOk, Rows({10, 11})));
    auto failing = Rows({20});
    failing->fail_writes = 2;  // in the batch, and again alone
    writer.Submit(Build(12, "2024-01-02", PartitionStatus::kOk, std::move(failing)));
    writer.Submit(Build(13, "2024-01-04", PartitionStatus::kOk, Rows({40})));
    {
      std::lock_guard lock(mu);
      release = true;
    }
    cv.notify_all();
  }

  ASSERT_EQ(outcomes_.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(outcomes_[i].task, 10u + i);  // in submission order
    EXPECT_EQ(outcomes_[i].ok, i != 2) << outcomes_[i].task << " " << outcomes_[i].error;
  }
  EXPECT_EQ(outcomes_[2].error, "the disk is full (injected)");
  EXPECT_EQ(Values("2024-01-03"), "3");  // the batch before committed
  EXPECT_EQ(Values("2024-01-01"), "10,11");  // written alone after the batch failed
  EXPECT_EQ(GapCount("2024-01-01"), 0u);
  EXPECT_EQ(RecordOf("2024-01-01")->status, PartitionStatus::kOk);
  EXPECT_EQ(Values("2024-01-02"), "2");  // the failing partition: its previous good build
  EXPECT_EQ(RecordOf("2024-01-02")->data_version, "2");
  EXPECT_EQ(Values("2024-01-04"), "40");
  EXPECT_TRUE(RecordOf("2024-01-04"));
  db_.reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace backcourt
