#pragma once
// What the reader tests ask of every reader: read a file that must be accepted, and list its
// rejected rows as "line: reason" lines.
#include <gtest/gtest.h>

#include <string>

#include "ingest/reader.h"

namespace backcourt::testing {

inline ParsedFile ReadOk(const Reader& reader, const InputFile& file) {
  auto parsed = reader.Read(file);
  EXPECT_TRUE(parsed.has_value()) << file.path << ": " << parsed.error().message();
  return parsed ? std::move(*parsed) : ParsedFile{};
}

inline std::string Rejects(const ParsedFile& file) {
  std::string text;
  for (const RejectRow& reject : file.rejects) {
    text += std::to_string(reject.line) + ": " + reject.reason + "\n";
  }
  return text;
}

}  // namespace backcourt::testing
