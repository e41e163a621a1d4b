#include "ingest/csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/date.h"
#include "core/text.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr size_t kUtf8SampleBytes = 64 * 1024;
constexpr size_t kRejectContentBytes = 200;
constexpr size_t kRejectReasonBytes = 300;

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }

}  // namespace

// ---- Tokenizer -------------------------------------------------------------------------

CsvTokenizer::CsvTokenizer(std::string_view content) : text_(content) {
  if (text_.starts_with(kBom)) pos_ = kBom.size();
}

void CsvTokenizer::SkipBlankLines() {
  while (pos_ < text_.size() && IsLineEnd(text_[pos_])) {
    if (text_[pos_] == '\n' || pos_ + 1 >= text_.size() || text_[pos_ + 1] != '\n') ++line_;
    ++pos_;
  }
}

void CsvTokenizer::ReadUnquoted(CsvRecord& record) {
  const size_t start = pos_;
  const char* data = text_.data();
  const size_t size = text_.size();
  while (pos_ < size) {
    const char c = data[pos_];
    if (c == ',' || c == '\n' || c == '\r') break;
    ++pos_;
  }
  record.fields.push_back(text_.substr(start, pos_ - start));
}

void CsvTokenizer::ReadQuoted(CsvRecord& record) {
  const size_t start = ++pos_;  // after the opening quote
  bool escaped = false;
  size_t close = std::string_view::npos;
  while (pos_ < text_.size()) {
    const size_t quote = text_.find('"', pos_);
    const size_t stop = quote == std::string_view::npos ? text_.size() : quote;
    line_ += std::count(text_.begin() + static_cast<ptrdiff_t>(pos_),
                        text_.begin() + static_cast<ptrdiff_t>(stop), '\n');
    pos_ = stop;
    if (quote == std::string_view::npos) break;
    if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
      escaped = true;
      pos_ = quote + 2;
      continue;
    }
    close = quote;
    pos_ = quote + 1;
    break;
  }
  if (close == std::string_view::npos) {
    record.error = "unterminated quoted field";
    record.fields.push_back(text_.substr(start));
    return;
  }
  const std::string_view inner = text_.substr(start, close - start);
  if (!escaped) {
    record.fields.push_back(inner);
  } else {
    const size_t offset = record.scratch.size();
    for (size_t i = 0; i < inner.size(); ++i) {
      record.scratch.push_back(inner[i]);
      if (inner[i] == '"') ++i;  // "" -> "
    }
    unescaped_.push_back({record.fields.size(), offset, record.scratch.size() - offset});
    record.fields.push_back({});
  }
  if (pos_ < text_.size() && text_[pos_] != ',' && !IsLineEnd(text_[pos_])) {
    record.error = "text after a closing quote";
    CsvRecord ignored;
    ReadUnquoted(ignored);
  }
}

void CsvTokenizer::DropFieldsPastLimit(CsvRecord& record) {
  if (record.fields.size() <= kMaxCsvFields) return;
  if (!unescaped_.empty() && unescaped_.back().field >= kMaxCsvFields) unescaped_.pop_back();
  record.fields.resize(kMaxCsvFields);
  if (record.error.empty()) record.error = fmt::format("more than {} fields", kMaxCsvFields);
}

bool CsvTokenizer::Next(CsvRecord& record) {
  record.fields.clear();
  record.scratch.clear();
  record.error.clear();
  unescaped_.clear();
  SkipBlankLines();
  if (pos_ >= text_.size()) return false;
  record.line = line_;
  const size_t start = pos_;
  size_t end = text_.size();
  while (true) {
    if (text_[pos_] == '"') {
      ReadQuoted(record);
    } else {
      ReadUnquoted(record);
    }
    DropFieldsPastLimit(record);
    if (pos_ >= text_.size()) break;
    if (text_[pos_] == ',') {
      ++pos_;
      if (pos_ >= text_.size()) record.fields.push_back({});  // trailing comma at EOF
      DropFieldsPastLimit(record);
      if (pos_ >= text_.size()) break;
      continue;
    }
    end = pos_;
    if (text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }
  record.raw = text_.substr(start, end - start);
  const std::string_view scratch = record.scratch;
  for (const Unescaped& u : unescaped_) record.fields[u.field] = scratch.substr(u.offset, u.length);
  return true;
}

// ---- Header ----------------------------------------------------------------------------

CsvHeader::CsvHeader(const CsvRecord& record) {
  names_.reserve(record.size());
  for (std::string_view name : record.fields) names_.emplace_back(Trim(name));
}

std::optional<size_t> CsvHeader::Find(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return i;
  }
  for (size_t i = 0; i < names_.size(); ++i) {
    if (EqualsIgnoreCase(names_[i], name)) return i;
  }
  return std::nullopt;
}

std::optional<size_t> CsvHeader::FindAny(std::initializer_list<std::string_view> names) const {
  for (std::string_view name : names) {
    if (auto index = Find(name)) return index;
  }
  return std::nullopt;
}

std::optional<std::string> CsvHeader::Duplicate() const {
  for (size_t i = 0; i < names_.size(); ++i) {
    for (size_t j = i + 1; j < names_.size(); ++j) {
      if (names_[i] == names_[j]) return names_[i];
    }
  }
  return std::nullopt;
}

