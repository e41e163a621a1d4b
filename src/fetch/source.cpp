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

}  // namespace backcourt
