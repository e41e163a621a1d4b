#include "ingest/game_lines_csv_reader.h"

#include <fmt/format.h>

#include "core/text.h"
#include "ingest/csv.h"
#include "ingest/odds_common.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

struct Columns {
  size_t date = 0, home = 0, away = 0, total = 0;
  // Consensus shape: spread_home. History shape: whos_favored and spread, moneylines.
  std::optional<size_t> spread_home, whos_favored, spread, moneyline_home, moneyline_away;
  bool consensus() const { return spread_home.has_value(); }
};

Result<Columns> ResolveColumns(const CsvHeader& header) {
  std::vector<std::string> missing;
  const auto require = [&](std::string_view name) {
    auto index = header.Find(name);
    if (!index) missing.emplace_back(name);
    return index.value_or(0);
  };
  Columns c;
  c.date = require("date");
  c.home = require("home");
  c.away = require("away");
  c.total = require("total");
  c.spread_home = header.Find("spread_home");
  if (!c.spread_home) {
    c.whos_favored = header.Find("whos_favored");
    c.spread = header.Find("spread");
    if (!c.whos_favored || !c.spread)
      missing.emplace_back("spread_home (or whos_favored and spread)");
    c.moneyline_home = header.Find("moneyline_home");
    c.moneyline_away = header.Find("moneyline_away");
  }
  BC_RETURN_IF_ERROR(RequireColumns(missing));
  return c;
}

Result<std::string> TeamCell(std::string_view cell, std::string_view column) {
  auto team = NormalizeTeamName(cell);
  if (!team) {
    return InvalidInput(
        fmt::format("unknown team '{}' in {}", Abbreviate(Trim(cell), 60), column));
  }
  return *team;
}

// The home team's spread: from spread_home, or from the favourite's margin and side.
Result<std::optional<double>> HomeSpread(const CsvRecord& record, const Columns& c) {
  if (c.consensus()) return ParseOptionalDoubleCell(record[*c.spread_home], "spread_home");
  BC_ASSIGN_OR_RETURN(std::optional<double> margin,
                      ParseOptionalDoubleCell(record[*c.spread], "spread"));
  if (!margin) return margin;
  if (*margin < 0)
    return InvalidInput(fmt::format("spread {} is negative (the favourite's margin)", *margin));
  const std::string_view favored = Trim(record[*c.whos_favored]);
  if (EqualsIgnoreCase(favored, "home"))
    return std::optional<double>(*margin == 0 ? 0.0 : -*margin);
  if (EqualsIgnoreCase(favored, "away")) return margin;
  return InvalidInput(
      fmt::format("whos_favored '{}' is neither home nor away", Abbreviate(favored, 60)));
}

Result<GameLineRow> BaseRow(const CsvRecord& record, const Columns& c, const InputFile& file) {
  GameLineRow base;
  base.line = record.line;
  BC_ASSIGN_OR_RETURN(base.game_date,
                      ParseDateField("date", record[c.date], kIsoOrUsDates).map(&Date::ToIso));
  BC_ASSIGN_OR_RETURN(base.home_team, TeamCell(record[c.home], "home"));
  BC_ASSIGN_OR_RETURN(base.away_team, TeamCell(record[c.away], "away"));
  base.bookmaker = c.consensus() ? "consensus" : "closing";
  base.price_format = "american";
  if (!file.captured_at.empty()) {
    base.captured_at = file.captured_at;
    base.capture_basis = kCaptureOption;
  } else {
    base.capture_basis = kCaptureClosing;
  }
  return base;
}

// One market of the row: nullopt when the source leaves it empty.
Result<std::optional<GameLineRow>> MarketRow(const CsvRecord& record, const Columns& c,
                                             const GameLineRow& base, std::string_view market) {
  GameLineRow row = base;
  row.market = std::string(market);
  if (market == kMarketSpreads) {
    BC_ASSIGN_OR_RETURN(row.point, HomeSpread(record, c));
    if (!row.point) return std::optional<GameLineRow>();
  } else if (market == kMarketTotals) {
    BC_ASSIGN_OR_RETURN(row.point, ParseOptionalDoubleCell(record[c.total], "total"));
    if (!row.point) return std::optional<GameLineRow>();
  } else {
    if (!c.moneyline_home && !c.moneyline_away) return std::optional<GameLineRow>();
    if (c.moneyline_home) {
      BC_ASSIGN_OR_RETURN(row.home_price,
                          ParseAmericanCell(record[*c.moneyline_home], "moneyline_home"));
    }
    if (c.moneyline_away) {
      BC_ASSIGN_OR_RETURN(row.away_price,
                          ParseAmericanCell(record[*c.moneyline_away], "moneyline_away"));
    }
    if (!row.home_price && !row.away_price) return std::optional<GameLineRow>();
  }
  BC_RETURN_IF_ERROR(CheckGameLine(row));
  return std::optional<GameLineRow>(std::move(row));
}

// Each market is its own row: a bad moneyline (the history file has one "8") rejects that
// market with its line and reason, and the spread and total of the game still load.
Status ParseRow(const CsvRecord& record, const Columns& c, const InputFile& file, ParsedFile& out) {
  BC_ASSIGN_OR_RETURN(const GameLineRow base, BaseRow(record, c, file));
  bool any = false;
  for (std::string_view market : {kMarketSpreads, kMarketTotals, kMarketH2h}) {
    auto row = MarketRow(record, c, base, market);
    if (!row) {
      out.rejects.push_back(
          MakeReject(record, fmt::format("{}: {}", market, row.error().message())));
      any = true;
    } else if (*row) {
      out.game_lines.push_back(std::move(**row));
      any = true;
    }
  }
  if (!any) return InvalidInput("no spread, total or moneyline");
  return {};
}

}  // namespace

bool GameLinesCsvReader::Detect(const InputFile& file) const {
  auto header = PeekCsvHeader(file.content);
  return header && ResolveColumns(*header).has_value();
}

Result<ParsedFile> GameLinesCsvReader::Read(const InputFile& file) const {
  CsvTokenizer tokenizer(file.content);
  BC_ASSIGN_OR_RETURN(const CsvHeader header, ReadCsvHeader(tokenizer, file.content));
  BC_ASSIGN_OR_RETURN(const Columns columns, ResolveColumns(header));
  ParsedFile out;
  out.format = std::string(kFormat);
  out.game_lines.reserve(3 * EstimateRecords(file.content));
  ForEachCsvRow(tokenizer, header, out,
                [&](const CsvRecord& record) { return ParseRow(record, columns, file, out); });
  return out;
}

std::unique_ptr<Reader> MakeGameLinesCsvReader() { return std::make_unique<GameLinesCsvReader>(); }

}  // namespace backcourt
