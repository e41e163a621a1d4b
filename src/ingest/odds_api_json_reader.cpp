#include "ingest/odds_api_json_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "core/text.h"
#include "ingest/csv.h"
#include "ingest/json_util.h"
#include "ingest/odds_common.h"
#include "ingest/player_names.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

constexpr size_t kDetectPrefix = 16 * 1024;
constexpr std::string_view kNbaSport = "basketball_nba";

enum class PriceFormat { kAmerican, kDecimal };

// What every row of one event shares.
struct EventInfo {
  std::string event_id, commence_time, game_date, home_team, away_team;
};

// What the rows of one market share besides the event.
struct MarketContext {
  const EventInfo* event = nullptr;
  std::string bookmaker;
  std::string market;
  PriceFormat prices = PriceFormat::kAmerican;
  Result<Capture> capture = Capture{};
};

// Walks every outcome of every market kept; `visit(market_key, outcome)`.
template <class Visit>
void ForEachOutcome(const Json& events, Visit&& visit) {
  for (const Json& event : events) {
    const Json* books = FindField(event, "bookmakers");
    if (books == nullptr || !books->is_array()) continue;
    for (const Json& book : *books) {
      const Json* markets = FindField(book, "markets");
      if (markets == nullptr || !markets->is_array()) continue;
      for (const Json& market : *markets) {
        const Json* outcomes = FindField(market, "outcomes");
        if (outcomes == nullptr || !outcomes->is_array()) continue;
        const std::string key = OptString(market, "key");
        for (const Json& outcome : *outcomes) visit(key, outcome);
      }
    }
  }
}

bool IsKeptMarket(std::string_view key) {
  return key == kMarketPlayerPoints || key == kMarketSpreads || key == kMarketTotals ||
         key == kMarketH2h;
}

// A price in (1, 100) can only be decimal, a negative one or one of 100 and more only American.
PriceFormat DecidePriceFormat(const Json& events, bool historical) {
  bool any = false, all_american = true, all_decimal = true;
  ForEachOutcome(events, [&](const std::string& market, const Json& outcome) {
    const Json* price = FindField(outcome, "price");
    if (!IsKeptMarket(market) || price == nullptr || !price->is_number()) return;
    const double p = price->get<double>();
    any = true;
    if (!(std::fabs(p) >= 100)) all_american = false;
    if (!(p > 1 && p < 100)) all_decimal = false;
  });
  if (any && all_american) return PriceFormat::kAmerican;
  if (any && all_decimal) return PriceFormat::kDecimal;
  return historical ? PriceFormat::kDecimal : PriceFormat::kAmerican;
}

std::string_view FormatName(PriceFormat format) {
  return format == PriceFormat::kDecimal ? "decimal" : "american";
}

Result<double> AmericanPrice(const Json& outcome, PriceFormat format) {
  const Json* price = FindField(outcome, "price");
  if (price == nullptr || !price->is_number()) return InvalidInput("outcome without a price");
  const double value = price->get<double>();
  return format == PriceFormat::kDecimal ? AmericanFromDecimal(value, "decimal price")
                                         : CheckAmericanPrice(value, "price");
}

Result<double> Point(const Json& outcome) {
  const Json* point = FindField(outcome, "point");
  if (point == nullptr || !point->is_number() || !std::isfinite(point->get<double>())) {
    return InvalidInput("outcome without a point");
  }
  return point->get<double>();
}

Result<EventInfo> ReadEvent(const Json& event) {
  EventInfo info;
  info.event_id = OptString(event, "id");
  if (info.event_id.empty()) return InvalidInput("event without an id");
  BC_ASSIGN_OR_RETURN(info.commence_time,
                      ParseTimeText(OptString(event, "commence_time"), "commence_time"));
  info.game_date = GameDateOfTip(info.commence_time);
  for (auto [key, out] :
       {std::pair{"home_team", &info.home_team}, {"away_team", &info.away_team}}) {
    const std::string name = OptString(event, key);
    auto team = NormalizeTeamName(name);
    if (!team)
      return InvalidInput(fmt::format("unknown team '{}' in {}", Abbreviate(name, 60), key));
    *out = *team;
  }
  return info;
}

Result<Capture> MarketCapture(const Json& book, const Json& market,
                              const std::optional<std::string>& response_time,
                              const InputFile& file) {
  if (response_time) return Capture{response_time, kCaptureResponse};
  for (auto [object, basis] : {std::pair{&market, kCaptureMarket}, {&book, kCaptureBookmaker}}) {
    const std::string text = OptString(*object, "last_update");
    if (text.empty()) continue;
    BC_ASSIGN_OR_RETURN(std::string at, ParseTimeText(text, "last_update"));
    return Capture{std::move(at), basis};
  }
  if (!file.captured_at.empty()) return Capture{file.captured_at, kCaptureOption};
  return Capture{};
}

// Rows of one market being paired: an outcome joins the first row of its key whose side is
// still empty, else starts a row. Duplicated outcomes thus become a second row, never lost.
template <class Row, class Key>
struct SidePairs {
  std::vector<std::pair<Row, const Json*>> rows;  // with the first outcome, for rejects
  std::map<Key, std::vector<size_t>> by_key;

