#pragma once
// RFC-4180 CSV for the CSV readers: a tokenizer that hands out string_views into the file's
// buffer (only quoted fields with "" escapes are copied), a case-insensitive header, typed
// cell parsing whose errors are row-reject reasons, and the loop every CSV reader shares.
// Box-score stat columns are in csv_box_stats.h.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ingest/raw_rows.h"

namespace backcourt {

// One record. Views point into the tokenizer's input or the record's own scratch buffer,
// so they are valid until the next call to CsvTokenizer::Next with this record.
struct CsvRecord {
  int64_t line = 0;      // 1-based line where the record starts
  std::string_view raw;  // the record's text, without its line end
  std::vector<std::string_view> fields;
  std::string error;    // non-empty: malformed (e.g. unterminated quote)
  std::string scratch;  // unescaped quoted fields

  size_t size() const { return fields.size(); }
  std::string_view operator[](size_t i) const { return fields[i]; }
};

// Most fields a record may have (real files have under 100): past it, the record is an error
// and its further fields are not kept, so a line of millions of commas costs no memory.
inline constexpr size_t kMaxCsvFields = 1024;

class CsvTokenizer {
 public:
  // A leading UTF-8 BOM is skipped. LF and CRLF line ends are both accepted.
  explicit CsvTokenizer(std::string_view content);
  // Reads the next non-blank record; false at end of input.
  bool Next(CsvRecord& record);

 private:
  // A field whose "" escapes were copied into CsvRecord::scratch.
  struct Unescaped {
    size_t field = 0;
    size_t offset = 0;
    size_t length = 0;
  };
  void ReadQuoted(CsvRecord& record);
  void ReadUnquoted(CsvRecord& record);
  void DropFieldsPastLimit(CsvRecord& record);
  void SkipBlankLines();

  std::string_view text_;
  std::vector<Unescaped> unescaped_;
  size_t pos_ = 0;
  int64_t line_ = 1;
};

// Column names from the header record; lookups ignore ASCII case.
class CsvHeader {
 public:
  explicit CsvHeader(const CsvRecord& record);
  size_t size() const { return names_.size(); }
  // An exact match wins over a case-insensitive one ("PLAYER_ID" next to "Player_ID").
  std::optional<size_t> Find(std::string_view name) const;
  // The first of `names` present.
  std::optional<size_t> FindAny(std::initializer_list<std::string_view> names) const;
  bool Has(std::string_view name) const { return Find(name).has_value(); }
  // First name that occurs twice (exact spelling), if any.
  std::optional<std::string> Duplicate() const;
  const std::string& name(size_t index) const { return names_[index]; }

 private:
  std::vector<std::string> names_;
};

// Checks the content (CheckTextContent), reads the header record and refuses a missing
// header or duplicated column names. The tokenizer is left at the first data record.
Result<CsvHeader> ReadCsvHeader(CsvTokenizer& tokenizer, std::string_view content);

// Whole-file checks before tokenizing: empty, NUL bytes, mostly invalid UTF-8.
Status CheckTextContent(std::string_view content);
// Header of `content` (first record) for Detect; nullopt if there is none.
std::optional<CsvHeader> PeekCsvHeader(std::string_view content);
// Upper bound on the records of `content` (its line count), to reserve output rows once.
size_t EstimateRecords(std::string_view content);
// Error naming the missing columns, or success when `missing` is empty.
Status RequireColumns(const std::vector<std::string>& missing);

// Cell parsers: errors are reject reasons that name the column. Cells are read trimmed
// (Trim, core/text.h).
Result<int64_t> ParseIntCell(std::string_view cell, std::string_view column);
Result<double> ParseDoubleCell(std::string_view cell, std::string_view column);
// Empty cell -> nullopt.
Result<std::optional<double>> ParseOptionalDoubleCell(std::string_view cell,
                                                      std::string_view column);
Result<std::string> ParseTeamCell(std::string_view cell, std::string_view column);

// Dates of CSV files written by scripts: ISO "2023-10-24", or US "10/24/23" / "10/24/2023" as
// a spreadsheet re-saves it (ParseDateField, core/date.h).
inline constexpr DateFormats kIsoOrUsDates = {.iso = true, .us_slash = true};

// Longest field a data record may hold. Real fields are under 100 bytes; the bound keeps a
// huge field (a runaway quote, a pasted blob) out of the rows and out of reject reasons.
inline constexpr size_t kMaxCsvFieldBytes = 4096;

// Runs `parse_row(record)` (returning Status) on every data record after the header.
// Malformed records, records with the wrong field count, a field longer than
// kMaxCsvFieldBytes or not UTF-8 (a file of mixed encodings), and rows whose parse fails
// become RejectRows with the line, reason and the first 200 bytes of the record.
template <class ParseRow>
void ForEachCsvRow(CsvTokenizer& tokenizer, const CsvHeader& header, ParsedFile& out,
                   ParseRow&& parse_row);

RejectRow MakeReject(const CsvRecord& record, std::string reason);
std::string FieldCountReason(size_t expected, size_t found);
// Each field at most kMaxCsvFieldBytes and valid UTF-8; the reason names the column.
Status CheckCsvFields(const CsvRecord& record, const CsvHeader& header);

template <class ParseRow>
void ForEachCsvRow(CsvTokenizer& tokenizer, const CsvHeader& header, ParsedFile& out,
                   ParseRow&& parse_row) {
  CsvRecord record;
  while (tokenizer.Next(record)) {
    if (!record.error.empty()) {
      out.rejects.push_back(MakeReject(record, record.error));
    } else if (record.size() != header.size()) {
      out.rejects.push_back(MakeReject(record, FieldCountReason(header.size(), record.size())));
    } else if (Status fields = CheckCsvFields(record, header); !fields) {
      out.rejects.push_back(MakeReject(record, fields.error().message()));
    } else if (Status status = parse_row(record); !status) {
      out.rejects.push_back(MakeReject(record, status.error().message()));
    }
  }
}

}  // namespace backcourt
