#include "fetch/odds_api_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace backcourt {
namespace {

using namespace std::chrono_literals;

constexpr auto kLiveTtl = 30min;  // today's lines move: re-fetched after this
constexpr int kHistoricalMultiplier = 10;
constexpr const char* kSport = "basketball_nba";

// Every tip-off of a US date D falls in [D 10:00Z, D+1 10:00Z); the historical snapshot at
// D 15:00Z precedes them all (the earliest tips are at noon Eastern, 16:00Z or 17:00Z).
std::string WindowStart(Date d) { return d.ToIso() + "T10:00:00Z"; }
std::string WindowEnd(Date d) { return d.AddDays(1).ToIso() + "T10:00:00Z"; }
std::string Snapshot(Date d) { return d.ToIso() + "T15:00:00Z"; }
std::string SnapshotTag(Date d) { return d.ToIso() + "T1500Z"; }

bool IsEventId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
}

class OddsApiSource : public Source {
 public:
  OddsApiSource(std::string base_url, std::string api_key)
      : base_url_(std::move(base_url)), api_key_(std::move(api_key)) {}

  std::string_view name() const override { return "odds-api"; }

  Result<std::vector<FetchRequest>> Plan(const FetchScope& scope) const override {
    if (api_key_.empty()) {
      return InvalidInput("ODDS_API_KEY is not set (The Odds API needs a key)");
    }
    const Date day = scope.date.value_or(scope.today);
    FetchRequest request = Base();
    if (day < scope.today) {
      request.path_and_query = fmt::format(
          "/v4/historical/sports/{}/events?date={}&commenceTimeFrom={}&commenceTimeTo={}", kSport,
          Snapshot(day), WindowStart(day), WindowEnd(day));
      request.save_as = fmt::format("odds_api/historical_events_{}.json", SnapshotTag(day));
      request.expiry = Expiry::Never();  // a past snapshot does not change
      request.quota_cost = 1;
    } else {
      request.path_and_query =
          fmt::format("/v4/sports/{}/events?commenceTimeFrom={}&commenceTimeTo={}", kSport,
                      WindowStart(day), WindowEnd(day));
      request.save_as = fmt::format("odds_api/events_{}.json", day.ToIso());
      request.expiry = Expiry::After(kLiveTtl);
      request.quota_cost = 0;  // the events list is free
    }
    return std::vector<FetchRequest>{request};
  }

  std::vector<FetchRequest> FollowUps(const FetchRequest& request, std::string_view body,
                                      const FetchScope& scope) const override {
    if (request.save_as.find("events_") == std::string::npos ||
        request.save_as.find("event_odds_") != std::string::npos) {
      return {};
    }
    const Date day = scope.date.value_or(scope.today);
    const bool historical = day < scope.today;
    std::vector<FetchRequest> odds;
    for (const std::string& id : EventIdsOf(body)) {
      FetchRequest next = Base();
      if (historical) {
        next.path_and_query = fmt::format(
            "/v4/historical/sports/{}/events/{}/odds?date={}&markets={}&regions=us"
            "&oddsFormat=american",
            kSport, id, Snapshot(day), kOddsMarkets);
        next.save_as =
            fmt::format("odds_api/historical_event_odds_{}_{}.json", id, SnapshotTag(day));
        next.expiry = Expiry::Never();
        next.quota_cost = kHistoricalMultiplier * kOddsMarketCount;
      } else {
        next.path_and_query =
            fmt::format("/v4/sports/{}/events/{}/odds?markets={}&regions=us&oddsFormat=american",
                        kSport, id, kOddsMarkets);
        next.save_as = fmt::format("odds_api/event_odds_{}_{}.json", id, day.ToIso());
        next.expiry = Expiry::After(kLiveTtl);
        next.quota_cost = kOddsMarketCount;
      }
      odds.push_back(std::move(next));
    }
    return odds;
  }

 private:
  FetchRequest Base() const {
    FetchRequest request;
    request.source = std::string(name());
    request.base_url = base_url_;
    request.secret_query = "apiKey=" + QueryEscape(api_key_);
    request.headers = {"Accept: application/json", "User-Agent: backcourt/" BACKCOURT_VERSION};
    return request;
  }

  // Live events are a list; historical ones are {"timestamp", ..., "data": [...]}.
  static std::vector<std::string> EventIdsOf(std::string_view body) {
    const auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    const nlohmann::json* events = &doc;
    if (doc.is_object() && doc.contains("data")) events = &doc["data"];
    std::vector<std::string> ids;
    if (!events->is_array()) return ids;
    for (const auto& event : *events) {
      if (!event.is_object() || !event.contains("id") || !event["id"].is_string()) continue;
      const std::string id = event["id"].get<std::string>();
      if (IsEventId(id)) ids.push_back(id);
    }
    return ids;
  }

  std::string base_url_;
  std::string api_key_;
};

}  // namespace

std::unique_ptr<Source> MakeOddsApiSource(std::string base_url, std::string api_key) {
  return std::make_unique<OddsApiSource>(std::move(base_url), std::move(api_key));
}

}  // namespace backcourt
