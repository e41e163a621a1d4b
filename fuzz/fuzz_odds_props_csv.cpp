// libFuzzer target: the odds-props-csv reader on arbitrary bytes.
#include "reader_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto reader = backcourt::MakeOddsPropsCsvReader();
  return backcourt::FuzzReader(*reader, "raw_20251021_170000.csv", data, size);
}
