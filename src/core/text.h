#pragma once
// Text helpers shared by every reader, the HTTP client and the date parsers: trimming, ASCII
// case-insensitive comparison, and UTF-8 (input text must be UTF-8, and what a reader copies
// from it into reasons and reject contents is cut to a bound without splitting a character).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace backcourt {

// ASCII whitespace: space, \t, \n, \v, \f, \r (std::isspace in the "C" locale, without the
// locale). Bytes >= 0x80 are never whitespace, so UTF-8 text is never cut inside a character.
constexpr bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// `text` without leading and trailing ASCII whitespace: the one trim of every reader (cells,
// JSON strings, team codes, minutes, dates, PDF lines) and of HTTP header values. A CSV cell
// "12\r" or a JSON " BOS\n" reads as its value.
constexpr std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  return text;
}

// The words of `text` split at runs of spaces ("  LA  Clippers " -> "LA", "Clippers").
std::vector<std::string_view> SplitWords(std::string_view text);

// Equal ignoring ASCII case ("Over" == "OVER"); other bytes compare exactly.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Length of the valid UTF-8 sequence starting at `text[i]`, or 0 if it is invalid.
size_t Utf8SequenceLength(std::string_view text, size_t i);
// Offset of the first byte that does not start a valid UTF-8 sequence; nullopt if none.
std::optional<size_t> FindInvalidUtf8(std::string_view text);
// At most `max_bytes` of `text`, cut before a UTF-8 sequence, each byte that is not UTF-8
// replaced by '?': safe to store and print whatever the input was.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);
// `text` if it fits in `max_bytes`, else its start (TruncateUtf8) and "...", `max_bytes` in
// all: reasons that quote a huge value stay short and say they were cut.
std::string Abbreviate(std::string_view text, size_t max_bytes);
// UTF-16 text (a byte-order mark FF FE or FE FF) is refused with a reason that says so, rather
// than as binary because of its NUL bytes.
Status CheckNotUtf16(std::string_view content);

}  // namespace backcourt
