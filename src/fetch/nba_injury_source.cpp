#include "fetch/nba_injury_source.h"

#include <fmt/format.h>

namespace backcourt {
namespace {

using namespace std::chrono_literals;

// The quarter-hourly names start with the 2025-26 season.
constexpr const char* kQuarterHourlyFrom = "2025-10-01";
// Today's slots may still be published: asked again after this.
constexpr auto kTodayTtl = 15min;

// 12-hour clock as the file names spell it: "12AM", "01PM".
std::string Hour12(int hour) {
  const int h = hour % 12 == 0 ? 12 : hour % 12;
  return fmt::format("{:02d}{}", h, hour < 12 ? "AM" : "PM");
}

class NbaInjurySource : public Source {
 public:
  explicit NbaInjurySource(std::string base_url) : base_url_(std::move(base_url)) {}

  std::string_view name() const override { return "nba-injury"; }

  Result<std::vector<FetchRequest>> Plan(const FetchScope& scope) const override {
    const Date date = scope.date.value_or(scope.today);
    if (scope.today < date) {
      return InvalidInput(fmt::format("{} is in the future: no report is published yet",
                                      date.ToIso()));
    }
    std::vector<FetchRequest> requests;
    for (const std::string& file : InjuryReportFileNames(date)) {
      FetchRequest request;
      request.source = std::string(name());
      request.base_url = base_url_;
      request.path_and_query = "/" + file;
      // The file name as published: the reader checks the report time against it.
      request.save_as = "nba_injury/" + file;
      request.expiry = date < scope.today ? Expiry::Never() : Expiry::After(kTodayTtl);
      request.headers = {"Accept: application/pdf", "User-Agent: backcourt/" BACKCOURT_VERSION};
      request.body = FetchRequest::Body::kPdf;
      request.absent_ok = true;
      requests.push_back(std::move(request));
    }
    return requests;
  }

 private:
  std::string base_url_;
};

}  // namespace

std::vector<std::string> InjuryReportFileNames(Date date) {
  const std::string iso = date.ToIso();
  const bool quarter_hourly = iso >= kQuarterHourlyFrom;
  std::vector<std::string> names;
  for (int hour = 0; hour < 24; ++hour) {
    const std::string h = Hour12(hour);
    names.push_back(fmt::format("Injury-Report_{}_{}.pdf", iso, h));
    if (!quarter_hourly) continue;
    for (int minute = 0; minute < 60; minute += 15) {
      names.push_back(fmt::format("Injury-Report_{}_{}_{:02d}{}.pdf", iso, h.substr(0, 2), minute,
                                  h.substr(2)));
    }
  }
  return names;
}

std::unique_ptr<Source> MakeNbaInjurySource(std::string base_url) {
  return std::make_unique<NbaInjurySource>(std::move(base_url));
}

}  // namespace backcourt
