#include "fetch/landing.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/files.h"
#include "core/timestamp.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kTempMarker = ".part-";

Status IoError(const std::string& path, std::string_view what) {
  return Fail(ErrorKind::kIo, fmt::format("{}: {}: {}", path, what, std::strerror(errno)));
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError(path, "write failed");
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Status FsyncFolder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError(folder, "cannot open folder");
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError(folder, "fsync failed");
  return {};
}

std::optional<ManifestEntry> ParseEntry(const std::string& line) {
  const auto doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return std::nullopt;
  try {
    ManifestEntry e;
    e.url = doc.at("url").get<std::string>();
    e.file = doc.at("file").get<std::string>();
    e.fetched_at = doc.at("fetched_at").get<std::string>();
    e.status = doc.at("status").get<long>();
    e.bytes = doc.at("bytes").get<int64_t>();
    e.sha256 = doc.at("sha256").get<std::string>();
    e.expires = doc.at("expires").get<std::string>();
    return e;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool IsLandingTempName(std::string_view filename) {
  return !filename.empty() && filename.front() == '.' &&
         filename.find(kTempMarker) != std::string_view::npos;
}

std::string FormatUtc(std::chrono::system_clock::time_point when) {
  return FormatUtcTimestamp(
      std::chrono::floor<std::chrono::seconds>(when).time_since_epoch().count());
}

std::optional<std::chrono::system_clock::time_point> ParseUtc(const std::string& text) {
  const auto seconds = ParseUtcTimestamp(text);
  if (!seconds) return std::nullopt;
  return std::chrono::system_clock::time_point(std::chrono::seconds(*seconds));
}

std::string Landing::PathOf(const std::string& file) const {
  return (fs::path(root_) / file).string();
}

Status Landing::Open() {
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec) return Fail(ErrorKind::kIo, fmt::format("{}: cannot create: {}", root_, ec.message()));
  for (const auto& entry : fs::recursive_directory_iterator(root_, ec)) {
    if (entry.is_regular_file() && IsLandingTempName(entry.path().filename().string())) {
      std::error_code rm;
      if (fs::remove(entry.path(), rm)) ++stale_temps_removed_;
    }
  }
  if (ec) return Fail(ErrorKind::kIo, fmt::format("{}: {}", root_, ec.message()));
  std::ifstream manifest(PathOf(kManifestName));
  std::string line;
  while (std::getline(manifest, line)) {
    if (auto entry = ParseEntry(line)) latest_[entry->file] = *entry;
  }
  return {};
}

Status Landing::Save(const std::string& file, std::string_view bytes) {
  const fs::path target = fs::path(root_) / file;
  const std::string folder = target.parent_path().string();
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return Fail(ErrorKind::kIo, fmt::format("{}: cannot create: {}", folder, ec.message()));
  std::string temp =
      (target.parent_path() / fmt::format(".{}{}XXXXXX", target.filename().string(), kTempMarker))
          .string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return IoError(temp, "cannot create temp file");
  Status written = WriteAll(fd, bytes, temp);
  if (written && ::fsync(fd) != 0) written = IoError(temp, "fsync failed");
  ::close(fd);
  if (written && ::chmod(temp.c_str(), 0644) != 0) written = IoError(temp, "chmod failed");
  if (written && ::rename(temp.c_str(), target.c_str()) != 0) {
    written = IoError(target.string(), "rename failed");
  }
  if (!written) {
    ::unlink(temp.c_str());
    return written;
  }
  return FsyncFolder(folder);
}

Status Landing::Record(const ManifestEntry& entry) {
  const nlohmann::json row = {
      {"url", entry.url},        {"file", entry.file},   {"fetched_at", entry.fetched_at},
      {"status", entry.status},  {"bytes", entry.bytes}, {"sha256", entry.sha256},
      {"expires", entry.expires}};
  const std::string path = PathOf(kManifestName);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(path, "cannot open manifest");
  // A crash mid-append leaves a line without its newline: start a fresh line after it.
  const off_t size = ::lseek(fd, 0, SEEK_END);
  char last = '\n';
  if (size > 0 && ::pread(fd, &last, 1, size - 1) != 1) last = '\n';
  const std::string line = fmt::format("{}{}\n", last == '\n' ? "" : "\n", row.dump());
  Status written = WriteAll(fd, line, path);
  if (written && ::fsync(fd) != 0) written = IoError(path, "fsync failed");
  ::close(fd);
  if (written) latest_[entry.file] = entry;
  return written;
}

std::optional<ManifestEntry> Landing::Latest(const std::string& file) const {
  const auto it = latest_.find(file);
  if (it == latest_.end()) return std::nullopt;
  std::error_code ec;
  const auto size = fs::file_size(PathOf(file), ec);
  if (ec || static_cast<int64_t>(size) != it->second.bytes) return std::nullopt;
  return it->second;
}

Result<std::string> Landing::Read(const std::string& file) const {
  return ReadWholeFile(PathOf(file));
}

}  // namespace backcourt
