// libFuzzer target: MaybeGunzip (src/core/files.cpp) on arbitrary bytes, gzip or not.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  const bool gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  backcourt::Result<std::string> out = backcourt::MaybeGunzip(bytes);
  // Bytes without the gzip magic pass through unchanged; gzip bytes inflate or fail.
  if (!gzip && (!out || *out != bytes)) std::abort();
  if (!out && out.error().message().empty()) std::abort();
  return 0;
}
