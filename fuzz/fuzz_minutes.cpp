// libFuzzer target: the minutes parser (ParseMinutes, MinutesFromNumber) on arbitrary text,
// checking the contract of minutes.h on every accepted value.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "ingest/minutes.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckParsed(const backcourt::Result<backcourt::ParsedMinutes>& parsed, double max) {
  if (!parsed) {
    Check(!parsed.error().message().empty());
    return;
  }
  if (!parsed->minutes) {
    Check(parsed->did_not_play);  // NULL minutes only for "did not play"
    return;
  }
  const double minutes = *parsed->minutes;
  Check(std::isfinite(minutes) && minutes >= 0 && minutes <= max);
  Check(parsed->did_not_play == (minutes == 0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using backcourt::MinutesKind;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckParsed(backcourt::ParseMinutes(text, MinutesKind::kPlayer), 70);
  CheckParsed(backcourt::ParseMinutes(text, MinutesKind::kTeam), 400);
  if (size == sizeof(double)) {  // the same 8 bytes as a JSON number would give
    double value = 0;
    std::memcpy(&value, data, sizeof value);
    CheckParsed(backcourt::MinutesFromNumber(value, MinutesKind::kPlayer), 70);
    CheckParsed(backcourt::MinutesFromNumber(value, MinutesKind::kTeam), 400);
  }
  return 0;
}
