#include "ingest/odds_props_csv_reader.h"

#include <fmt/format.h>

#include <array>
#include <map>
#include <vector>

#include "core/text.h"
#include "ingest/csv.h"
#include "ingest/odds_common.h"
#include "ingest/player_names.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

enum class Shape { kBook, kPickem };

constexpr std::array<std::string_view, 9> kBookColumns = {"event_id",  "player",    "market",
                                                          "line",      "bookmaker", "game",
                                                          "game_time", "over_odds", "under_odds"};
constexpr std::array<std::string_view, 10> kPickemColumns = {
    "player", "market",    "bookmaker", "side",    "line",
    "price",  "home_team", "away_team", "game_id", "commence_time"};

struct Columns {
  Shape shape = Shape::kBook;
  std::map<std::string_view, size_t> index;  // by the names above
  std::optional<size_t> captured_at;

  std::string_view Cell(const CsvRecord& record, std::string_view name) const {
    return Trim(record[index.at(name)]);
  }
};

template <size_t N>
std::vector<std::string> Missing(const CsvHeader& header,
                                 const std::array<std::string_view, N>& names) {
  std::vector<std::string> missing;
  for (std::string_view name : names) {
    if (!header.Has(name)) missing.emplace_back(name);
  }
  return missing;
}

Result<Columns> ResolveColumns(const CsvHeader& header) {
  Columns c;
  const auto book_missing = Missing(header, kBookColumns);
  const auto pickem_missing = Missing(header, kPickemColumns);
  // The shape is the one the header is closer to; its missing columns are the error.
  c.shape = book_missing.size() <= pickem_missing.size() ? Shape::kBook : Shape::kPickem;
  const bool book = c.shape == Shape::kBook;
  BC_RETURN_IF_ERROR(RequireColumns(book ? book_missing : pickem_missing));
  if (book) {
    for (std::string_view name : kBookColumns) c.index[name] = *header.Find(name);
  } else {
    for (std::string_view name : kPickemColumns) c.index[name] = *header.Find(name);
  }
  c.captured_at = header.FindAny({"captured_at", "timestamp"});
  return c;
}

// "Houston Rockets @ Oklahoma City Thunder": away first.
Status ParseGame(std::string_view game, PropLineRow& row) {
  const size_t at = game.find(" @ ");
  if (at == std::string_view::npos) {
    return InvalidInput(
        fmt::format("game '{}' is not 'Away Team @ Home Team'", Abbreviate(game, 80)));
  }
  const auto away = NormalizeTeamName(game.substr(0, at));
  const auto home = NormalizeTeamName(game.substr(at + 3));
  if (!away || !home)
    return InvalidInput(fmt::format("unknown team in game '{}'", Abbreviate(game, 80)));
  row.away_team = *away;
  row.home_team = *home;
  return {};
}

Result<std::string> TeamCell(std::string_view cell, std::string_view column) {
  auto team = NormalizeTeamName(cell);
  if (!team)
    return InvalidInput(fmt::format("unknown team '{}' in {}", Abbreviate(cell, 60), column));
  return *team;
}

class RowParser {
 public:
  RowParser(const Columns& columns, const InputFile& file, ParsedFile& out)
      : c_(columns), file_capture_(FileCapture(file)), out_(out) {}

  Status Parse(const CsvRecord& record) {
    const std::string_view market = c_.Cell(record, "market");
    if (market != kMarketPlayerPoints) {
      ++out_.skipped[SkippedMarketKey(market)];
      return {};
    }
    PropLineRow row;
    row.line = record.line;
    row.market = std::string(market);
    row.player_name = std::string(c_.Cell(record, "player"));
    row.name_key = NormalizePlayerName(row.player_name);
    row.bookmaker = BookmakerKey(c_.Cell(record, "bookmaker"));
    BC_ASSIGN_OR_RETURN(row.point, ParseDoubleCell(c_.Cell(record, "line"), "line"));
    BC_RETURN_IF_ERROR(ParseCapture(record, row));
    return c_.shape == Shape::kBook ? ParseBook(record, std::move(row))
                                    : ParsePickem(record, std::move(row));
  }

 private:
  Status ParseCapture(const CsvRecord& record, PropLineRow& row) const {
    const std::string_view cell = c_.captured_at ? Trim(record[*c_.captured_at]) : "";
    if (!cell.empty()) {
      BC_ASSIGN_OR_RETURN(row.captured_at, ParseTimeText(cell, "captured_at"));
      row.capture_basis = kCaptureColumn;
      return {};
    }
    row.captured_at = file_capture_.at;
    row.capture_basis = file_capture_.basis;
    return {};
  }

