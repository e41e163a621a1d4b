// libFuzzer target: the nba-injury-report-pdf reader on arbitrary bytes. poppler itself is not
// instrumented (a Debian library); the reader's layout and row parsing are.
#include "reader_fuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto reader = backcourt::MakeInjuryReportPdfReader();
  // The file name carries a report time, so the title-versus-name check runs too.
  return backcourt::FuzzReader(*reader, "Injury-Report_2024-01-04_12PM.pdf", data, size);
}
