#pragma once
// Files on disk: bounded, consistent reads of input files (transparent gunzip, folder
// expansion that skips what is not a regular file) and atomic writes of outputs.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace backcourt {

// How much one input may hold once read (what a reader is handed).
struct InputLimits {
  int64_t max_decompressed_bytes = int64_t{256} << 20;  // a file's bytes after gunzip
  int64_t max_json_document_bytes = int64_t{64} << 20;  // one JSON document (its DOM costs more)
};

// What identifies the bytes a file held when it was read.
struct FileIdentity {
  uint64_t device = 0, inode = 0;
  int64_t size = 0;
  int64_t mtime_ns = 0, ctime_ns = 0;
  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

struct FileSnapshot {
  std::string bytes;  // as stored (a .gz stays compressed: its sha256 is of these bytes)
  FileIdentity identity;
};

// Reads a regular file whole. Refuses (never blocks on) FIFOs, devices, sockets and
// folders; refuses a file larger than `max_bytes`; refuses a file whose size, mtime or
// inode changed while it was read ("changed while reading, try again").
Result<FileSnapshot> ReadFileSnapshot(const std::string& path, int64_t max_bytes);
// After the bytes were used: the file still has `identity` and still hashes to `sha256`;
// otherwise the same "changed while reading" error.
Status CheckUnchanged(const std::string& path, const FileIdentity& identity,
                      const std::string& sha256);
// The file's bytes as stored, unbounded (small trusted files).
Result<std::string> ReadWholeFile(const std::string& path);

// Gunzips when `bytes` start with the gzip magic, inflating in chunks and stopping as soon
// as the output passes `max_bytes` (a bomb is refused after reading at most that much);
// otherwise returns them unchanged (bounded by `max_bytes` as well).
Result<std::string> MaybeGunzip(std::string bytes, int64_t max_bytes = int64_t{256} << 20);

// Paths found while expanding folders that are not read, with why.
struct SkippedPath {
  std::string path, reason;  // "symlink loop", "dangling link", "a FIFO", ...
};
struct ExpandedPaths {
  std::vector<std::string> files;
  std::vector<SkippedPath> skipped;
};
// Expands folders into their regular files (recursively, sorted; hidden files and .md
// notes left out). FIFOs, devices, sockets, dangling links and symlink loops inside a
// folder are skipped and listed, never fatal. A path given directly stays as given (the
// reader refuses it if it is not a regular file); a missing path is an error.
Result<ExpandedPaths> ExpandInputPaths(const std::vector<std::string>& paths);

// Writes `path` atomically: a temporary file in the same folder, fsync, rename over
// `path`, fsync of the folder. On any failure `path` keeps its previous bytes (or stays
// absent) and the temporary file is removed.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// The name of the previous version of `path` to keep before replacing it:
// "<stem>.v1<ext>", "<stem>.v2<ext>", ... the first that does not exist.
std::string NextVersionedPath(const std::string& path);

}  // namespace backcourt
