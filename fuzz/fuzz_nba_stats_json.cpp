// libFuzzer target: the nba-stats-json reader on arbitrary bytes.
#include "reader_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto reader = backcourt::MakeNbaStatsJsonReader();
  return backcourt::FuzzReader(*reader, "fuzz.json", data, size);
}
