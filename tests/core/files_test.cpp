// Files: atomic writes keep the previous file on failure; folder expansion survives loops.
#include "core/files.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "test_files.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;
using testing::ReadBytes;
using testing::TempDir;

size_t EntriesIn(const std::string& folder) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder)) ++n;
  return n;
}

TEST(FilesTest, AtomicWriteReplacesTheFileAndLeavesNoTemporary) {
  TempDir dir;
  const std::string path = dir.Write("report.html", "old");
  ASSERT_TRUE(WriteFileAtomically(path, "new contents"));
  EXPECT_EQ(ReadBytes(path), "new contents");
  EXPECT_EQ(EntriesIn(dir.path()), 1u);
  const std::string fresh = (fs::path(dir.path()) / "fresh.csv").string();
  ASSERT_TRUE(WriteFileAtomically(fresh, "a,b\n"));
  EXPECT_EQ(ReadBytes(fresh), "a,b\n");
}

// Regression (issue 13): `report --html` on a full disk truncated the previous report.
TEST(FilesTest, FailedAtomicWriteLeavesThePreviousFileByteIdentical) {
  TempDir dir;
  const std::string previous(100000, 'p');
  const std::string path = dir.Write("report.html", previous);
  setenv("BACKCOURT_INJECT_WRITE_FAULT", "fail", 1);
  const Status status = WriteFileAtomically(path, std::string(200000, 'n'));
  unsetenv("BACKCOURT_INJECT_WRITE_FAULT");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message().find(path), std::string::npos) << status.error().message();
  EXPECT_EQ(ReadBytes(path), previous);
  EXPECT_EQ(EntriesIn(dir.path()), 1u) << "temporary file left behind";
}

TEST(FilesTest, AtomicWriteIntoAMissingFolderFailsNamingThePath) {
  TempDir dir;
  const std::string path = (fs::path(dir.path()) / "no" / "such" / "r.html").string();
  const Status status = WriteFileAtomically(path, "x");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message().find(path), std::string::npos);
}

TEST(FilesTest, VersionedPathsCountUpFromOne) {
  TempDir dir;
  const std::string path = dir.Write("m.json", "0");
  EXPECT_EQ(NextVersionedPath(path), (fs::path(dir.path()) / "m.v1.json").string());
  dir.Write("m.v1.json", "1");
  EXPECT_EQ(NextVersionedPath(path), (fs::path(dir.path()) / "m.v2.json").string());
}

// Regression (issue 13): a symlink loop under a folder aborted the whole ingest; dangling
// links and FIFOs were skipped without a count.
TEST(FilesTest, SpecialEntriesInsideAFolderAreSkippedWithWhyNeverFatal) {
  TempDir dir;
  const fs::path root = fs::path(dir.path()) / "in";
  dir.Write("in/a.csv", "x\n");
  dir.Write("in/sub/b.csv", "y\n");
  fs::create_symlink(root / "loop2", root / "loop1");
  fs::create_symlink(root / "loop1", root / "loop2");
  fs::create_symlink(root / "missing.csv", root / "dangling.csv");
  fs::create_directory_symlink(root, root / "sub" / "back_to_root");  // folder cycle
  ASSERT_EQ(mkfifo((root / "pipe").c_str(), 0644), 0);
  auto expanded = ExpandInputPaths({root.string()});
  ASSERT_TRUE(expanded) << expanded.error().message();
  ASSERT_EQ(expanded->files.size(), 2u);
  EXPECT_EQ(expanded->files[0], (root / "a.csv").string());
  EXPECT_EQ(expanded->files[1], (root / "sub" / "b.csv").string());
  std::map<std::string, std::string> why;
  for (const SkippedPath& s : expanded->skipped) why[fs::path(s.path).filename().string()] = s.reason;
  EXPECT_EQ(why["loop1"], "symlink loop");
  EXPECT_EQ(why["loop2"], "symlink loop");
  EXPECT_EQ(why["dangling.csv"], "dangling link");
  EXPECT_EQ(why["pipe"], "a FIFO (named pipe)");
  EXPECT_EQ(expanded->skipped.size(), 4u);
}

TEST(FilesTest, AFifoIsRefusedWithoutOpeningItForReading) {
  TempDir dir;
  const std::string fifo = (fs::path(dir.path()) / "pipe").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0644), 0);
  auto read = ReadFileSnapshot(fifo, 1 << 20);  // would block forever with a plain open
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message().find("FIFO"), std::string::npos) << read.error().message();
}

TEST(FilesTest, SnapshotOfARewrittenFileIsRefusedAsChanged) {
  TempDir dir;
  const std::string path = dir.Write("log.csv", "a,b\n1,2\n");
  auto snapshot = ReadFileSnapshot(path, 1 << 20);
  ASSERT_TRUE(snapshot);
  dir.Write("log.csv", "a,b\n1,2\n3,4\n");
  const Status same = CheckUnchanged(path, snapshot->identity, "sha-of-the-first-read");
  ASSERT_FALSE(same);
  EXPECT_NE(same.error().message().find("changed while reading, try again"), std::string::npos);
}

}  // namespace
}  // namespace backcourt