  template <class Make>
  Row& RowFor(const Key& key, std::optional<double> Row::*side, const Json& outcome, Make&& make) {
    for (size_t index : by_key[key]) {
      if (!(rows[index].first.*side)) return rows[index].first;
    }
    by_key[key].push_back(rows.size());
    rows.emplace_back(make(), &outcome);
    return rows.back().first;
  }
};

template <class Row, class Key, class Check>
void Flush(SidePairs<Row, Key>& pairs, const MarketContext& context, Check&& check,
           std::vector<Row>& out, std::vector<RejectRow>& rejects) {
  for (auto& [row, outcome] : pairs.rows) {
    Status status = context.capture ? check(row) : Status(tl::unexpected(context.capture.error()));
    if (!status) {
      rejects.push_back(MakeReject(row.line, status.error().message(), *outcome));
      continue;
    }
    row.captured_at = context.capture->at;
    row.capture_basis = context.capture->basis;
    out.push_back(std::move(row));
  }
}

std::optional<bool> IsOver(std::string_view name) {
  if (EqualsIgnoreCase(name, "Over")) return true;
  if (EqualsIgnoreCase(name, "Under")) return false;
  return std::nullopt;
}

void ReadPropMarket(const Json& outcomes, const MarketContext& c, int64_t& record,
                    ParsedFile& out) {
  SidePairs<PropLineRow, std::pair<std::string, double>> pairs;
  for (const Json& outcome : outcomes) {
    ++record;
    auto reject = [&](const std::string& reason) {
      out.rejects.push_back(MakeReject(record, reason, outcome));
    };
    const std::string name = OptString(outcome, "name");
    const std::optional<bool> over = IsOver(name);
    if (!over) {
      reject(fmt::format("outcome '{}' is neither Over nor Under", Abbreviate(name, 60)));
      continue;
    }
    const std::string player = OptString(outcome, "description");
    if (player.empty()) {
      reject("outcome without a player (description)");
      continue;
    }
    const auto point = Point(outcome);
    const auto price = AmericanPrice(outcome, c.prices);
    if (!point || !price) {
      reject((!point ? point.error() : price.error()).message());
      continue;
    }
    auto side = *over ? &PropLineRow::over_price : &PropLineRow::under_price;
    PropLineRow& row = pairs.RowFor({player, *point}, side, outcome, [&] {
      PropLineRow r;
      r.line = record;
      r.event_id = c.event->event_id;
      r.game_date = c.event->game_date;
      r.commence_time = c.event->commence_time;
      r.home_team = c.event->home_team;
      r.away_team = c.event->away_team;
      r.bookmaker = c.bookmaker;
      r.line_kind = "book";
      r.market = c.market;
      r.player_name = player;
      r.name_key = NormalizePlayerName(player);
      r.point = *point;
      r.price_format = std::string(FormatName(c.prices));
      return r;
    });
    row.*side = *price;
  }
  Flush(pairs, c, CheckPropLine, out.prop_lines, out.rejects);
}

// Which side of a game-line outcome: home/away by team name (spreads, h2h), over/under
// (totals).
Result<std::optional<double> GameLineRow::*> GameSide(const Json& outcome, const MarketContext& c) {
  const std::string name = OptString(outcome, "name");
  if (c.market == kMarketTotals) {
    const std::optional<bool> over = IsOver(name);
    if (!over) {
      return InvalidInput(
          fmt::format("outcome '{}' is neither Over nor Under", Abbreviate(name, 60)));
    }
    return *over ? &GameLineRow::over_price : &GameLineRow::under_price;
  }
  const auto team = NormalizeTeamName(name);
  if (team && *team == c.event->home_team) return &GameLineRow::home_price;
  if (team && *team == c.event->away_team) return &GameLineRow::away_price;
  return InvalidInput(
      fmt::format("outcome '{}' is neither the home nor the away team", Abbreviate(name, 60)));
}

void ReadGameMarket(const Json& outcomes, const MarketContext& c, int64_t& record,
                    ParsedFile& out) {
  SidePairs<GameLineRow, double> pairs;
  for (const Json& outcome : outcomes) {
    ++record;
    const auto side = GameSide(outcome, c);
    const auto price = AmericanPrice(outcome, c.prices);
    Result<double> point = 0.0;
    if (c.market != kMarketH2h) point = Point(outcome);
    if (!side || !price || !point) {
      const Error& error = !side ? side.error() : !price ? price.error() : point.error();
      out.rejects.push_back(MakeReject(record, error.message(), outcome));
      continue;
    }
    // A spread is keyed by the home team's point: the away side of -6.5 is +6.5.
    const double key =
        *side == &GameLineRow::away_price && c.market == kMarketSpreads ? -*point : *point;
    GameLineRow& row = pairs.RowFor(key, *side, outcome, [&] {
      GameLineRow r;
      r.line = record;
      r.event_id = c.event->event_id;
      r.game_date = c.event->game_date;
      r.commence_time = c.event->commence_time;
      r.home_team = c.event->home_team;
      r.away_team = c.event->away_team;
      r.bookmaker = c.bookmaker;
      r.market = c.market;
      if (c.market != kMarketH2h) r.point = key == 0 ? 0.0 : key;  // no "-0"
      r.price_format = std::string(FormatName(c.prices));
      return r;
    });
    row.** side = *price;
  }
  Flush(pairs, c, CheckGameLine, out.game_lines, out.rejects);
}

