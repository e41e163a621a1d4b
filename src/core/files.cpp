#include "core/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "core/hash.h"

namespace backcourt {

namespace fs = std::filesystem;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

std::string Mib(int64_t bytes) { return fmt::format("{:.0f} MiB", static_cast<double>(bytes) / kMiB); }

std::string KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

FileIdentity IdentityOf(const struct stat& st) {
  FileIdentity id;
  id.device = st.st_dev, id.inode = st.st_ino, id.size = st.st_size;
  id.mtime_ns = int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  id.ctime_ns = int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec;
  return id;
}

tl::unexpected<Error> Changed(const std::string& path) {
  return Fail(ErrorKind::kIo, fmt::format("{}: changed while reading, try again (nothing of it "
                                          "was kept)", path));
}

// Closes a file descriptor on every path out.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

Status WriteAll(int fd, std::string_view bytes, const std::string& what) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Fail(ErrorKind::kIo, fmt::format("{}: cannot write: {}", what, std::strerror(errno)));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

// Test seam: BACKCOURT_INJECT_WRITE_FAULT=fail makes an atomic write fail half way (as a
// full disk would); =stall makes it pause half way for 30 s (a test kills the process).
Status InjectedWriteFault(int fd, std::string_view bytes, const std::string& path) {
  const char* fault = std::getenv("BACKCOURT_INJECT_WRITE_FAULT");
  if (fault == nullptr) return {};
  const std::string kind = fault;
  if (kind != "fail" && kind != "stall") return {};
  BC_RETURN_IF_ERROR(WriteAll(fd, bytes.substr(0, bytes.size() / 2), path));
  if (kind == "stall") {
    ::fsync(fd);
    std::this_thread::sleep_for(std::chrono::seconds(30));
  }
  return Fail(ErrorKind::kIo, fmt::format("{}: cannot write: No space left on device (injected)", path));
}

}  // namespace

Result<FileSnapshot> ReadFileSnapshot(const std::string& path, int64_t max_bytes) {
  struct stat before {};
  if (::stat(path.c_str(), &before) != 0) {
    return Fail(errno == ENOENT ? ErrorKind::kNotFound : ErrorKind::kIo,
                fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  if (!S_ISREG(before.st_mode)) {
    return InvalidInput(fmt::format("{}: {}, not a regular file: give the file itself", path,
                                    KindOf(before.st_mode)));
  }
  // O_NONBLOCK: if the path became a FIFO since the stat, opening it must not hang.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    return Fail(ErrorKind::kIo, fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  }
  struct stat opened {};
  if (::fstat(fd.get(), &opened) != 0 || !S_ISREG(opened.st_mode)) {
    return InvalidInput(fmt::format("{}: {}, not a regular file", path, KindOf(opened.st_mode)));
  }
  if (opened.st_size > max_bytes) {
    return InvalidInput(fmt::format("{}: {} is larger than the input cap of {}: raise it with "
                                    "ingest --max-input-mib if the file is genuine",
                                    path, Mib(opened.st_size), Mib(max_bytes)));
  }
  FileSnapshot snapshot;
  snapshot.bytes.reserve(static_cast<size_t>(opened.st_size));
  char chunk[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Fail(ErrorKind::kIo, fmt::format("{}: read error: {}", path, std::strerror(errno)));
    if (n == 0) break;
    snapshot.bytes.append(chunk, static_cast<size_t>(n));
    if (static_cast<int64_t>(snapshot.bytes.size()) > max_bytes) return Changed(path);
  }
  struct stat after {};
  if (::fstat(fd.get(), &after) != 0) return Changed(path);
  snapshot.identity = IdentityOf(opened);
  if (!(IdentityOf(after) == snapshot.identity) ||
      static_cast<int64_t>(snapshot.bytes.size()) != snapshot.identity.size) {
    return Changed(path);
  }
  return snapshot;
}

Status CheckUnchanged(const std::string& path, const FileIdentity& identity,
                      const std::string& sha256) {
  auto again = ReadFileSnapshot(path, identity.size);
  if (!again || !(again->identity == identity) || Sha256Hex(again->bytes) != sha256) {
    return Changed(path);
  }
  return {};
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorKind::kIo, fmt::format("{}: cannot open file", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Fail(ErrorKind::kIo, fmt::format("{}: read error", path));
  return std::move(buffer).str();
}

namespace {

// Inflates the first gzip member of `bytes`: into `out` (sized beforehand) or, when `out` is
// null, into a scratch buffer, only counting. Stops as soon as more than `max_bytes` came
// out and returns max_bytes + 1.
Result<int64_t> Inflate(std::string& bytes, int64_t max_bytes, std::string* out) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
    return InvalidInput("gzip: cannot initialise zlib");
  }
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, inflateEnd);
  static thread_local std::vector<char> scratch(1 << 18);
  stream.next_in = reinterpret_cast<Bytef*>(bytes.data());
  stream.avail_in = static_cast<uInt>(bytes.size());
  int64_t produced = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (produced > max_bytes) return max_bytes + 1;
    char* target = out != nullptr ? out->data() + produced : scratch.data();
    const size_t room = out != nullptr ? out->size() - static_cast<size_t>(produced) : scratch.size();
    if (room == 0) return max_bytes + 1;  // more than the first pass counted
    stream.next_out = reinterpret_cast<Bytef*>(target);
    stream.avail_out = static_cast<uInt>(std::min<size_t>(room, 1u << 30));
    const uInt before = stream.avail_out;
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) return InvalidInput("gzip data is truncated or corrupt");
    produced += before - stream.avail_out;
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) {
      return InvalidInput("gzip data is truncated");
    }
  }
  return produced;
}

}  // namespace

