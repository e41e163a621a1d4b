#include "engine/lease.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "store/lease_store.h"

namespace backcourt {
namespace {

constexpr auto kHeartbeatEvery = std::chrono::seconds(5);

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool PidRuns(int64_t pid) {
  return pid > 0 && (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// Whether `pid` on this host runs the backcourt program (its argv[0] says so): only then
// may a message name it as the backfill to stop.
bool PidIsBackcourt(int64_t pid) {
  std::ifstream in(fmt::format("/proc/{}/cmdline", pid), std::ios::binary);
  std::string argv0;
  std::getline(in, argv0, '\0');
  const size_t slash = argv0.rfind('/');
  return argv0.substr(slash == std::string::npos ? 0 : slash + 1) == "backcourt";
}

bool HolderAlive(const LeaseHolder& holder, const std::string& my_host, int64_t now) {
  if (now - holder.heartbeat >= kLeaseExpirySeconds) return false;  // pid may be reused
  return holder.host != my_host || PidRuns(holder.pid);
}

std::string Refusal(const std::string& path, const LeaseHolder& h, const std::string& my_host,
                    int64_t now) {
  const int64_t age = now - h.heartbeat;
  std::string what = fmt::format(
      "{} is being written by another backfill (pid {} on {}, last heartbeat {} s ago: {}); "
      "wait for it to finish",
      DisplayTarget(path), h.pid, h.host, age, h.command);
  // Name a process to stop only when it is this host's, not init, and really backcourt.
  if (h.host == my_host && h.pid > 1 && PidIsBackcourt(h.pid)) {
    what += fmt::format(" or stop that backfill (kill -TERM {} lets it commit and exit)", h.pid);
  }
  what += fmt::format(
      ". A lease without heartbeat for {} s is taken over by the next backfill; if you are "
      "sure no backfill is running, take it now with backfill --break-lease",
      kLeaseExpirySeconds);
  return what;
}

}  // namespace

std::string HostName() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

Result<std::optional<LeaseInfo>> CurrentLease(Db& db) {
  BC_ASSIGN_OR_RETURN(auto holder, LeaseStore(db).Holder());
  if (!holder) return std::optional<LeaseInfo>();
  LeaseInfo info;
  info.pid = holder->pid, info.host = holder->host, info.command = holder->command;
  info.heartbeat_age_seconds = NowSeconds() - holder->heartbeat;
  info.expired = info.heartbeat_age_seconds >= kLeaseExpirySeconds;
  return std::optional<LeaseInfo>(info);
}

std::string LeaseLine(const std::optional<LeaseInfo>& lease) {
  if (!lease) return "Lease: none (no backfill is writing)";
  return fmt::format("Lease: held by pid {} on {}, last heartbeat {} s ago{}: {}", lease->pid,
                     lease->host, lease->heartbeat_age_seconds,
                     lease->expired ? " (expired: the next backfill takes it over)" : "",
                     lease->command);
}

Result<std::unique_ptr<Lease>> Lease::Acquire(const std::string& path,
                                              const std::string& command,
                                              const LeaseOptions& options) {
  BC_ASSIGN_OR_RETURN(Db db, Db::Open(path));
  const int64_t pid = getpid();
  const std::string host = HostName();
  {
    BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
    LeaseStore store(db);
    BC_ASSIGN_OR_RETURN(auto holder, store.Holder());
    const int64_t now = NowSeconds();
    const bool ours = holder && holder->pid == pid && holder->host == host;
    if (holder && !ours) {
      const bool alive = HolderAlive(*holder, host, now);
      if (alive && !options.break_lease) {
        return Fail(ErrorKind::kInvalidInput, Refusal(path, *holder, host, now));
      }
      if (options.warn != nullptr) {
        fmt::print(*options.warn,
                   "backcourt: warning: {} the lease of pid {} on {} (last heartbeat {} s "
                   "ago){}\n",
                   alive ? "--break-lease: breaking" : "taking over", holder->pid, holder->host,
                   now - holder->heartbeat,
                   alive ? "; if that backfill is still running, both now write this database"
                         : "");
      }
    }
    BC_RETURN_IF_ERROR(store.Take(LeaseHolder{pid, host, now, command}));
    // Holding the lease, no other backfill runs: a `running` backfill run is a dead one's.
    BC_RETURN_IF_ERROR(store.CloseRunningRuns("interrupted"));
    BC_RETURN_IF_ERROR(txn.Commit());
  }
  auto lease = std::unique_ptr<Lease>(new Lease(std::move(db), pid, host));
  lease->heartbeat_ = std::thread([l = lease.get()] { l->HeartbeatLoop(); });
  return lease;
}

Status Lease::CloseRunningRuns(const std::string& outcome) {
  std::lock_guard lock(mu_);
  BC_RETURN_IF_ERROR(LeaseStore(db_).CloseRunningRuns(outcome));
  return {};
}

Lease::Lease(Db db, int64_t pid, std::string host)
    : db_(std::move(db)), pid_(pid), host_(std::move(host)) {}

void Lease::HeartbeatLoop() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, kHeartbeatEvery, [this] { return done_; })) {
    (void)LeaseStore(db_).Heartbeat(pid_, host_, NowSeconds());  // a missed beat is harmless
  }
}

Lease::~Lease() {
  {
    std::lock_guard lock(mu_);
    done_ = true;
  }
  cv_.notify_all();
  if (heartbeat_.joinable()) heartbeat_.join();
  (void)LeaseStore(db_).Release(pid_, host_);
}

}  // namespace backcourt
