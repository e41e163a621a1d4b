#include "ingest/json_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <unordered_set>

#include "core/date.h"
#include "core/text.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

constexpr size_t kDetectPrefix = 16 * 1024;
constexpr size_t kContentLimit = 200;
constexpr size_t kReasonLimit = 300;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string_view WithoutBom(std::string_view s) {
  if (s.substr(0, kUtf8Bom.size()) == kUtf8Bom) s.remove_prefix(kUtf8Bom.size());
  return s;
}

// Control bytes other than whitespace never occur in JSON text outside strings, and inside
// strings they must be escaped: one in the first KiB means the file is not text.
std::optional<size_t> FirstBinaryByte(std::string_view content) {
  const size_t n = std::min<size_t>(content.size(), 1024);
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(content[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
  }
  return std::nullopt;
}

// "[json.exception.parse_error.101] parse error at ..." -> "parse error at ...", printable
// ASCII only (the parser quotes the bytes it last read, which may be anything).
std::string ParseErrorReason(const char* what) {
  std::string_view text(what);
  if (const size_t end = text.find("] ");
      !text.empty() && text.front() == '[' && end != std::string_view::npos) {
    text.remove_prefix(end + 2);
  }
  std::string reason(text);
  for (char& c : reason) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return reason;
}

// At most nine digits, which always fit an int.
bool ParseDigits(std::string_view text, int& out) {
  if (text.empty() || text.size() > 9) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

// Offset of the bracket that opens level kMaxJsonDepth + 1, outside strings; nullopt if none.
std::optional<size_t> FirstTooDeep(std::string_view content) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<Json> ParseJson(std::string_view content) {
  BC_RETURN_IF_ERROR(CheckNotUtf16(content));
  content = WithoutBom(content);
  if (Trim(content).empty()) return InvalidInput("empty input");
  if (content.size() >= 2 && static_cast<unsigned char>(content[0]) == 0x1f &&
      static_cast<unsigned char>(content[1]) == 0x8b) {
    return InvalidInput("gzip-compressed content was not decompressed");
  }
  if (auto at = FirstBinaryByte(content)) {
    return InvalidInput(fmt::format("binary content (control byte at offset {}), not JSON", *at));
  }
  if (const char first = Trim(content).front(); first != '{' && first != '[') {
    return InvalidInput(fmt::format("not JSON: the first byte is 0x{:02x}, not '{{' or '['",
                                    static_cast<unsigned char>(first)));
  }
  if (auto at = FirstTooDeep(content)) {
    return InvalidInput(
        fmt::format("JSON nested deeper than {} levels (byte {})", kMaxJsonDepth, *at));
  }
  try {
    return Json::parse(content.begin(), content.end());
  } catch (const Json::parse_error& e) {
    if (e.byte > content.size() ||
        std::string_view(e.what()).find("unexpected end of input") != std::string_view::npos) {
      return InvalidInput(
          fmt::format("truncated JSON: input ends at byte {} inside a value", content.size()));
    }
    return InvalidInput(fmt::format("invalid JSON: {}", ParseErrorReason(e.what())));
  } catch (const Json::out_of_range& e) {
    // A number beyond double range ("1e400") is thrown as out_of_range, not parse_error.
    return InvalidInput(fmt::format("invalid JSON: {}", ParseErrorReason(e.what())));
  }
}

bool JsonObjectMentions(std::string_view content, std::initializer_list<std::string_view> keys) {
  const std::string_view head = Trim(WithoutBom(content).substr(0, kDetectPrefix));
  if (head.empty() || head.front() != '{') return false;
  return std::any_of(keys.begin(), keys.end(), [&](std::string_view key) {
    return head.find(fmt::format("\"{}\"", key)) != std::string_view::npos;
  });
}

const Json* FindField(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<int64_t> OptInt(const Json& object, std::string_view key) {
  const Json* value = FindField(object, key);
  if (value == nullptr) return std::nullopt;
  // Beyond int64 the conversions below wrap (unsigned) or are undefined (double): such a
  // number is no count, so it is not an integer here, as in ParseIntCell.
  if (value->is_number_unsigned() &&
      value->get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return std::nullopt;
  }
  if (value->is_number_integer()) return value->get<int64_t>();
  if (value->is_number_float()) {
    const double d = value->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
      return static_cast<int64_t>(d);
    }
    return std::nullopt;
  }
  if (value->is_string()) {
    int parsed = 0;
    std::string_view text = Trim(value->get_ref<const std::string&>());
    const bool negative = !text.empty() && text.front() == '-';
    if (negative) text.remove_prefix(1);
    if (text.size() < 10 && ParseDigits(text, parsed)) return negative ? -parsed : parsed;
  }
  return std::nullopt;
}

std::optional<double> OptDouble(const Json& object, std::string_view key) {
  const Json* value = FindField(object, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number()) return value->get<double>();
  if (value->is_string()) {
    try {
      size_t used = 0;
      const std::string& text = value->get_ref<const std::string&>();
      const double d = std::stod(text, &used);
      if (used == text.size()) return d;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

std::string OptString(const Json& object, std::string_view key) {
  const Json* value = FindField(object, key);
  if (value == nullptr) return "";
  if (value->is_string()) return std::string(Trim(value->get_ref<const std::string&>()));
  return value->dump();
}

Result<std::string> DateOf(const Json& object, std::string_view key, std::string_view field) {
  return ParseDateField(field, OptString(object, key), kJsonDates).map(&Date::ToIso);
}

Result<std::string> GameStatusFromId(const Json& object, std::string_view key) {
  switch (OptInt(object, key).value_or(0)) {
    case 1:
      return std::string(kStatusScheduled);
    case 2:
      return std::string(kStatusInProgress);
    case 3:
      return std::string(kStatusFinal);
  }
  return InvalidInput(fmt::format("unknown {} '{}'", key, OptString(object, key)));
}

Result<ParsedMinutes> MinutesFromJson(const Json* value, MinutesKind kind) {
  if (value == nullptr || value->is_null()) return ParsedMinutes{std::nullopt, true};
  if (value->is_string()) return ParseMinutes(value->get_ref<const std::string&>(), kind);
  if (value->is_number()) return MinutesFromNumber(value->get<double>(), kind);
  return InvalidInput(fmt::format("minutes {} is not a string or number", value->dump()));
}

Result<BoxStats> ReadBoxStats(const Json& o, const StatKeys& k) {
  BoxStats s;
  const std::pair<std::optional<int64_t>*, std::string_view> counting[] = {
      {&s.pts, k.pts}, {&s.fgm, k.fgm}, {&s.fga, k.fga},   {&s.fg3m, k.fg3m}, {&s.fg3a, k.fg3a},
      {&s.ftm, k.ftm}, {&s.fta, k.fta}, {&s.oreb, k.oreb}, {&s.dreb, k.dreb}, {&s.reb, k.reb},
      {&s.ast, k.ast}, {&s.stl, k.stl}, {&s.blk, k.blk},   {&s.tov, k.tov},   {&s.pf, k.pf},
  };
  for (const auto& [value, key] : counting) {
    *value = OptInt(o, key);
    if (const Json* given = FindField(o, key); !*value && given != nullptr) {
      return InvalidInput(fmt::format("{} {} is not an integer", key, given->dump()));
    }
  }
  s.plus_minus = OptDouble(o, k.plus_minus);
  if (const Json* given = FindField(o, k.plus_minus); !s.plus_minus && given != nullptr) {
    return InvalidInput(fmt::format("{} {} is not a number", k.plus_minus, given->dump()));
  }
  return s;
}

Result<std::string> TeamCodeOf(std::string_view code, std::string_view field) {
  if (auto team = NormalizeTeam(code)) return *team;
  return InvalidInput(fmt::format("unknown team code '{}' in {}", code, field));
}

std::string RecordContent(const Json& record) {
  return TruncateUtf8(record.dump(-1, ' ', false, Json::error_handler_t::replace), kContentLimit);
}

RejectRow MakeReject(int64_t line, std::string reason, const Json& record) {
  return RejectRow{line, Abbreviate(reason, kReasonLimit), RecordContent(record)};
}

std::string DescribeTopLevel(const Json& doc) {
  if (!doc.is_object()) return fmt::format("top level is a JSON {}", doc.type_name());
  std::string keys;
  size_t shown = 0;
  for (const auto& item : doc.items()) {
    if (shown++ == 8) {
      keys += ", ...";
      break;
    }
    keys += (keys.empty() ? "" : ", ") + item.key();
  }
  return fmt::format("top-level keys {}", keys.empty() ? "(none)" : keys);
}

Result<std::vector<Json>> TableRows(const Json& result_set) {
  const Json* headers = FindField(result_set, "headers");
  const Json* rows = FindField(result_set, "rowSet");
  if (headers == nullptr || rows == nullptr || !headers->is_array() || !rows->is_array()) {
    return InvalidInput(
        fmt::format("result set '{}' has no headers/rowSet arrays", OptString(result_set, "name")));
  }
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (const Json& header : *headers) {
    std::string name = header.is_string() ? header.get<std::string>() : header.dump();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (!seen.insert(name).second) {
      return InvalidInput(fmt::format("result set '{}' has header '{}' twice",
                                      OptString(result_set, "name"), TruncateUtf8(name, 100)));
    }
    names.push_back(std::move(name));
  }
  std::vector<Json> objects;
  objects.reserve(rows->size());
  for (const Json& row : *rows) {
    if (!row.is_array() || row.size() != names.size()) {
      return InvalidInput(fmt::format("result set '{}' row {} has {} values for {} headers",
                                      OptString(result_set, "name"), objects.size() + 1,
                                      row.is_array() ? row.size() : 0, names.size()));
    }
    Json object = Json::object();
    for (size_t i = 0; i < names.size(); ++i) object[names[i]] = row[i];
    objects.push_back(std::move(object));
  }
  return objects;
}

}  // namespace backcourt