// ---- Whole-file checks -----------------------------------------------------------------

Status CheckTextContent(std::string_view content) {
  BC_RETURN_IF_ERROR(CheckNotUtf16(content));
  if (content.starts_with(kBom)) content.remove_prefix(kBom.size());
  if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidInput("empty file");
  }
  if (const void* nul = std::memchr(content.data(), '\0', content.size())) {
    const auto offset = static_cast<const char*>(nul) - content.data();
    return InvalidInput(fmt::format("binary content: NUL byte at offset {}", offset));
  }
  const std::string_view sample = content.substr(0, kUtf8SampleBytes);
  size_t invalid = 0;
  for (size_t i = 0; i < sample.size();) {
    const size_t length = Utf8SequenceLength(sample, i);
    invalid += length == 0 ? 1 : 0;
    i += length == 0 ? 1 : length;
  }
  if (invalid * 20 > sample.size()) {  // more than 5%: not a text file
    return InvalidInput(fmt::format("binary content: {} of the first {} bytes are not UTF-8",
                                    invalid, sample.size()));
  }
  return {};
}

Result<CsvHeader> ReadCsvHeader(CsvTokenizer& tokenizer, std::string_view content) {
  BC_RETURN_IF_ERROR(CheckTextContent(content));
  CsvRecord record;
  if (!tokenizer.Next(record)) return InvalidInput("empty file");
  if (!record.error.empty()) return InvalidInput("header: " + record.error);
  CsvHeader header(record);
  if (auto duplicate = header.Duplicate()) {
    return InvalidInput(fmt::format("duplicated header column '{}'", *duplicate));
  }
  return header;
}

std::optional<CsvHeader> PeekCsvHeader(std::string_view content) {
  CsvTokenizer tokenizer(content.substr(0, std::min<size_t>(content.size(), 64 * 1024)));
  CsvRecord record;
  if (!tokenizer.Next(record) || !record.error.empty()) return std::nullopt;
  return CsvHeader(record);
}

size_t EstimateRecords(std::string_view content) {
  return static_cast<size_t>(std::count(content.begin(), content.end(), '\n')) + 1;
}

Status RequireColumns(const std::vector<std::string>& missing) {
  if (missing.empty()) return {};
  return InvalidInput(fmt::format("missing required columns: {}", fmt::join(missing, ", ")));
}

RejectRow MakeReject(const CsvRecord& record, std::string reason) {
  return RejectRow{record.line, Abbreviate(reason, kRejectReasonBytes),
                   TruncateUtf8(record.raw, kRejectContentBytes)};
}

Status CheckCsvFields(const CsvRecord& record, const CsvHeader& header) {
  for (size_t i = 0; i < record.size(); ++i) {
    if (record[i].size() > kMaxCsvFieldBytes) {
      return InvalidInput(fmt::format("{} is {} bytes long (at most {})", header.name(i),
                                      record[i].size(), kMaxCsvFieldBytes));
    }
  }
  if (!FindInvalidUtf8(record.raw)) return {};
  for (size_t i = 0; i < record.size(); ++i) {
    if (auto bad = FindInvalidUtf8(record[i])) {
      return InvalidInput(fmt::format("{} is not valid UTF-8 (byte 0x{:02X} at offset {})",
                                      header.name(i), static_cast<unsigned char>(record[i][*bad]),
                                      *bad));
    }
  }
  return {};
}

std::string FieldCountReason(size_t expected, size_t found) {
  return fmt::format("expected {} fields, found {}", expected, found);
}

// ---- Cells -----------------------------------------------------------------------------

Result<double> ParseDoubleCell(std::string_view raw, std::string_view column) {
  const std::string_view cell = Trim(raw);
  if (cell.empty()) return InvalidInput(fmt::format("empty {}", column));
  std::string_view digits = cell;
  if (digits.front() == '+') digits.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return InvalidInput(fmt::format("{} '{}' is not a number", column, cell));
  }
  return value;
}

Result<std::optional<double>> ParseOptionalDoubleCell(std::string_view raw,
                                                      std::string_view column) {
  if (Trim(raw).empty()) return std::optional<double>();
  BC_ASSIGN_OR_RETURN(double value, ParseDoubleCell(raw, column));
  return std::optional<double>(value);
}

// Integers; "12.0" (a float column written by pandas) counts as 12.
Result<int64_t> ParseIntCell(std::string_view raw, std::string_view column) {
  const std::string_view cell = Trim(raw);
  if (cell.empty()) return InvalidInput(fmt::format("empty {}", column));
  int64_t value = 0;
  auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec == std::errc() && end == cell.data() + cell.size()) return value;
  auto as_double = ParseDoubleCell(cell, column);
  if (as_double && *as_double == std::trunc(*as_double) && std::fabs(*as_double) < 1e15) {
    return static_cast<int64_t>(*as_double);
  }
  return InvalidInput(fmt::format("{} '{}' is not an integer", column, cell));
}

Result<std::string> ParseTeamCell(std::string_view raw, std::string_view column) {
  const std::string_view cell = Trim(raw);
  if (cell.empty()) return InvalidInput(fmt::format("empty {}", column));
  auto team = NormalizeTeam(cell);
  if (!team) return InvalidInput(fmt::format("unknown team code '{}' in {}", cell, column));
  return *team;
}


}  // namespace backcourt
