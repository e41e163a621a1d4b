#pragma once
// Ingest: detect each file's format, read it, and store it in one transaction.
#include <functional>
#include <string>
#include <vector>

#include "core/files.h"
#include "core/status.h"
#include "store/db.h"

namespace backcourt {

struct IngestOptions {
  std::string format;  // empty: detect per file; otherwise a format name such as "bbref-csv"
  // ISO-8601 UTC time (e.g. "2025-10-21T17:00:00Z"): the capture time of betting lines in
  // files that carry none (neither a column nor raw_YYYYMMDD_HHMMSS in the name). Empty: such
  // lines have none. It does not make an unchanged file new: re-ingesting is still a no-op.
  std::string captured_at;
  InputLimits limits;  // caps on one file's decompressed bytes and on one JSON document
  // Test seam: called after a file was read and parsed, before it is stored.
  std::function<void(const std::string& path)> after_read;
};

enum class IngestAction {
  kLoaded,     // new file
  kReplaced,   // same path, new content: its old rows were replaced
  kUnchanged,  // same content already ingested: nothing written
  kSkipped,    // inside a folder and not an input format (README, reference tables)
  kRefused,    // unreadable: nothing of it was kept
};

struct FileOutcome {
  std::string path;
  IngestAction action = IngestAction::kLoaded;
  std::string format;
  int64_t rows = 0;
  int64_t rejects = 0;
  int64_t skipped = 0;  // records deliberately not kept (markets not read), counted in raw_skips
  std::string error;  // for kRefused and kSkipped: the reason
};

struct IngestReport {
  std::vector<FileOutcome> files;
  double seconds = 0;
  int64_t bytes = 0;
  int64_t special_skipped = 0;  // FIFOs, devices, sockets, dangling links, symlink loops
  bool ok() const;
};

std::string_view ActionName(IngestAction action);
std::vector<std::string> FormatNames();

// `paths` may name files and folders (a folder means every file in it). A file that is
// named explicitly and cannot be read is refused; unknown files inside a folder are skipped.
// `on_file` is called after each file (progress).
Result<IngestReport> Ingest(Db& db, const std::vector<std::string>& paths,
                            const IngestOptions& options,
                            const std::function<void(const FileOutcome&)>& on_file = {});

}  // namespace backcourt
