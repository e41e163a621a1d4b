#include "fetch/quota.h"

#include <fmt/format.h>

#include <cstdlib>

namespace backcourt {
namespace {

std::optional<long long> Number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);  // the API may send "480.0"
  if (end == text.c_str() || *end != '\0' || value < 0) return std::nullopt;
  return static_cast<long long>(value);
}

}  // namespace

void QuotaTracker::Update(const HttpResponse& response) {
  if (auto v = Number(response.Header("x-requests-remaining"))) remaining_ = v;
  if (auto v = Number(response.Header("x-requests-used"))) used_ = v;
  if (auto v = Number(response.Header("x-requests-last"))) last_ = v;
}

Status QuotaTracker::Allow(int cost) const {
  if (!remaining_ || cost <= 0) return {};
  if (*remaining_ - cost < reserve_) {
    return InvalidInput(fmt::format(
        "quota reserve reached: {} requests remaining, this one costs up to {}, reserve {} "
        "(--quota-reserve)",
        *remaining_, cost, reserve_));
  }
  return {};
}

std::string QuotaTracker::Describe() const {
  if (!remaining_) return "";
  std::string text = fmt::format("{} remaining", *remaining_);
  if (used_) text += fmt::format(", {} used", *used_);
  if (last_) text += fmt::format(" (last request {})", *last_);
  return text;
}

}  // namespace backcourt
