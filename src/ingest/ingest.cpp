#include "ingest/ingest.h"

#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <variant>

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

// The files of this run in order: each a file to read, or an outcome known without reading
// (a missing path, a special file skipped inside a folder).
struct WorkItem {
  std::string path;
  bool in_folder = false;
  std::optional<FileOutcome> known;
};

// The paths and contents (sha256) of the files in the store: what reading ahead uses to
// guess that a file is unchanged and need not be parsed. Only a guess: the writer asks the
// store again. Safe to use from several reading threads.
class KnownFiles {
 public:
  bool Unchanged(const std::string& path, const std::string& sha) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = sha_by_path_.find(path);
    return it != sha_by_path_.end() ? it->second == sha : shas_.count(sha) > 0;
  }
  void Add(const std::string& path, const std::string& sha) {
    std::lock_guard<std::mutex> lock(mutex_);
    sha_by_path_[path] = sha;
    shas_.insert(sha);
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> sha_by_path_;
  std::unordered_set<std::string> shas_;
};

// A file parsed, ready to be stored, its rows hashed by date (HashRawDates) on the reading
// thread: storing is the slower of the two (measured on ../shared/data/nba: 60% of the
// samples before the hashing moved here).
struct StagedFile {
  ParsedFile parsed;
  RawDateHashes date_hashes;
};

// One file read without the store. `refused` set before `sha` is known: refused whatever the
// store holds. Otherwise `parsed` holds what parsing gave (a StagedFile, or the outcome of a
// refusal or skip), unless the file looked unchanged and was not parsed.
struct ReadResult {
  std::optional<FileOutcome> refused;
  FileIdentity identity;
  std::string sha;
  int64_t size = 0;
  std::optional<std::variant<StagedFile, FileOutcome>> parsed;
};

// Reads and parses files without the store: safe to call from several reading threads.
class FileReader {
 public:
  FileReader(const std::vector<std::unique_ptr<Reader>>& readers, const IngestOptions& options)
      : readers_(readers), options_(options) {}

  // Reads, hashes and (unless `known` says it is unchanged) parses one file. `known` null:
  // always parsed (unless refused before).
  // `hashed`, when given, is told the file's sha256 as soon as it is known (before parsing).
  ReadResult Read(const WorkItem& item, KnownFiles* known,
                  const std::function<void(const std::string&)>& hashed = {}) const {
    ReadResult result;
    auto snapshot = ReadFileSnapshot(item.path, options_.limits.max_decompressed_bytes);
    if (!snapshot) {
      result.refused = Refusal(item.path, IngestAction::kRefused, snapshot.error().message());
      return result;
    }
    result.identity = snapshot->identity;
    result.size = static_cast<int64_t>(snapshot->bytes.size());
    // A plain JSON document over the cap is refused before hashing it (a gzipped one once
    // inflated, below).
    if (const Status bounded = CheckJsonDocumentSize(snapshot->bytes, options_.limits); !bounded) {
      result.refused = Refusal(item.path, IngestAction::kRefused, bounded.error().message());
      return result;
    }
    result.sha = Sha256Hex(snapshot->bytes);
    if (hashed) hashed(result.sha);
    if (known != nullptr && known->Unchanged(item.path, result.sha)) return result;
    result.parsed = Parse(item, std::move(snapshot->bytes), result);
    if (known != nullptr && std::holds_alternative<StagedFile>(*result.parsed)) {
      known->Add(item.path, result.sha);
    }
    return result;
  }

