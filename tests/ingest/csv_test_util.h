#pragma once
// Loading fixtures for the CSV reader tests: tests/data (always there) and the shared real
// data folder (optional: tests that need it skip when it is absent).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "ingest/reader.h"

namespace backcourt::testing {

inline InputFile LoadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return InputFile{path.string(), content.str()};
}

inline InputFile LoadTestData(const std::string& name) {
  return LoadFile(std::filesystem::path(BACKCOURT_TEST_DATA) / name);
}

inline std::filesystem::path SharedData() { return BACKCOURT_SHARED_DATA; }
inline bool HasSharedData() { return std::filesystem::is_directory(SharedData()); }

inline InputFile Inline(std::string content) { return InputFile{"inline.csv", std::move(content)}; }

}  // namespace backcourt::testing
