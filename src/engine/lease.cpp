#include "engine/lease.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include <fmt/format.h>

#include "store/lease_store.h"

namespace backcourt {
namespace {

constexpr int64_t kRemoteDeadAfterSeconds = 60;
constexpr auto kHeartbeatEvery = std::chrono::seconds(5);

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string HostName() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  return name;
}

bool HolderAlive(const LeaseHolder& holder, const std::string& my_host, int64_t now) {
  if (holder.host == my_host) {
    return kill(static_cast<pid_t>(holder.pid), 0) == 0 || errno == EPERM;
  }
  return now - holder.heartbeat < kRemoteDeadAfterSeconds;
}

}  // namespace

Result<std::unique_ptr<Lease>> Lease::Acquire(const std::string& path,
                                              const std::string& command) {
  BC_ASSIGN_OR_RETURN(Db db, Db::Open(path));
  const int64_t pid = getpid();
  const std::string host = HostName();
  {
    BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
    LeaseStore store(db);
    BC_ASSIGN_OR_RETURN(auto holder, store.Holder());
    const int64_t now = NowSeconds();
    if (holder && !(holder->pid == pid && holder->host == host) &&
        HolderAlive(*holder, host, now)) {
      return Fail(ErrorKind::kInvalidInput,
                  fmt::format("{} is being written by another backfill (pid {} on {}, last "
                              "heartbeat {} s ago: {}); wait for it to finish or stop it",
                              path, holder->pid, holder->host, now - holder->heartbeat,
                              holder->command));
    }
    BC_RETURN_IF_ERROR(store.Take(LeaseHolder{pid, host, now, command}));
    BC_RETURN_IF_ERROR(txn.Commit());
  }
  auto lease = std::unique_ptr<Lease>(new Lease(std::move(db), pid, host));
  lease->heartbeat_ = std::thread([l = lease.get()] { l->HeartbeatLoop(); });
  return lease;
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