 private:
  // What a file is parsed into; `raw` is its bytes as stored.
  std::variant<StagedFile, FileOutcome> Parse(const WorkItem& item, std::string raw,
                                              const ReadResult& read) const {
    const std::string& path = item.path;
    if (raw.empty()) return Refusal(path, IngestAction::kRefused, "file is empty");
    auto content = MaybeGunzip(std::move(raw), options_.limits.max_decompressed_bytes);
    if (!content) return Refusal(path, IngestAction::kRefused, content.error().message());
    if (const Status bounded = CheckJsonDocumentSize(*content, options_.limits); !bounded) {
      return Refusal(path, IngestAction::kRefused, bounded.error().message());
    }
    const InputFile file{path, std::move(*content), options_.captured_at};
    const Reader* reader = FindReader(readers_, file, options_.format);
    if (reader == nullptr) {
      if (!options_.format.empty()) {
        return Refusal(path, IngestAction::kRefused,
                       fmt::format("unknown format '{}'", options_.format));
      }
      // Say "binary" when it is: "no reader recognises its header" would hide why.
      const Status text = CheckTextContent(file.content);
      return Refusal(path, item.in_folder ? IngestAction::kSkipped : IngestAction::kRefused,
                     text ? "not a known input format (no reader recognises its header)"
                          : text.error().message());
    }
    auto parsed = reader->Read(file);
    if (!parsed) return Refusal(path, IngestAction::kRefused, parsed.error().message());
    // Refused whole if the file was rewritten while it was read: a partial snapshot of a
    // file being written must never be committed as the file.
    if (options_.after_read) options_.after_read(path);
    if (const Status same = CheckUnchanged(path, read.identity, read.sha); !same) {
      return Refusal(path, IngestAction::kRefused, same.error().message());
    }
    parsed->format = std::string(reader->format());
    TagSource(parsed->schedule, parsed->format);
    TagSource(parsed->team_box, parsed->format);
    TagSource(parsed->player_box, parsed->format);
    TagSource(parsed->odds_events, parsed->format);
    TagSource(parsed->prop_lines, parsed->format);
    TagSource(parsed->game_lines, parsed->format);
    TagSource(parsed->injury_reports, parsed->format);
    RawDateHashes date_hashes = HashRawDates(*parsed);
    return StagedFile{std::move(*parsed), std::move(date_hashes)};
  }

  // Reasons may quote the file (a JSON parser's last token): bounded and valid UTF-8.
  static FileOutcome Refusal(const std::string& path, IngestAction action,
                             std::string_view reason) {
    FileOutcome outcome;
    outcome.path = path;
    outcome.action = action;
    // The path is printed beside the reason: not twice.
    if (reason.size() > path.size() + 2 && reason.compare(0, path.size(), path) == 0 &&
        reason.compare(path.size(), 2, ": ") == 0) {
      reason.remove_prefix(path.size() + 2);
    }
    outcome.error = Abbreviate(reason, kMaxRefusalBytes);
    return outcome;
  }

  const std::vector<std::unique_ptr<Reader>>& readers_;
  const IngestOptions& options_;
};

// Reads the files on kReaders threads while the writer stores them, at most kAhead read and
// waiting. The writer takes them in the order they are read, not listed: a large file (the
// 9 MB schedule JSON of ../shared/data/nba, fifth in order) no longer keeps it idle while
// the files after it wait parsed. A file is taken before an earlier one only when that
// one's content is known to differ (its sha256 is published before it is parsed): of two
// copies, the one listed first is always the one stored, whatever the threads' timing.
class ReadAhead {
 public:
  static constexpr size_t kReaders = 2;
  static constexpr size_t kAhead = 3;
  static constexpr int kReaderNice = 5;

