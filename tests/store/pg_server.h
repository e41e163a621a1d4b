#pragma once
// A real PostgreSQL server for the tests of one binary: initdb and pg_ctl in a temporary
// folder, listening on a Unix socket only (no TCP), run as the postgres user when the tests
// run as root (PostgreSQL refuses root). Started on first use, stopped and removed when the
// binary's tests end. When it cannot start, tests that need it skip with one line naming
// the reason.
#include <gtest/gtest.h>

#include <string>

namespace backcourt {

class PgServer {
 public:
  // The binary's server, started on first call; nullptr when it cannot start (Why() says why).
  static PgServer* Get();
  static const std::string& Why();

  // A new, empty database and its target (postgresql:///NAME?host=SOCKET_DIR&port=PORT).
  std::string CreateDatabase();
  // A target for `database` on this server.
  std::string Target(const std::string& database) const;

  void Stop();

 private:
  PgServer() = default;
  bool Start(std::string& why);
  std::string dir_;     // socket directory; data/ and logs below it
  std::string runas_;   // "runuser -u postgres -- " when root
  std::string bin_;
  int port_ = 0;
  int databases_ = 0;
  bool running_ = false;
};

}  // namespace backcourt

// Skips the current test with "PostgreSQL tests skipped: <reason>" when no server runs;
// otherwise `target` is a fresh database's target.
#define BC_PG_DATABASE_OR_SKIP(target)                                        \
  std::string target;                                                        \
  do {                                                                       \
    ::backcourt::PgServer* server_ = ::backcourt::PgServer::Get();           \
    if (server_ == nullptr) {                                                \
      GTEST_SKIP() << "PostgreSQL tests skipped: " << ::backcourt::PgServer::Why(); \
    }                                                                        \
    target = server_->CreateDatabase();                                      \
  } while (0)
