#include "store/partition_status.h"

#include <array>
#include <ostream>
#include <utility>

namespace backcourt {
namespace {

constexpr std::array<std::pair<PartitionStatus, std::string_view>, 7> kNames = {{
    {PartitionStatus::kOk, "ok"},
    {PartitionStatus::kPartial, "partial"},
    {PartitionStatus::kNoGames, "no_games"},
    {PartitionStatus::kFailed, "failed"},
    {PartitionStatus::kBlocked, "blocked"},
    {PartitionStatus::kPending, "pending"},
    {PartitionStatus::kRunning, "running"},
}};

}  // namespace

std::string_view ToString(PartitionStatus status) {
  for (const auto& [value, name] : kNames) {
    if (value == status) return name;
  }
  return "";
}

std::optional<PartitionStatus> ParsePartitionStatus(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::ostream& operator<<(std::ostream& out, PartitionStatus status) {
  return out << ToString(status);
}

}  // namespace backcourt