  ReadAhead(const FileReader& reader, const std::vector<WorkItem>& items, KnownFiles& known)
      : reader_(reader), items_(items), known_(known), states_(items.size()) {
    for (size_t i = 0; i < items.size(); ++i) states_[i].taken = items[i].known.has_value();
    for (size_t t = 0; t < kReaders; ++t) threads_.emplace_back([this] { Run(); });
  }
  ~ReadAhead() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }
  // The next file to store and its index, waiting for one; an exception of the reader is
  // rethrown. Call once per item that is not known without reading.
  std::pair<size_t, ReadResult> Take() {
    std::unique_lock<std::mutex> lock(mutex_);
    size_t i = 0;
    changed_.wait(lock, [&] { return Ready(i); });
    State& state = states_[i];
    Slot slot = std::move(*state.slot);
    state.slot.reset();
    state.taken = true;
    --waiting_;
    changed_.notify_all();
    if (auto* error = std::get_if<std::exception_ptr>(&slot)) std::rethrow_exception(*error);
    return {i, std::move(std::get<ReadResult>(slot))};
  }

 private:
  using Slot = std::variant<ReadResult, std::exception_ptr>;
  struct State {
    bool taken = false;
    std::optional<std::string> sha;  // published once hashed
    std::optional<Slot> slot;        // read, not yet taken
  };

  // Sets `index` to the first read file that may be stored now. With mutex_ held.
  bool Ready(size_t& index) {
    while (first_ < states_.size() && states_[first_].taken) ++first_;
    for (size_t j = first_; j < states_.size() && j < next_; ++j) {
      if (states_[j].taken || !states_[j].slot) continue;
      if (MayGoBefore(j)) {
        index = j;
        return true;
      }
    }
    return false;
  }
  // Whether file j may be stored before the earlier files not yet stored: each is another
  // path, with a content known to differ (a file refused before it was hashed has none, and
  // stores nothing).
  bool MayGoBefore(size_t j) const {
    const std::optional<std::string>& sha = states_[j].sha;
    if (!sha) return true;
    for (size_t i = first_; i < j; ++i) {
      const State& earlier = states_[i];
      if (earlier.taken || (earlier.slot && !earlier.sha)) continue;
      if (!earlier.sha || *earlier.sha == *sha || items_[i].path == items_[j].path) return false;
    }
    return true;
  }

  void Run() {
    // The writer is the slower side: with more threads than cores it runs first.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kReaderNice);
    for (;;) {
      size_t i = 0;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || waiting_ + reading_ < kAhead + kReaders; });
        while (next_ < items_.size() && items_[next_].known) ++next_;
        if (stop_ || next_ == items_.size()) return;
        i = next_++;
        ++reading_;
      }
      Slot slot;
      try {
        slot = reader_.Read(items_[i], &known_, [&](const std::string& sha) {
          std::lock_guard<std::mutex> lock(mutex_);
          states_[i].sha = sha;
          changed_.notify_all();
        });
      } catch (...) {
        slot = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      states_[i].slot = std::move(slot);
      --reading_, ++waiting_;
      changed_.notify_all();
    }
  }

  const FileReader& reader_;
  const std::vector<WorkItem>& items_;
  KnownFiles& known_;  // shared by the reading threads
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<State> states_;
  size_t next_ = 0;     // the next item to read
  size_t first_ = 0;    // items before it are taken
  size_t reading_ = 0;  // items being read
  size_t waiting_ = 0;  // items read and not taken
  bool stop_ = false;
  std::vector<std::thread> threads_;  // last: started once the members they use exist
};

// Stores one file read ahead. Errors in the returned outcome are the file's own problem; an
// Error result is the store's (the whole ingest stops).
Result<FileOutcome> StoreFile(RawStore& store, const FileReader& reader, const WorkItem& item,
                              ReadResult read) {
  if (read.refused) return *read.refused;
  // Unchanged: this path already holds this content, or a new path holds a copy of an
  // ingested file. A known path with new content is always read again and replaced.
  BC_ASSIGN_OR_RETURN(auto previous, store.FindFileByPath(item.path));
  std::optional<RawFileRecord> same_content;
  if (previous && previous->sha256 == read.sha) {
    same_content = previous;
  } else if (!previous) {
    BC_ASSIGN_OR_RETURN(same_content, store.FindFileBySha(read.sha));
  }
  FileOutcome outcome;
  outcome.path = item.path;
  if (same_content) {
    outcome.action = IngestAction::kUnchanged;
    outcome.format = same_content->format;
    outcome.rows = same_content->rows_loaded;
    outcome.rejects = same_content->rows_rejected;
    BC_ASSIGN_OR_RETURN(outcome.skipped, store.SkippedRows(same_content->file_id));
    return outcome;
  }
  if (!read.parsed) {  // guessed unchanged, but the copy it matched was not stored: read again
    return StoreFile(store, reader, item, reader.Read(item, nullptr));
  }
  if (auto* refused = std::get_if<FileOutcome>(&*read.parsed)) return std::move(*refused);
  const StagedFile& staged = std::get<StagedFile>(*read.parsed);
  BC_ASSIGN_OR_RETURN(RawFileRecord record, store.ReplaceFile(item.path, read.sha, read.size,
                                                              staged.parsed,
                                                              staged.date_hashes));
  outcome.action = previous ? IngestAction::kReplaced : IngestAction::kLoaded;
  outcome.format = record.format;
  outcome.rows = record.rows_loaded;
  outcome.rejects = record.rows_rejected;
  for (const auto& [what, rows] : staged.parsed.skipped) outcome.skipped += rows;
  return outcome;
}

