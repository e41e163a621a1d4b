#include "ingest/minutes.h"

#include <charconv>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "core/text.h"

namespace backcourt {
namespace {

double MaxMinutes(MinutesKind kind) { return kind == MinutesKind::kPlayer ? 70.0 : 400.0; }

// Parses an unsigned decimal number ("12", "29.0166") in full, or nothing.
std::optional<double> ParseUnsignedDecimal(std::string_view s) {
  if (s.empty() || s.front() == '+' || s.front() == '-') return std::nullopt;
  for (char c : s) {
    if ((c < '0' || c > '9') && c != '.') return std::nullopt;
  }
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

Result<ParsedMinutes> Checked(double minutes, MinutesKind kind, std::string_view text) {
  if (!std::isfinite(minutes) || minutes < 0) {
    return InvalidInput(fmt::format("minutes '{}' is negative or not a number", text));
  }
  if (minutes > MaxMinutes(kind)) {
    return InvalidInput(fmt::format("minutes '{}' exceed {}", text, MaxMinutes(kind)));
  }
  ParsedMinutes parsed;
  parsed.minutes = minutes;
  parsed.did_not_play = minutes == 0;
  return parsed;
}

// "PT34M12.00S"
Result<ParsedMinutes> ParseIsoDuration(std::string_view text, MinutesKind kind) {
  std::string_view rest = text.substr(2);
  const size_t m = rest.find('M');
  if (m == std::string_view::npos || rest.empty() || rest.back() != 'S') {
    return InvalidInput(fmt::format("minutes '{}' is not an ISO-8601 duration", text));
  }
  auto whole = ParseUnsignedDecimal(rest.substr(0, m));
  auto seconds = ParseUnsignedDecimal(rest.substr(m + 1, rest.size() - m - 2));
  if (!whole || !seconds || *whole != std::floor(*whole)) {
    return InvalidInput(fmt::format("minutes '{}' is not an ISO-8601 duration", text));
  }
  if (*seconds >= 60) return InvalidInput(fmt::format("minutes '{}' has seconds >= 60", text));
  return Checked(*whole + *seconds / 60.0, kind, text);
}

}  // namespace

Result<ParsedMinutes> ParseMinutes(std::string_view raw, MinutesKind kind) {
  const std::string_view text = Trim(raw);
  if (text.empty() || text == "-" || text == "null" || text == "None" || text == "NaN") {
    return ParsedMinutes{std::nullopt, true};
  }
  if (text.size() > 2 && text[0] == 'P' && text[1] == 'T') return ParseIsoDuration(text, kind);
  if (text.front() == '-') return InvalidInput(fmt::format("minutes '{}' is negative", text));
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    auto value = ParseUnsignedDecimal(text);
    if (!value) return InvalidInput(fmt::format("minutes '{}' is not a number", text));
    return Checked(*value, kind, text);
  }
  const std::string_view mm = text.substr(0, colon);
  const std::string_view ss = text.substr(colon + 1);
  auto whole = ParseUnsignedDecimal(mm);
  auto seconds = ParseUnsignedDecimal(ss);
  if (!whole || !seconds || mm.find('.') != std::string_view::npos || ss.size() < 2) {
    return InvalidInput(fmt::format("minutes '{}' is not MM:SS", text));
  }
  if (*seconds >= 60) return InvalidInput(fmt::format("minutes '{}' has seconds >= 60", text));
  return Checked(*whole + *seconds / 60.0, kind, text);
}

Result<ParsedMinutes> MinutesFromNumber(double value, MinutesKind kind) {
  return Checked(value, kind, fmt::format("{}", value));
}

Result<ParsedMinutes> ParseMinutesGivenTwice(std::string_view min_text,
                                             std::string_view min_sec_text) {
  const std::string_view min = Trim(min_text), min_sec = Trim(min_sec_text);
  const auto reject = [&](std::string_view why) {
    return InvalidInput(
        fmt::format("{} (MIN '{}', MIN_SEC '{}')", why, Abbreviate(min, 40), Abbreviate(min_sec, 40)));
  };
  const auto decimal = ParseMinutes(min);
  if (!decimal) return reject(decimal.error().message());
  if (min_sec.empty() && !decimal->minutes) return *decimal;
  const size_t colon = min_sec.find(':');
  const auto digits = [](std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (colon == std::string_view::npos || colon > 3 || min_sec.size() != colon + 3 ||
      !digits(min_sec.substr(0, colon)) || !digits(min_sec.substr(colon + 1))) {
    return reject("MIN_SEC is not MM:SS");
  }
  const int whole = std::stoi(std::string(min_sec.substr(0, colon)));
  const int seconds = std::stoi(std::string(min_sec.substr(colon + 1)));
  if (seconds > 60) return reject("MIN_SEC has seconds > 60");
  if (!decimal->minutes || std::fabs(whole * 60 + seconds - *decimal->minutes * 60) > 0.5 + 1e-6) {
    return reject("MIN and MIN_SEC disagree by more than the half second of rounding");
  }
  if (seconds == 60) return *decimal;
  auto clock = ParseMinutes(min_sec);
  if (!clock) return reject(clock.error().message());
  return *clock;
}

}  // namespace backcourt
