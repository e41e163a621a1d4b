#include "fetch/nba_cdn_source.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/season.h"

namespace backcourt {
namespace {

using namespace std::chrono_literals;

// Game statuses and scores change through the day.
constexpr auto kScheduleTtl = 1h;

class NbaCdnSource : public Source {
 public:
  explicit NbaCdnSource(std::string base_url) : base_url_(std::move(base_url)) {}

  std::string_view name() const override { return "nba-cdn"; }

  Result<std::vector<FetchRequest>> Plan(const FetchScope& scope) const override {
    const auto season = Season::Parse(scope.season);
    if (!season) {
      return InvalidInput(fmt::format("not a season: '{}' (YYYY-YY)", scope.season));
    }
    FetchRequest request;
    request.source = std::string(name());
    request.base_url = base_url_;
    request.path_and_query = "/static/json/staticData/scheduleLeagueV2.json";
    // Named by season: ingest keys files by path, so next season's schedule must not
    // replace this one's rows.
    request.save_as = fmt::format("nba_cdn/scheduleLeagueV2_{}.json", scope.season);
    request.expiry =
        season->IsOver(scope.today) ? Expiry::Never() : Expiry::After(kScheduleTtl);
    request.headers = {"Accept: application/json", "User-Agent: backcourt/" BACKCOURT_VERSION};
    return std::vector<FetchRequest>{request};
  }

  Status CheckBody(const FetchRequest& request, std::string_view body) const override {
    const auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    const nlohmann::json* schedule = nullptr;
    if (doc.is_object() && doc.contains("leagueSchedule")) schedule = &doc["leagueSchedule"];
    if (schedule == nullptr || !schedule->is_object() || !schedule->contains("gameDates")) {
      return InvalidInput("not a season schedule (no leagueSchedule.gameDates)");
    }
    const std::string served =
        schedule->contains("seasonYear") && (*schedule)["seasonYear"].is_string()
            ? (*schedule)["seasonYear"].get<std::string>()
            : "";
    const std::string wanted = request.save_as.substr(request.save_as.rfind('_') + 1, 7);
    if (served != wanted) {
      return InvalidInput(
          fmt::format("the CDN serves the {} schedule, not {} (it serves the current season only)",
                      served.empty() ? "(unknown season)" : served, wanted));
    }
    return {};
  }

 private:
  std::string base_url_;
};

}  // namespace

std::unique_ptr<Source> MakeNbaCdnSource(std::string base_url) {
  return std::make_unique<NbaCdnSource>(std::move(base_url));
}

}  // namespace backcourt
