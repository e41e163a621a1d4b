#include "ingest/odds_common.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "core/date.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "ingest/csv.h"
#include "ingest/row_checks.h"

namespace backcourt {
namespace {

constexpr double kMaxAmerican = 1'000'000;
constexpr double kMaxDecimal = 10'001;
constexpr size_t kMaxQuotedBytes = 60;

Status CheckTeams(std::string_view home, std::string_view away) {
  if (home.empty() || away.empty()) return InvalidInput("home or away team missing");
  if (home == away) return InvalidInput(fmt::format("home and away team are both {}", home));
  return {};
}

}  // namespace

std::string SkippedMarketKey(std::string_view market) {
  return fmt::format("market {}", Abbreviate(market, kMaxQuotedBytes));
}

Result<double> CheckAmericanPrice(double price, std::string_view what) {
  if (!std::isfinite(price) || std::fabs(price) < 100 || std::fabs(price) > kMaxAmerican) {
    return InvalidInput(
        fmt::format("{} {} is not an American price (|price| 100..1000000)", what, price));
  }
  return price;
}

Result<double> AmericanFromDecimal(double price, std::string_view what) {
  if (!std::isfinite(price) || price <= 1 || price > kMaxDecimal) {
    return InvalidInput(fmt::format("{} {} is not a decimal price (over 1)", what, price));
  }
  return price >= 2 ? 100 * (price - 1) : -100 / (price - 1);
}

Result<std::optional<double>> ParseAmericanCell(std::string_view cell, std::string_view column) {
  BC_ASSIGN_OR_RETURN(std::optional<double> value, ParseOptionalDoubleCell(cell, column));
  if (!value) return value;
  BC_ASSIGN_OR_RETURN(double price, CheckAmericanPrice(*value, column));
  return std::optional<double>(price);
}

Result<std::string> ParseTimeText(std::string_view text, std::string_view what) {
  const auto seconds = ParseUtcTimestamp(Trim(text));
  if (!seconds) {
    return InvalidInput(fmt::format("invalid {} '{}' (ISO-8601 UTC expected)", what,
                                    Abbreviate(text, kMaxQuotedBytes)));
  }
  return FormatUtcTimestamp(*seconds);
}

std::string GameDateOfTip(const std::string& utc) {
  const auto seconds = ParseUtcTimestamp(utc);
  return seconds ? UsEasternDate(*seconds).ToIso() : "";
}

std::optional<std::string> CaptureTimeOfFileName(std::string_view path) {
  const std::string name = std::filesystem::path(path).filename().string();
  // raw_YYYYMMDD_HHMMSS then the extension (or nothing)
  if (name.size() < 19 || name.compare(0, 4, "raw_") != 0 || name[12] != '_') return std::nullopt;
  if (name.size() > 19 && name[19] != '.') return std::nullopt;
  const std::string text =
      fmt::format("{}-{}-{}T{}:{}:{}Z", name.substr(4, 4), name.substr(8, 2), name.substr(10, 2),
                  name.substr(13, 2), name.substr(15, 2), name.substr(17, 2));
  const auto seconds = ParseUtcTimestamp(text);
  if (!seconds) return std::nullopt;
  return FormatUtcTimestamp(*seconds);
}

Capture FileCapture(const InputFile& file) {
  if (auto at = CaptureTimeOfFileName(file.path)) return Capture{std::move(at), kCaptureFileName};
  if (!file.captured_at.empty()) return Capture{file.captured_at, kCaptureOption};
  return Capture{};
}

std::string BookmakerKey(std::string_view name) {
  std::string key(Trim(name));
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

Status CheckPropLine(const PropLineRow& row) {
  BC_RETURN_IF_ERROR(CheckTeams(row.home_team, row.away_team));
  BC_RETURN_IF_ERROR(CheckGameDate(row.game_date, ""));
  if (row.player_name.empty() || row.name_key.empty()) return InvalidInput("no player name");
  BC_RETURN_IF_ERROR(CheckText(row.player_name, "player name"));
  BC_RETURN_IF_ERROR(CheckText(row.bookmaker, "bookmaker"));
  if (row.bookmaker.empty()) return InvalidInput("no bookmaker");
  if (!std::isfinite(row.point) || row.point < 0 || row.point > 150) {
    return InvalidInput(fmt::format("line {} is not a points line (0..150)", row.point));
  }
  if (!row.over_price && !row.under_price) return InvalidInput("no over or under price");
  return {};
}

Status CheckGameLine(const GameLineRow& row) {
  BC_RETURN_IF_ERROR(CheckTeams(row.home_team, row.away_team));
  BC_RETURN_IF_ERROR(CheckGameDate(row.game_date, ""));
  BC_RETURN_IF_ERROR(CheckText(row.bookmaker, "bookmaker"));
  if (row.bookmaker.empty()) return InvalidInput("no bookmaker");
  const bool has_point = row.point.has_value();
  if (row.market == kMarketSpreads && has_point && std::fabs(*row.point) > 60) {
    return InvalidInput(fmt::format("spread {} is out of range (-60..60)", *row.point));
  }
  if (row.market == kMarketTotals && has_point && (*row.point < 100 || *row.point > 400)) {
    return InvalidInput(fmt::format("total {} is out of range (100..400)", *row.point));
  }
  if (row.market != kMarketH2h && !has_point) {
    return InvalidInput(fmt::format("{} line without a point", row.market));
  }
  if (row.market == kMarketH2h && !row.home_price && !row.away_price) {
    return InvalidInput("moneyline without a price");
  }
  return {};
}

Status CheckOddsEvent(const OddsEventRow& row) {
  if (row.event_id.empty()) return InvalidInput("event without an id");
  BC_RETURN_IF_ERROR(CheckText(row.event_id, "event id"));
  BC_RETURN_IF_ERROR(CheckTeams(row.home_team, row.away_team));
  return CheckGameDate(row.game_date, "");
}

}  // namespace backcourt
