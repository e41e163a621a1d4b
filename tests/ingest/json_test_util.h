#pragma once
// Fixtures for the JSON reader tests: real files from tests/data (always present) and from the
// shared data folder (absent on a fresh clone: those tests skip).
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "ingest/raw_rows.h"
#include "ingest/reader.h"

namespace backcourt::testing {

inline std::optional<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A file of tests/data; fails the test when missing.
inline InputFile TestFile(const std::string& name) {
  const std::string path = std::string(BACKCOURT_TEST_DATA) + "/" + name;
  auto text = ReadText(path);
  EXPECT_TRUE(text.has_value()) << "missing fixture " << path;
  return InputFile{path, text.value_or("")};
}

inline std::string SharedPath(const std::string& relative) {
  return std::string(BACKCOURT_SHARED_DATA) + "/" + relative;
}

inline std::string Gunzip(const std::string& bytes) {
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return "";
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[1 << 16];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  inflateEnd(&stream);
  return status == Z_STREAM_END ? out : "";
}

// Counts of a string field over rows: CountBy(rows, &PlayerBoxRow::status).
template <class Row>
std::map<std::string, int> CountBy(const std::vector<Row>& rows, std::string Row::*field) {
  std::map<std::string, int> counts;
  for (const Row& row : rows) ++counts[row.*field];
  return counts;
}

// Points of a team's player rows.
inline int64_t PlayerPoints(const ParsedFile& file, const std::string& team) {
  int64_t sum = 0;
  for (const auto& row : file.player_box) {
    if (row.team == team) sum += row.stats.pts.value_or(0);
  }
  return sum;
}

inline const PlayerBoxRow* FindPlayer(const ParsedFile& file, const std::string& name) {
  const auto it = std::find_if(file.player_box.begin(), file.player_box.end(),
                               [&](const PlayerBoxRow& row) { return row.player_name == name; });
  return it == file.player_box.end() ? nullptr : &*it;
}

}  // namespace backcourt::testing

// Loads a file of the shared data folder into `var`, or skips the test when it is absent.
#define BC_LOAD_SHARED_OR_SKIP(var, relative)                                    \
  const std::string var##_path = ::backcourt::testing::SharedPath(relative);     \
  if (!std::filesystem::exists(var##_path)) GTEST_SKIP() << "no " << var##_path; \
  auto var##_text = ::backcourt::testing::ReadText(var##_path);                  \
  ASSERT_TRUE(var##_text.has_value());                                           \
  ::backcourt::InputFile var { var##_path, std::move(*var##_text) }
