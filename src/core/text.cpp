#include "core/text.h"

#include <fmt/format.h>

#include <algorithm>

namespace backcourt {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](char x, char y) { return lower(x) == lower(y); });
}

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = text.find_first_not_of(' ', i);
    if (start == std::string_view::npos) break;
    const size_t end = std::min(text.find(' ', start), text.size());
    words.push_back(text.substr(start, end - start));
    i = end;
  }
  return words;
}

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4;
  else
    return 0;
  if (i + length > s.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

std::optional<size_t> FindInvalidUtf8(std::string_view text) {
  // ASCII, the common case, is skipped a byte at a time without decoding.
  const auto ascii = [](char c) { return static_cast<unsigned char>(c) < 0x80; };
  for (size_t i = 0; i < text.size();) {
    if (ascii(text[i])) {
      i = static_cast<size_t>(
          std::find_if_not(text.begin() + static_cast<ptrdiff_t>(i), text.end(), ascii) -
          text.begin());
      continue;
    }
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  for (size_t i = 0; i < text.size();) {
    const size_t length = Utf8SequenceLength(text, i);
    if (out.size() + std::max<size_t>(length, 1) > max_bytes) break;
    if (length == 0) {
      out.push_back('?');
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string Abbreviate(std::string_view text, size_t max_bytes) {
  constexpr std::string_view kEllipsis = "...";
  if (text.size() <= max_bytes) return TruncateUtf8(text, max_bytes);
  return TruncateUtf8(text, max_bytes - kEllipsis.size()) + std::string(kEllipsis);
}

Status CheckNotUtf16(std::string_view content) {
  if (content.starts_with("\xFF\xFE") || content.starts_with("\xFE\xFF")) {
    return InvalidInput(fmt::format(
        "UTF-16 text (byte-order mark {:02X} {:02X}): only UTF-8 is read",
        static_cast<unsigned char>(content[0]), static_cast<unsigned char>(content[1])));
  }
  return {};
}

}  // namespace backcourt
