#pragma once
// The landing folder: each response saved as received under its request's name, atomically
// (a hidden temp file in the same folder, fsync, rename, fsync of the folder), and one
// manifest line per saved response. A crash leaves either the old file or the new one,
// never a part; a temp file left by a killed run is removed by the next.
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace backcourt {

struct ManifestEntry {
  std::string url;         // without secrets
  std::string file;        // relative to the landing folder
  std::string fetched_at;  // ISO 8601 UTC, "2025-03-16T09:00:00Z"
  long status = 0;
  int64_t bytes = 0;
  std::string sha256;
  std::string expires;  // Expiry::Describe(): "never" or "ttl=3600s"
};

class Landing {
 public:
  static constexpr const char* kManifestName = "manifest.jsonl";

  explicit Landing(std::string root) : root_(std::move(root)) {}

  // Creates the folder, removes temp files of interrupted runs and reads the manifest (an
  // incomplete last line, from a crash mid-append, is ignored).
  Status Open();

  // Writes `bytes` to `file` (relative) atomically.
  Status Save(const std::string& file, std::string_view bytes);
  // Appends one line to the manifest and fsyncs it; the entry becomes Latest(file).
  Status Record(const ManifestEntry& entry);

  // The latest manifest entry of `file` whose file is still there with its recorded size.
  std::optional<ManifestEntry> Latest(const std::string& file) const;
  Result<std::string> Read(const std::string& file) const;

  std::string PathOf(const std::string& file) const;
  const std::string& root() const { return root_; }
  int stale_temps_removed() const { return stale_temps_removed_; }

 private:
  std::string root_;
  std::map<std::string, ManifestEntry> latest_;
  int stale_temps_removed_ = 0;
};

// Is a temp file of Landing::Save ("." + name + ".part-XXXXXX")?
bool IsLandingTempName(std::string_view filename);

// Manifest times: core/timestamp.h's ISO 8601 UTC ("2025-03-16T09:05:07Z"), as time points.
std::string FormatUtc(std::chrono::system_clock::time_point when);
std::optional<std::chrono::system_clock::time_point> ParseUtc(const std::string& text);

}  // namespace backcourt
