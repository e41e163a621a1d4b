#include "ingest/ingest.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "core/files.h"
#include "core/hash.h"
#include "core/timestamp.h"
#include "ingest/csv.h"
#include "ingest/reader.h"
#include "core/text.h"
#include "store/raw_store.h"

namespace backcourt {
namespace {

constexpr size_t kMaxRefusalBytes = 500;

const Reader* FindReader(const std::vector<std::unique_ptr<Reader>>& readers,
                         const InputFile& file, const std::string& format) {
  for (const auto& reader : readers) {
    if (format.empty() ? reader->Detect(file) : reader->format() == format) return reader.get();
  }
  return nullptr;
}

// A JSON document's parse tree takes many times its text: bounded before parsing.
Status CheckJsonDocumentSize(const std::string& content, const InputLimits& limits) {
  const size_t first = content.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  const bool json = first != std::string::npos && (content[first] == '{' || content[first] == '[');
  if (!json || static_cast<int64_t>(content.size()) <= limits.max_json_document_bytes) return {};
  return InvalidInput(fmt::format(
      "one JSON document of {:.0f} MiB is larger than the cap of {:.0f} MiB: raise it with "
      "ingest --max-json-mib if the file is genuine",
      static_cast<double>(content.size()) / (1 << 20),
      static_cast<double>(limits.max_json_document_bytes) / (1 << 20)));
}

template <class Row>
void TagSource(std::vector<Row>& rows, const std::string& source) {
  for (Row& row : rows) row.source = source;
}

// Reads and stores one file. Errors in the returned outcome are the file's own problem;
// an Error result is the store's (the whole ingest stops).
Result<FileOutcome> IngestFile(RawStore& store, const std::vector<std::unique_ptr<Reader>>& readers,
                               const std::string& path, bool in_folder,
                               const IngestOptions& options, int64_t& bytes) {
  FileOutcome outcome;
  outcome.path = path;
  // Reasons may quote the file (a JSON parser's last token): bounded and valid UTF-8.
  auto refuse = [&](IngestAction action, std::string_view reason) {
    outcome.action = action;
    // The path is printed beside the reason: not twice.
    if (reason.size() > path.size() + 2 && reason.compare(0, path.size(), path) == 0 &&
        reason.compare(path.size(), 2, ": ") == 0) {
      reason.remove_prefix(path.size() + 2);
    }
    outcome.error = Abbreviate(reason, kMaxRefusalBytes);
    return outcome;
  };
  auto snapshot = ReadFileSnapshot(path, options.limits.max_decompressed_bytes);
  if (!snapshot) return refuse(IngestAction::kRefused, snapshot.error().message());
  const FileIdentity identity = snapshot->identity;
  std::string* raw = &snapshot->bytes;
  bytes += static_cast<int64_t>(raw->size());
  // A plain JSON document over the cap is refused before hashing it (a gzipped one once
  // inflated, below).
  if (const Status bounded = CheckJsonDocumentSize(*raw, options.limits); !bounded) {
    return refuse(IngestAction::kRefused, bounded.error().message());
  }
  const std::string sha = Sha256Hex(*raw);
  const int64_t size = static_cast<int64_t>(raw->size());
  // Unchanged: this path already holds this content, or a new path holds a copy of an
  // ingested file. A known path with new content is always read again and replaced.
  BC_ASSIGN_OR_RETURN(auto previous, store.FindFileByPath(path));
  std::optional<RawFileRecord> same_content;
  if (previous && previous->sha256 == sha) {
    same_content = previous;
  } else if (!previous) {
    BC_ASSIGN_OR_RETURN(same_content, store.FindFileBySha(sha));
  }
  if (same_content) {
    outcome.action = IngestAction::kUnchanged;
    outcome.format = same_content->format;
    outcome.rows = same_content->rows_loaded;
    outcome.rejects = same_content->rows_rejected;
    BC_ASSIGN_OR_RETURN(outcome.skipped, store.SkippedRows(same_content->file_id));
    return outcome;
  }
  if (raw->empty()) return refuse(IngestAction::kRefused, "file is empty");
  auto content = MaybeGunzip(std::move(*raw), options.limits.max_decompressed_bytes);
  if (!content) return refuse(IngestAction::kRefused, content.error().message());
  if (const Status bounded = CheckJsonDocumentSize(*content, options.limits); !bounded) {
    return refuse(IngestAction::kRefused, bounded.error().message());
  }
  const InputFile file{path, std::move(*content), options.captured_at};
  const Reader* reader = FindReader(readers, file, options.format);
  if (reader == nullptr) {
    if (!options.format.empty()) {
      return refuse(IngestAction::kRefused, fmt::format("unknown format '{}'", options.format));
    }
    // Say "binary" when it is: "no reader recognises its header" would hide why.
    const Status text = CheckTextContent(file.content);
    return refuse(in_folder ? IngestAction::kSkipped : IngestAction::kRefused,
                  text ? "not a known input format (no reader recognises its header)"
                       : text.error().message());
  }
  auto parsed = reader->Read(file);
  if (!parsed) return refuse(IngestAction::kRefused, parsed.error().message());
  // Refused whole if the file was rewritten while it was read: a partial snapshot of a
  // file being written must never be committed as the file.
  if (options.after_read) options.after_read(path);
  if (const Status same = CheckUnchanged(path, identity, sha); !same) {
    return refuse(IngestAction::kRefused, same.error().message());
  }
  parsed->format = std::string(reader->format());
  TagSource(parsed->schedule, parsed->format);
  TagSource(parsed->team_box, parsed->format);
  TagSource(parsed->player_box, parsed->format);
  TagSource(parsed->odds_events, parsed->format);
  TagSource(parsed->prop_lines, parsed->format);
  TagSource(parsed->game_lines, parsed->format);
  TagSource(parsed->injury_reports, parsed->format);
  BC_ASSIGN_OR_RETURN(RawFileRecord record, store.ReplaceFile(path, sha, size, *parsed));
  outcome.action = previous ? IngestAction::kReplaced : IngestAction::kLoaded;
  outcome.format = record.format;
  outcome.rows = record.rows_loaded;
  outcome.rejects = record.rows_rejected;
  for (const auto& [what, rows] : parsed->skipped) outcome.skipped += rows;
  return outcome;
}

}  // namespace

bool IngestReport::ok() const {
  return std::none_of(files.begin(), files.end(),
                      [](const FileOutcome& f) { return f.action == IngestAction::kRefused; });
}

std::string_view ActionName(IngestAction action) {
  switch (action) {
    case IngestAction::kLoaded:
      return "loaded";
    case IngestAction::kReplaced:
      return "replaced";
    case IngestAction::kUnchanged:
      return "unchanged";
    case IngestAction::kSkipped:
      return "skipped";
    case IngestAction::kRefused:
      return "refused";
  }
  return "?";
}

std::vector<std::string> FormatNames() {
  std::vector<std::string> names;
  for (const auto& reader : MakeReaders()) names.emplace_back(reader->format());
  return names;
}

Result<IngestReport> Ingest(Db& db, const std::vector<std::string>& paths,
                            const IngestOptions& options,
                            const std::function<void(const FileOutcome&)>& on_file) {
  const auto start = std::chrono::steady_clock::now();
  IngestOptions resolved = options;
  if (!options.captured_at.empty()) {
    const auto seconds = ParseUtcTimestamp(options.captured_at);
    if (!seconds) {
      return InvalidInput(
          fmt::format("--captured-at '{}' is not an ISO-8601 UTC time (e.g. 2025-10-21T17:00:00Z)",
                      Abbreviate(options.captured_at, 60)));
    }
    resolved.captured_at = FormatUtcTimestamp(*seconds);
  }
  const auto readers = MakeReaders();
  RawStore store(db);
  IngestReport report;
  for (const std::string& given : paths) {
    auto files = ExpandInputPaths({given});
    if (!files) {  // a missing path is refused like an unreadable file; the others go on
      FileOutcome outcome;
      outcome.path = given;
      outcome.action = IngestAction::kRefused;
      outcome.error = files.error().message();
      if (on_file) on_file(outcome);
      report.files.push_back(std::move(outcome));
      continue;
    }
    std::error_code ec;
    const bool in_folder = std::filesystem::is_directory(given, ec);
    // Special files and broken links inside folders: skipped, each counted with why.
    for (const SkippedPath& skipped : files->skipped) {
      FileOutcome outcome;
      outcome.path = skipped.path;
      outcome.action = IngestAction::kSkipped;
      outcome.error = skipped.reason + " (not read)";
      report.special_skipped++;
      if (on_file) on_file(outcome);
      report.files.push_back(std::move(outcome));
    }
    for (const std::string& file : files->files) {
      // Files are known by their absolute path, whatever folder the command ran from.
      const std::string path = std::filesystem::absolute(file, ec).lexically_normal().string();
      BC_ASSIGN_OR_RETURN(FileOutcome outcome,
                          IngestFile(store, readers, path, in_folder, resolved, report.bytes));
      if (on_file) on_file(outcome);
      report.files.push_back(std::move(outcome));
    }
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace backcourt
