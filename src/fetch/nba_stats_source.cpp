#include "fetch/nba_stats_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/season.h"
#include "ingest/teams.h"

namespace backcourt {
namespace {

using namespace std::chrono_literals;

// A date's log can change until its games are final and corrected; a season's until it ends.
constexpr auto kCurrentDateTtl = 1h;
constexpr auto kCurrentSeasonTtl = 3h;
// v3 box scores do not say whether the game is final: one asked for by id is re-fetched.
constexpr auto kExplicitBoxScoreTtl = 1h;

std::string FileSafe(std::string text) {
  std::replace(text.begin(), text.end(), ' ', '_');
  return text;
}

class NbaStatsSource : public Source {
 public:
  explicit NbaStatsSource(std::string base_url) : base_url_(std::move(base_url)) {}

  std::string_view name() const override { return "nba-stats"; }

  Result<std::vector<FetchRequest>> Plan(const FetchScope& scope) const override {
    const auto season = Season::Parse(scope.season);
    if (!season) return InvalidInput(fmt::format("not a season: '{}' (YYYY-YY)", scope.season));
    std::vector<FetchRequest> requests;
    for (const std::string& type : NbaSeasonTypes(season->start_year())) {
      for (const char* mode : {"P", "T"}) {
        requests.push_back(GameLog(mode, *season, type, scope));
      }
    }
    for (const std::string& game : scope.games) {
      // An NBA.com game id: 10 digits of league "00", as the one game-id reader has it.
      if (!SeasonOfGameId(game)) {
        return InvalidInput(fmt::format("not an NBA.com game id: '{}' (10 digits, league 00)", game));
      }
      requests.push_back(BoxScore(game, Expiry::After(kExplicitBoxScoreTtl)));
    }
    return requests;
  }

  // A team game log of one date lists the date's finished games: fetch their box scores.
  std::vector<FetchRequest> FollowUps(const FetchRequest& request, std::string_view body,
                                      const FetchScope& scope) const override {
    if (!scope.date || request.save_as.find("leaguegamelog_T_") == std::string::npos) return {};
    std::vector<FetchRequest> boxes;
    for (const std::string& game : GameIdsOf(body)) {
      if (SeasonOfGameId(game)) boxes.push_back(BoxScore(game, Expiry::Never()));
    }
    return boxes;
  }

 private:
  FetchRequest Base() const {
    FetchRequest request;
    request.source = std::string(name());
    request.base_url = base_url_;
    request.headers = NbaStatsHeaders();
    return request;
  }

  FetchRequest GameLog(const char* mode, Season season, const std::string& type,
                       const FetchScope& scope) const {
    FetchRequest request = Base();
    std::string date_param, date_suffix;
    if (scope.date) {
      date_param = QueryEscape(fmt::format("{:02d}/{:02d}/{:04d}", scope.date->month(),
                                           scope.date->day(), scope.date->year()));
      date_suffix = fmt::format("_{}", scope.date->ToIso());
    }
    request.path_and_query = fmt::format(
        "/stats/leaguegamelog?Counter=0&DateFrom={0}&DateTo={0}&Direction=ASC&LeagueID=00"
        "&PlayerOrTeam={1}&Season={2}&SeasonType={3}&Sorter=DATE",
        date_param, mode, season.label(), QueryEscape(type));
    request.save_as = fmt::format("nba_stats/leaguegamelog_{}_{}_{}{}.json", mode, season.label(),
                                  FileSafe(type), date_suffix);
    if (scope.date) {
      // Two days on, a date's games are final and their stats settled.
      request.expiry =
          *scope.date <= scope.today.AddDays(-2) ? Expiry::Never() : Expiry::After(kCurrentDateTtl);
    } else {
      request.expiry =
          season.IsOver(scope.today) ? Expiry::Never() : Expiry::After(kCurrentSeasonTtl);
    }
    return request;
  }

  FetchRequest BoxScore(const std::string& game, Expiry expiry) const {
    FetchRequest request = Base();
    request.path_and_query = fmt::format(
        "/stats/boxscoretraditionalv3?EndPeriod=0&EndRange=0&GameID={}&RangeType=0"
        "&StartPeriod=0&StartRange=0",
        game);
    request.save_as = fmt::format("nba_stats/boxscoretraditionalv3_{}.json", game);
    request.expiry = expiry;
    return request;
  }

  static std::vector<std::string> GameIdsOf(std::string_view body) {
    std::vector<std::string> ids;
    const auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object() || !doc.contains("resultSets") || !doc["resultSets"].is_array()) {
      return ids;
    }
    for (const auto& set : doc["resultSets"]) {
      if (!set.is_object() || !set.contains("headers") || !set.contains("rowSet")) continue;
      const auto& headers = set["headers"];
      const auto column = std::find(headers.begin(), headers.end(), "GAME_ID");
      if (column == headers.end()) continue;
      const auto index = static_cast<size_t>(column - headers.begin());
      for (const auto& row : set["rowSet"]) {
        if (row.is_array() && index < row.size() && row[index].is_string()) {
          const std::string id = row[index].get<std::string>();
          if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
      }
    }
    return ids;
  }

  std::string base_url_;
};

}  // namespace

std::vector<std::string> NbaSeasonTypes(int season_start_year) {
  std::vector<std::string> types = {"Regular Season", "Playoffs"};
  if (season_start_year >= 2020) types.push_back("PlayIn");
  if (season_start_year >= 2023) types.push_back("IST");
  return types;
}

std::vector<std::string> NbaStatsHeaders() {
  return {
      "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
      "Gecko) Chrome/124.0.0.0 Safari/537.36",
      "Referer: https://www.nba.com/",
      "Origin: https://www.nba.com",
      "x-nba-stats-origin: stats",
      "x-nba-stats-token: true",
      "Accept: application/json, text/plain, */*",
      "Accept-Language: en-US,en;q=0.9",
  };
}

std::unique_ptr<Source> MakeNbaStatsSource(std::string base_url) {
  return std::make_unique<NbaStatsSource>(std::move(base_url));
}

}  // namespace backcourt
