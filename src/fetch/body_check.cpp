#include "fetch/body_check.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "core/text.h"

namespace backcourt {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view WithoutBom(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  return body;
}

}  // namespace

Status CheckJsonBody(std::string_view content_type, std::string_view body) {
  const std::string_view start = Trim(WithoutBom(body));
  if (start.empty()) return InvalidInput("empty body");
  const std::string type = Lower(content_type);
  if (type.find("text/html") != std::string::npos || start.front() == '<') {
    return InvalidInput("an HTML page instead of JSON (a block or error page?)");
  }
  if (!nlohmann::json::accept(body.begin(), body.end())) {
    return InvalidInput("the body is not valid JSON (truncated or corrupt)");
  }
  if (start.front() != '{' && start.front() != '[') {
    return InvalidInput("the body is a JSON scalar, not an object or array");
  }
  return {};
}

Status CheckPdfBody(std::string_view content_type, std::string_view body) {
  if (body.empty()) return InvalidInput("empty body");
  if (Lower(content_type).find("text/html") != std::string::npos || body.front() == '<') {
    return InvalidInput("an HTML page instead of a PDF (a block or error page?)");
  }
  if (!body.starts_with("%PDF-")) return InvalidInput("the body is not a PDF");
  const std::string_view tail = body.substr(body.size() > 1024 ? body.size() - 1024 : 0);
  if (tail.find("%%EOF") == std::string_view::npos) {
    return InvalidInput("the PDF has no end-of-file marker (truncated)");
  }
  return {};
}

}  // namespace backcourt
