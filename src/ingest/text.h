#pragma once
// UTF-8 helpers for readers: input text must be UTF-8, and what a reader copies from it into
// reasons and reject contents is cut to a bound without splitting a character.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace backcourt {

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