void ReadBookmakers(const Json& event, const EventInfo& info, PriceFormat prices,
                    const std::optional<std::string>& response_time, const InputFile& file,
                    int64_t& record, ParsedFile& out) {
  const Json* books = FindField(event, "bookmakers");
  if (books == nullptr || !books->is_array()) return;
  for (const Json& book : *books) {
    const Json* markets = FindField(book, "markets");
    if (markets == nullptr || !markets->is_array()) continue;
    for (const Json& market : *markets) {
      const Json* outcomes = FindField(market, "outcomes");
      if (outcomes == nullptr || !outcomes->is_array()) continue;
      MarketContext c;
      c.event = &info;
      c.bookmaker = BookmakerKey(OptString(book, "key"));
      c.market = OptString(market, "key");
      c.prices = prices;
      if (!IsKeptMarket(c.market)) {
        out.skipped[SkippedMarketKey(c.market)] += static_cast<int64_t>(outcomes->size());
        record += static_cast<int64_t>(outcomes->size());
        continue;
      }
      c.capture = MarketCapture(book, market, response_time, file);
      if (c.market == kMarketPlayerPoints) {
        ReadPropMarket(*outcomes, c, record, out);
      } else {
        ReadGameMarket(*outcomes, c, record, out);
      }
    }
  }
}

void ReadEvents(const Json& events, const std::optional<std::string>& response_time,
                const InputFile& file, ParsedFile& out) {
  const PriceFormat prices = DecidePriceFormat(events, response_time.has_value());
  const Capture event_capture = response_time ? Capture{response_time, kCaptureResponse}
                                : !file.captured_at.empty()
                                    ? Capture{file.captured_at, kCaptureOption}
                                    : Capture{};
  int64_t record = 0;
  for (const Json& event : events) {
    const int64_t event_record = ++record;
    const std::string sport = OptString(event, "sport_key");
    if (event.is_object() && !sport.empty() && sport != kNbaSport) {
      out.skipped[fmt::format("sport {}", Abbreviate(sport, 60))] += 1;
      continue;
    }
    auto info = event.is_object() ? ReadEvent(event) : InvalidInput("event is not an object");
    if (!info) {
      out.rejects.push_back(MakeReject(event_record, info.error().message(), event));
      continue;
    }
    OddsEventRow row{"",
                     event_record,
                     info->event_id,
                     info->game_date,
                     info->commence_time,
                     info->home_team,
                     info->away_team,
                     event_capture.at,
                     event_capture.basis};
    if (Status checked = CheckOddsEvent(row); !checked) {
      out.rejects.push_back(MakeReject(event_record, checked.error().message(), event));
      continue;
    }
    out.odds_events.push_back(std::move(row));
    ReadBookmakers(event, *info, prices, response_time, file, record, out);
  }
}

std::string_view DetectHead(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  return Trim(content).substr(0, kDetectPrefix);
}

}  // namespace

bool OddsApiJsonReader::Detect(const InputFile& file) const {
  const std::string_view head = DetectHead(file.content);
  if (head.empty() || (head.front() != '{' && head.front() != '[')) return false;
  const auto mentions = [&](std::string_view key) {
    return head.find(fmt::format("\"{}\"", key)) != std::string_view::npos;
  };
  return mentions("commence_time") && (mentions("sport_key") || mentions("bookmakers"));
}

Result<ParsedFile> OddsApiJsonReader::Read(const InputFile& file) const {
  BC_ASSIGN_OR_RETURN(Json doc, ParseJson(file.content));
  std::optional<std::string> response_time;
  const Json* data = &doc;
  if (doc.is_object() && FindField(doc, "data") != nullptr) {
    data = FindField(doc, "data");
    const std::string timestamp = OptString(doc, "timestamp");
    if (timestamp.empty()) {
      return InvalidInput("historical response (\"data\") without a \"timestamp\"");
    }
    BC_ASSIGN_OR_RETURN(response_time, ParseTimeText(timestamp, "response timestamp"));
  }
  Json single = Json::array();
  if (data->is_object()) {
    if (FindField(*data, "commence_time") == nullptr) {
      return InvalidInput(
          fmt::format("not an Odds API response (no events): {}", DescribeTopLevel(doc)));
    }
    single.push_back(*data);
    data = &single;
  }
  if (!data->is_array()) {
    return InvalidInput(
        fmt::format("not an Odds API response (no events): {}", DescribeTopLevel(doc)));
  }
  ParsedFile out;
  out.format = std::string(kFormat);
  ReadEvents(*data, response_time, file, out);
  return out;
}

std::unique_ptr<Reader> MakeOddsApiJsonReader() { return std::make_unique<OddsApiJsonReader>(); }

}  // namespace backcourt
