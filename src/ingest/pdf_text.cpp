#include "ingest/pdf_text.h"

#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <exception>
#include <memory>
#include <mutex>

#include "core/text.h"

namespace backcourt {
namespace {

// poppler reports parse errors through one process-wide callback. It is set once to keep
// them off stderr and in the current thread's buffer, where a refusal can quote the first.
thread_local std::string* poppler_errors = nullptr;

void CapturePopplerError(const std::string& message, void*) {
  if (poppler_errors != nullptr && poppler_errors->empty()) *poppler_errors = message;
}

class PopplerErrorCapture {
 public:
  PopplerErrorCapture() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(CapturePopplerError, nullptr); });
    poppler_errors = &first_;
  }
  ~PopplerErrorCapture() { poppler_errors = nullptr; }
  PopplerErrorCapture(const PopplerErrorCapture&) = delete;
  PopplerErrorCapture& operator=(const PopplerErrorCapture&) = delete;
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

// A PDF ends with "%%EOF" (possibly followed by line ends); a cut file does not.
bool LooksTruncated(std::string_view bytes) {
  const size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 0;
  return bytes.find("%%EOF", tail) == std::string_view::npos;
}

Result<std::vector<PdfPage>> ReadWords(std::string_view bytes) {
  if (!HasPdfMagic(bytes)) return InvalidInput("not a PDF (the file does not start with %PDF-)");
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return InvalidInput("PDF larger than 2 GiB");
  // poppler keeps process-wide state and does not promise that two documents may be read
  // at once: ingest reads files on several threads, PDFs one at a time.
  static std::mutex poppler_mutex;
  std::lock_guard<std::mutex> lock(poppler_mutex);
  PopplerErrorCapture errors;
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    if (LooksTruncated(bytes)) return InvalidInput("truncated PDF (no %%EOF marker at its end)");
    return InvalidInput(fmt::format("unreadable PDF: {}", errors.first().empty()
                                                              ? "poppler cannot parse it"
                                                              : Abbreviate(errors.first(), 200)));
  }
  // Nothing else may be asked of a locked document (poppler 22 crashes on is_encrypted()).
  if (doc->is_locked()) {
    return InvalidInput("encrypted PDF: it needs a password to be opened, its text cannot be read");
  }
  const int count = doc->pages();
  if (count <= 0) return InvalidInput("PDF has no pages");
  std::vector<PdfPage> pages;
  pages.reserve(static_cast<size_t>(count));
  for (int index = 0; index < count; ++index) {
    std::unique_ptr<poppler::page> page(doc->create_page(index));
    if (!page) return InvalidInput(fmt::format("page {}: cannot be read", index + 1));
    PdfPage& out = pages.emplace_back();
    out.number = index + 1;
    for (const poppler::text_box& box : page->text_list()) {
      const poppler::byte_array utf8 = box.text().to_utf8();
      std::string text(utf8.begin(), utf8.end());
      if (Trim(text).empty()) continue;
      const poppler::rectf rect = box.bbox();
      out.words.push_back(PdfWord{TruncateUtf8(text, text.size()), rect.left(), rect.top(),
                                  rect.right(), rect.bottom()});
    }
  }
  return pages;
}

}  // namespace

bool HasPdfMagic(std::string_view bytes) { return bytes.starts_with("%PDF-"); }

Result<std::vector<PdfPage>> ReadPdfWords(std::string_view bytes) {
  // poppler-cpp reports failures as values; an exception (bad_alloc on a hostile file) is
  // turned into a refusal here, at the edge of the wrapper.
  try {
    return ReadWords(bytes);
  } catch (const std::exception& e) {
    return InvalidInput(fmt::format("unreadable PDF: {}", e.what()));
  }
}

}  // namespace backcourt