// A large load drops the raw date indexes and makes them again once at its end: one sort
// of all keys costs less than an index insert per row. Small loads (a day's files into a
// full store) keep them, since remaking them reads every stored row.
class BulkLoad {
 public:
  // Rows a run stores before the indexes are dropped; at least as many as were stored.
  static constexpr int64_t kMinRows = 20000;

  BulkLoad(RawStore& store, int64_t stored_rows) : store_(store), stored_rows_(stored_rows) {}
  // On an early return: made again here, or else by the next OpenStore.
  ~BulkLoad() {
    if (suspended_) (void)store_.RestoreDateIndexes();
  }
  // Called before a file of `rows` rows is stored.
  Status Add(int64_t rows) {
    rows_ += rows;
    if (suspended_ || rows_ < kMinRows || rows_ < stored_rows_) return {};
    suspended_ = true;
    return store_.SuspendDateIndexes();
  }
  Status Finish() {
    if (!suspended_) return {};
    suspended_ = false;
    return store_.RestoreDateIndexes();
  }

 private:
  RawStore& store_;
  int64_t stored_rows_;
  int64_t rows_ = 0;
  bool suspended_ = false;
};

// The rows storing `read` would write (0 when it is refused or looked unchanged).
int64_t RowsToStore(const ReadResult& read) {
  if (!read.parsed) return 0;
  const auto* staged = std::get_if<StagedFile>(&*read.parsed);
  return staged == nullptr ? 0 : static_cast<int64_t>(staged->parsed.rows_loaded());
}

// Every file of `paths` in order, folders expanded.
std::vector<WorkItem> ListFiles(const std::vector<std::string>& paths) {
  std::vector<WorkItem> items;
  for (const std::string& given : paths) {
    auto files = ExpandInputPaths({given});
    if (!files) {  // a missing path is refused like an unreadable file; the others go on
      FileOutcome outcome;
      outcome.path = given;
      outcome.action = IngestAction::kRefused;
      outcome.error = files.error().message();
      items.push_back({given, false, std::move(outcome)});
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
      items.push_back({skipped.path, in_folder, std::move(outcome)});
    }
    for (const std::string& file : files->files) {
      // Files are known by their absolute path, whatever folder the command ran from.
      items.push_back(
          {std::filesystem::absolute(file, ec).lexically_normal().string(), in_folder, {}});
    }
  }
  return items;
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
  const std::vector<WorkItem> items = ListFiles(paths);
  KnownFiles known;
  BC_ASSIGN_OR_RETURN(auto stored, store.FileShas());
  for (const auto& [path, sha] : stored) known.Add(path, sha);
  BC_ASSIGN_OR_RETURN(const int64_t stored_rows, store.StoredRows());
  BulkLoad bulk(store, stored_rows);
  const FileReader reader(readers, resolved);
  // Files are stored in the order they are read; their outcomes are reported in the order
  // they were listed.
  std::vector<std::optional<FileOutcome>> outcomes(items.size());
  size_t to_store = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].known) {
      outcomes[i] = *items[i].known;
      if (items[i].known->action == IngestAction::kSkipped) report.special_skipped++;
    } else {
      ++to_store;
    }
  }
  auto report_listed = [&] {
    while (report.files.size() < items.size() && outcomes[report.files.size()]) {
      FileOutcome& outcome = *outcomes[report.files.size()];
      if (on_file) on_file(outcome);
      report.files.push_back(std::move(outcome));
    }
  };
  report_listed();
  ReadAhead ahead(reader, items, known);
  for (size_t stored = 0; stored < to_store; ++stored) {
    auto [i, read] = ahead.Take();
    report.bytes += read.size;
    BC_RETURN_IF_ERROR(bulk.Add(RowsToStore(read)));
    BC_ASSIGN_OR_RETURN(outcomes[i], StoreFile(store, reader, items[i], std::move(read)));
    report_listed();
  }
  BC_RETURN_IF_ERROR(bulk.Finish());
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace backcourt
