#include "store/pg_server.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "store/db.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

std::string g_why;

int Run(const std::string& command) { return std::system(command.c_str()); }

std::string LastLines(const std::string& path) {
  std::ifstream in(path);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

// Stops the server after the binary's last test.
class PgEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (PgServer* server = PgServer::Get()) server->Stop();
  }
};

}  // namespace

PgServer* PgServer::Get() {
  static PgServer* server = [] {
    static PgServer instance;
    if (!instance.Start(g_why)) {
      instance.Stop();
      return static_cast<PgServer*>(nullptr);
    }
    ::testing::AddGlobalTestEnvironment(new PgEnvironment);
    std::atexit([] { instance.Stop(); });
    return &instance;
  }();
  return server;
}

const std::string& PgServer::Why() { return g_why; }

bool PgServer::Start(std::string& why) {
  const char* env_bin = std::getenv("BACKCOURT_PG_BIN");
  bin_ = env_bin != nullptr ? env_bin : "/usr/lib/postgresql/15/bin";
  if (!fs::exists(bin_ + "/initdb") || !fs::exists(bin_ + "/pg_ctl")) {
    why = fmt::format("no initdb and pg_ctl in {} (install postgresql-15, or set "
                      "BACKCOURT_PG_BIN)", bin_);
    return false;
  }
  char dir_template[] = "/tmp/bc-pg-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) {
    why = "cannot make a temporary folder";
    return false;
  }
  dir_ = dir_template;
  const passwd* me = getpwuid(geteuid());
  const std::string user = me != nullptr ? me->pw_name : "postgres";
  if (geteuid() == 0) {
    const passwd* postgres = getpwnam("postgres");
    if (postgres == nullptr) {
      why = "running as root and there is no postgres user to run the server as";
      return false;
    }
    if (chown(dir_.c_str(), postgres->pw_uid, postgres->pw_gid) != 0) {
      why = "cannot give the temporary folder to the postgres user";
      return false;
    }
    runas_ = "runuser -u postgres -- ";
  }
  port_ = 20000 + static_cast<int>(getpid() % 20000);
  // The superuser is named after the user running the tests, so a target without a user
  // name connects as it; trust on the private socket only.
  if (Run(fmt::format("{}{}/initdb -D {}/data -U {} --auth=trust -E UTF8 --locale=C "
                      "--no-sync > {}/initdb.log 2>&1",
                      runas_, bin_, dir_, user, dir_)) != 0) {
    why = fmt::format("initdb failed: {}", LastLines(dir_ + "/initdb.log"));
    return false;
  }
  if (Run(fmt::format("{}{}/pg_ctl -D {}/data -l {}/server.log -w -t 30 -o \"-c "
                      "listen_addresses='' -c unix_socket_directories='{}' -p {} -c fsync=off "
                      "-c synchronous_commit=off -c full_page_writes=off\" start > "
                      "{}/pg_ctl.log 2>&1",
                      runas_, bin_, dir_, dir_, dir_, port_, dir_)) != 0) {
    why = fmt::format("the server did not start: {}", LastLines(dir_ + "/server.log"));
    return false;
  }
  running_ = true;
  return true;
}

std::string PgServer::Target(const std::string& database) const {
  return fmt::format("postgresql:///{}?host={}&port={}", database, dir_, port_);
}

std::string PgServer::CreateDatabase() {
  const std::string name = fmt::format("test{}", ++databases_);
  auto admin = Db::Open(Target("postgres"));
  if (!admin) {
    ADD_FAILURE() << admin.error().message();
    return Target(name);
  }
  auto created = admin->Exec(fmt::format("CREATE DATABASE {}", name));
  if (!created) ADD_FAILURE() << created.error().message();
  return Target(name);
}

void PgServer::Stop() {
  if (running_) {
    Run(fmt::format("{}{}/pg_ctl -D {}/data -m immediate -w stop > /dev/null 2>&1", runas_, bin_,
                    dir_));
    running_ = false;
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    dir_.clear();
  }
}

}  // namespace backcourt
