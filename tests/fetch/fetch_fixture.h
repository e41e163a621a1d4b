#pragma once
// What the fetch tests share: a landing folder, the local server, short timeouts, a clock
// the test moves, and the recorded responses of tests/data.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/timestamp.h"
#include "fetch/fetcher.h"
#include "fetch/landing.h"
#include "fetch/local_server.h"  // tests/fetch
#include "test_files.h"

namespace backcourt::testing {

// Sets an environment variable for the test's lifetime.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

inline std::chrono::system_clock::time_point At(const std::string& iso) { return *ParseUtc(iso); }

// Every regular file under `root` (relative paths), temp files included.
inline std::vector<std::string> FilesUnder(const std::string& root) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!std::filesystem::exists(root, ec)) return files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) files.push_back(std::filesystem::relative(e.path(), root).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<std::string> ManifestLines(const std::string& root) {
  std::vector<std::string> lines;
  std::ifstream in(std::filesystem::path(root) / Landing::kManifestName);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class FetchTest : public ::testing::Test {
 protected:
  FetchTest() : landing_(dir_.path() + "/landing") {
    options_.out_dir = landing_;
    options_.http.connect_timeout = std::chrono::milliseconds(1000);
    options_.http.total_timeout = std::chrono::milliseconds(2000);
    options_.retry.max_attempts = 3;
    options_.retry.base_delay = std::chrono::milliseconds(10);
    options_.retry.max_delay = std::chrono::milliseconds(40);
    options_.min_interval = std::chrono::milliseconds(0);
    options_.now = [this] { return clock_; };
  }

  FetchScope Scope(const std::string& season, const std::string& now_utc,
                   std::optional<std::string> date = std::nullopt) {
    clock_ = At(now_utc);
    FetchScope scope;
    scope.season = season;
    scope.today = UsEasternDate(
        std::chrono::floor<std::chrono::seconds>(clock_).time_since_epoch().count());
    if (date) scope.date = Date::ParseIso(*date);
    return scope;
  }

  FetchReport Run(std::unique_ptr<Source> source, const FetchScope& scope) {
    std::vector<std::unique_ptr<Source>> sources;
    sources.push_back(std::move(source));
    auto report = RunFetch(sources, scope, options_);
    EXPECT_TRUE(report) << report.error().message();
    return report ? *report : FetchReport{};
  }

  std::string Landed(const std::string& file) const {
    return ReadBytes((std::filesystem::path(landing_) / file).string());
  }

  TempDir dir_;
  std::string landing_;
  LocalServer server_;
  FetchOptions options_;
  std::chrono::system_clock::time_point clock_;
};

}  // namespace backcourt::testing
