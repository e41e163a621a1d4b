#pragma once
// The words of a PDF, page by page, with their positions: the one place that talks to
// poppler (Debian libpoppler-cpp-dev). Readers lay the words out themselves.
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace backcourt {

// One word as poppler's text boxes give it; coordinates in points from the page's top left.
struct PdfWord {
  std::string text;  // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double height() const { return y1 - y0; }
  double y_center() const { return (y0 + y1) / 2; }
};

struct PdfPage {
  int number = 0;  // 1-based
  std::vector<PdfWord> words;
};

// True when `bytes` starts with the PDF magic "%PDF-".
bool HasPdfMagic(std::string_view bytes);

// Every page's words. The whole file is refused, with why, when it is not a PDF, cannot be
// parsed (truncated, damaged), is encrypted with a password, or has no pages.
Result<std::vector<PdfPage>> ReadPdfWords(std::string_view bytes);

}  // namespace backcourt
