#pragma once
// The body every reader fuzz target shares: the fuzzer's bytes become one input file, which
// the reader detects and reads. Sanitizers report memory errors and undefined behaviour; the
// checks below abort on a broken contract of reader.h / raw_rows.h, which libFuzzer reports
// as a crash with the input that caused it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/reader.h"

namespace backcourt {

inline void FuzzCheck(bool ok) {
  if (!ok) std::abort();
}

inline int FuzzReader(const Reader& reader, const char* path, const uint8_t* data, size_t size) {
  InputFile file{path, std::string(reinterpret_cast<const char*>(data), size)};
  // Detect must be total: any bytes, a yes or a no. Read runs either way, as it does when a
  // user forces the format.
  (void)reader.Detect(file);
  Result<ParsedFile> parsed = reader.Read(file);
  if (!parsed) {
    FuzzCheck(!parsed.error().message().empty());
    return 0;
  }
  FuzzCheck(parsed->format == reader.format());
  for (const RejectRow& reject : parsed->rejects) {
    FuzzCheck(!reject.reason.empty() && reject.content.size() <= 200);
  }
  return 0;
}

}  // namespace backcourt
