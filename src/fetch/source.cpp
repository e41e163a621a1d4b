#include "fetch/source.h"

#include <fmt/format.h>

#include <cstdlib>

namespace backcourt {

std::string Expiry::Describe() const {
  return never ? "never" : fmt::format("ttl={}s", ttl.count());
}

std::string FetchRequest::url_to_send() const {
  if (secret_query.empty()) return url();
  return url() + (path_and_query.find('?') == std::string::npos ? "?" : "&") + secret_query;
}

Status Source::CheckBody(const FetchRequest&, std::string_view) const { return {}; }

std::vector<FetchRequest> Source::FollowUps(const FetchRequest&, std::string_view,
                                            const FetchScope&) const {
  return {};
}

std::string BaseUrlFromEnv(const char* variable, const char* fallback) {
  const char* value = std::getenv(variable);
  std::string url = value != nullptr && value[0] != '\0' ? value : fallback;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string QueryEscape(std::string_view value) {
  std::string out;
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

std::optional<int> SeasonStartYear(const std::string& season) {
  if (season.size() != 7 || season[4] != '-') return std::nullopt;
  int start = 0, end = 0;
  for (int i = 0; i < 4; ++i) {
    if (season[i] < '0' || season[i] > '9') return std::nullopt;
    start = start * 10 + (season[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (season[i] < '0' || season[i] > '9') return std::nullopt;
    end = end * 10 + (season[i] - '0');
  }
  if (start < 1946 || (start + 1) % 100 != end) return std::nullopt;
  return start;
}

bool SeasonIsOver(const std::string& season, Date today) {
  const auto start = SeasonStartYear(season);
  return start && today >= Date::FromYmd(*start + 1, 7, 1);
}

}  // namespace backcourt
