#include "store/postgres/pg_text.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace backcourt {
namespace {

// Replaces the value after `key=` (up to `end_chars`) with ***, from `from` on.
void RedactValue(std::string& text, std::string_view key, std::string_view end_chars) {
  size_t at = 0;
  while ((at = text.find(key, at)) != std::string::npos) {
    const bool starts_word = at == 0 || text[at - 1] == '&' || text[at - 1] == '?' ||
                             text[at - 1] == ' ' || text[at - 1] == '\t';
    size_t eq = at + key.size();
    while (eq < text.size() && text[eq] == ' ') ++eq;
    if (!starts_word || eq >= text.size() || text[eq] != '=') {
      at += key.size();
      continue;
    }
    size_t begin = eq + 1;
    while (begin < text.size() && text[begin] == ' ' && end_chars.find(' ') != end_chars.npos) {
      ++begin;
    }
    size_t end = begin;
    if (begin < text.size() && text[begin] == '\'') {  // quoted: up to the closing quote
      for (end = begin + 1; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      end = std::min(end + 1, text.size());
    } else {
      while (end < text.size() && end_chars.find(text[end]) == std::string_view::npos) ++end;
    }
    text.replace(begin, end - begin, "***");
    at = begin + 3;
  }
}

}  // namespace

std::string RedactPostgresTarget(std::string_view target) {
  std::string text(target);
  const size_t scheme = text.find("://");
  if (scheme != std::string::npos) {
    const size_t authority = scheme + 3;
    const size_t slash = text.find_first_of("/?", authority);
    const size_t host_end = slash == std::string::npos ? text.size() : slash;
    const size_t at = text.rfind('@', host_end);
    if (at != std::string::npos && at >= authority) {
      const size_t colon = text.find(':', authority);
      if (colon != std::string::npos && colon < at) text.replace(colon + 1, at - colon - 1, "***");
    }
    RedactValue(text, "password", "&#");
    return text;
  }
  RedactValue(text, "password", " \t");
  return text;
}

std::string RewriteParameters(std::string_view sql, int& parameters) {
  std::string out;
  out.reserve(sql.size() + 16);
  parameters = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // a literal or quoted identifier, doubled quotes included
      const size_t close = sql.find(c, i + 1);
      const size_t end = close == std::string_view::npos ? sql.size() : close + 1;
      out.append(sql.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const size_t eol = sql.find('\n', i);
      const size_t end = eol == std::string_view::npos ? sql.size() : eol;
      out.append(sql.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    size_t digits = i + 1;
    while (digits < sql.size() && sql[digits] >= '0' && sql[digits] <= '9') ++digits;
    int number = parameters + 1;
    if (digits > i + 1) {
      std::from_chars(sql.data() + i + 1, sql.data() + digits, number);
      i = digits - 1;
    }
    parameters = std::max(parameters, number);
    out += '$';
    out += std::to_string(number);
  }
  return out;
}

std::string FormatDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{}", value);
}

double ParseDouble(std::string_view text) {
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  if (text == "t") return 1;
  if (text == "f") return 0;
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

int64_t ParseInt(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;
  if (text == "t") return 1;
  if (text == "f") return 0;
  const double real = ParseDouble(text);
  if (!std::isfinite(real)) return 0;
  return static_cast<int64_t>(real);
}

void AppendCopyValue(std::string& row, std::string_view value) {
  for (char c : value) {
    switch (c) {
      case '\\': row += "\\\\"; break;
      case '\t': row += "\\t"; break;
      case '\n': row += "\\n"; break;
      case '\r': row += "\\r"; break;
      default: row += c;
    }
  }
}

}  // namespace backcourt
