// libFuzzer target: the game-lines-csv reader on arbitrary bytes.
#include "reader_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto reader = backcourt::MakeGameLinesCsvReader();
  return backcourt::FuzzReader(*reader, "fuzz.csv", data, size);
}