Result<std::string> MaybeGunzip(std::string bytes, int64_t max_bytes) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1f ||
      static_cast<unsigned char>(bytes[1]) != 0x8b) {
    if (static_cast<int64_t>(bytes.size()) > max_bytes) {
      return InvalidInput(fmt::format("{} is larger than the input cap of {}", Mib(bytes.size()),
                                      Mib(max_bytes)));
    }
    return bytes;
  }
  const auto too_big = [&] {
    return InvalidInput(fmt::format("decompresses to more than the cap of {} (a gzip bomb?); "
                                    "raise it with ingest --max-input-mib if the file is genuine",
                                    Mib(max_bytes)));
  };
  // Two passes: the first only counts (into a small scratch buffer), so a bomb is refused
  // with no memory spent on it; the second fills a buffer of the size counted.
  BC_ASSIGN_OR_RETURN(const int64_t size, Inflate(bytes, max_bytes, nullptr));
  if (size > max_bytes) return too_big();
  std::string out(static_cast<size_t>(size), '\0');
  BC_RETURN_IF_ERROR(Inflate(bytes, max_bytes, &out));
  return out;
}

namespace {

// Why a folder entry is not read, or empty when it is a regular file to read.
std::string WhyNotRegular(const fs::directory_entry& entry) {
  std::error_code ec;
  const fs::file_status status = entry.status(ec);  // follows symlinks
  if (ec) {
    if (ec.value() == ELOOP) return "symlink loop";
    if (entry.is_symlink(ec) || ec.value() == ENOENT) return "dangling link";
    return ec.message();
  }
  switch (status.type()) {
    case fs::file_type::regular: return "";
    case fs::file_type::fifo: return "a FIFO (named pipe)";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::character:
    case fs::file_type::block: return "a device";
    case fs::file_type::not_found: return "dangling link";
    default: return "not a regular file";
  }
}

bool IsNote(const fs::path& path) {
  return path.filename().string()[0] == '.' || path.extension() == ".md";
}

Status ExpandFolder(const std::string& folder, ExpandedPaths& out) {
  std::vector<std::string> inside;
  std::error_code ec;
  // Symlinked folders are not followed, so a loop of folder links cannot recurse forever.
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Fail(ErrorKind::kIo, fmt::format("{}: cannot list: {}", folder, ec.message()));
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      out.skipped.push_back({it->path().string(), ec.message()});
      ec.clear();
      continue;
    }
    const fs::directory_entry& entry = *it;
    if (IsNote(entry.path())) continue;
    std::error_code dir_ec;
    if (entry.is_directory(dir_ec) && !entry.is_symlink(dir_ec)) continue;
    const std::string why = WhyNotRegular(entry);
    if (why == "" ) {
      inside.push_back(entry.path().string());
    } else if (why == "not a regular file" && entry.is_directory(dir_ec)) {
      continue;
    } else {
      out.skipped.push_back({entry.path().string(), why});
    }
  }
  std::sort(inside.begin(), inside.end());
  out.files.insert(out.files.end(), inside.begin(), inside.end());
  return {};
}

}  // namespace

Result<ExpandedPaths> ExpandInputPaths(const std::vector<std::string>& paths) {
  ExpandedPaths out;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!ec && fs::is_directory(status)) {
      BC_RETURN_IF_ERROR(ExpandFolder(path, out));
    } else if (!ec && fs::exists(status)) {
      out.files.push_back(path);
    } else if (ec && ec.value() == ELOOP) {
      return InvalidInput(fmt::format("{}: symlink loop", path));
    } else if (fs::is_symlink(fs::symlink_status(path, ec))) {
      return Fail(ErrorKind::kNotFound, fmt::format("{}: dangling link", path));
    } else {
      return Fail(ErrorKind::kNotFound, fmt::format("{}: no such file or folder", path));
    }
  }
  return out;
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const fs::path target = fs::absolute(path);
  const fs::path folder = target.parent_path();
  std::string temp = (folder / fmt::format(".{}.tmp-XXXXXX", target.filename().string())).string();
  Fd fd(::mkstemp(temp.data()));
  if (fd.get() < 0) {
    return Fail(ErrorKind::kIo, fmt::format("{}: cannot create a file in {}: {}", path,
                                            folder.string(), std::strerror(errno)));
  }
  // Removes the temporary file unless it was renamed into place.
  struct TempGuard {
    std::string path;
    bool keep = false;
    ~TempGuard() {
      if (!keep) ::unlink(path.c_str());
    }
  } guard{temp};
  ::fchmod(fd.get(), 0644);
  BC_RETURN_IF_ERROR(InjectedWriteFault(fd.get(), bytes, path));
  BC_RETURN_IF_ERROR(WriteAll(fd.get(), bytes, path));
  if (::fsync(fd.get()) != 0 || ::close(fd.release()) != 0) {
    return Fail(ErrorKind::kIo, fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    return Fail(ErrorKind::kIo, fmt::format("{}: cannot replace: {}", path, std::strerror(errno)));
  }
  guard.keep = true;
  Fd dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());  // the rename itself survives a power cut
  return {};
}

std::string NextVersionedPath(const std::string& path) {
  const fs::path p(path);
  for (int version = 1;; ++version) {
    const fs::path candidate =
        p.parent_path() / fmt::format("{}.v{}{}", p.stem().string(), version, p.extension().string());
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(candidate, ec))) return candidate.string();
  }
}

}  // namespace backcourt
