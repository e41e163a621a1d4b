// libFuzzer target: the odds-api-json reader on arbitrary bytes.
#include "reader_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto reader = backcourt::MakeOddsApiJsonReader();
  return backcourt::FuzzReader(*reader, "fuzz.json", data, size);
}
