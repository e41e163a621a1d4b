#pragma once
// Store tests run on both backends: TEST_P on a BackendTest suite, then
// BC_INSTANTIATE_BACKENDS(Suite). On SQLite each database is ":memory:"; on PostgreSQL a new
// database of the binary's one server (the test skips when that server cannot start).
#include <gtest/gtest.h>

#include <string>

#include "store/connection.h"
#include "store/pg_server.h"

namespace backcourt::testing {

class BackendTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == Dialect::kSqlite) {
      target_ = ":memory:";
      return;
    }
    BC_PG_DATABASE_OR_SKIP(target);
    target_ = target;
  }
  // The test's database (SQLite: every open is a new, empty one).
  const std::string& target() const { return target_; }
  bool postgres() const { return GetParam() == Dialect::kPostgres; }

 private:
  std::string target_;
};

inline std::string BackendName(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace backcourt::testing

#define BC_INSTANTIATE_BACKENDS(suite)                                                     \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                                \
                           ::testing::Values(::backcourt::Dialect::kSqlite,                \
                                             ::backcourt::Dialect::kPostgres),             \
                           ::backcourt::testing::BackendName)
