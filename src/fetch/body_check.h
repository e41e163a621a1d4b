#pragma once
// What a 200 response must be before it is saved as data: a complete JSON document, not an
// HTML page (a CDN's block or challenge page often comes with status 200).
#include <string>
#include <string_view>

#include "core/status.h"

namespace backcourt {

// `content_type` is the response's Content-Type header ("" when absent).
Status CheckJsonBody(std::string_view content_type, std::string_view body);

// A complete PDF: "%PDF-" first and "%%EOF" within its last 1 KB (a cut download lacks it).
Status CheckPdfBody(std::string_view content_type, std::string_view body);

}  // namespace backcourt