  Status SetTip(std::string_view cell, std::string_view column, PropLineRow& row) const {
    BC_ASSIGN_OR_RETURN(row.commence_time, ParseTimeText(cell, column));
    row.game_date = GameDateOfTip(row.commence_time);
    return {};
  }

  Status ParseBook(const CsvRecord& record, PropLineRow row) {
    row.event_id = std::string(c_.Cell(record, "event_id"));
    row.line_kind = "book";
    row.price_format = "american";
    BC_RETURN_IF_ERROR(ParseGame(c_.Cell(record, "game"), row));
    BC_RETURN_IF_ERROR(SetTip(c_.Cell(record, "game_time"), "game_time", row));
    BC_ASSIGN_OR_RETURN(row.over_price,
                        ParseAmericanCell(c_.Cell(record, "over_odds"), "over_odds"));
    BC_ASSIGN_OR_RETURN(row.under_price,
                        ParseAmericanCell(c_.Cell(record, "under_odds"), "under_odds"));
    BC_RETURN_IF_ERROR(CheckPropLine(row));
    out_.prop_lines.push_back(std::move(row));
    return {};
  }

  Status ParsePickem(const CsvRecord& record, PropLineRow row) {
    row.event_id = std::string(c_.Cell(record, "game_id"));
    row.line_kind = "pickem";
    row.price_format = "american";
    BC_ASSIGN_OR_RETURN(row.home_team, TeamCell(c_.Cell(record, "home_team"), "home_team"));
    BC_ASSIGN_OR_RETURN(row.away_team, TeamCell(c_.Cell(record, "away_team"), "away_team"));
    BC_RETURN_IF_ERROR(SetTip(c_.Cell(record, "commence_time"), "commence_time", row));
    const std::string_view side = c_.Cell(record, "side");
    const bool over = EqualsIgnoreCase(side, "Over");
    if (!over && !EqualsIgnoreCase(side, "Under")) {
      return InvalidInput(fmt::format("side '{}' is neither Over nor Under", Abbreviate(side, 60)));
    }
    BC_ASSIGN_OR_RETURN(std::optional<double> price,
                        ParseAmericanCell(c_.Cell(record, "price"), "price"));
    if (!price) return InvalidInput("empty price");
    auto slot = over ? &PropLineRow::over_price : &PropLineRow::under_price;
    row.*slot = price;
    BC_RETURN_IF_ERROR(CheckPropLine(row));
    // Pair with the first earlier row of the same line that lacks this side.
    const std::string key =
        fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", row.event_id, row.bookmaker,
                    row.player_name, row.point, row.commence_time, row.captured_at.value_or(""));
    std::vector<size_t>& rows = pending_[key];
    for (size_t index : rows) {
      PropLineRow& earlier = out_.prop_lines[index];
      if (!(earlier.*slot) && earlier.home_team == row.home_team &&
          earlier.away_team == row.away_team) {
        earlier.*slot = price;
        return {};
      }
    }
    rows.push_back(out_.prop_lines.size());
    out_.prop_lines.push_back(std::move(row));
    return {};
  }

  const Columns& c_;
  const Capture file_capture_;
  ParsedFile& out_;
  std::map<std::string, std::vector<size_t>> pending_;
};

}  // namespace

bool OddsPropsCsvReader::Detect(const InputFile& file) const {
  auto header = PeekCsvHeader(file.content);
  return header && ResolveColumns(*header).has_value();
}

Result<ParsedFile> OddsPropsCsvReader::Read(const InputFile& file) const {
  CsvTokenizer tokenizer(file.content);
  BC_ASSIGN_OR_RETURN(const CsvHeader header, ReadCsvHeader(tokenizer, file.content));
  BC_ASSIGN_OR_RETURN(const Columns columns, ResolveColumns(header));
  ParsedFile out;
  out.format = std::string(kFormat);
  out.prop_lines.reserve(EstimateRecords(file.content));
  RowParser parser(columns, file, out);
  ForEachCsvRow(tokenizer, header, out,
                [&](const CsvRecord& record) { return parser.Parse(record); });
  return out;
}

std::unique_ptr<Reader> MakeOddsPropsCsvReader() { return std::make_unique<OddsPropsCsvReader>(); }

}  // namespace backcourt
