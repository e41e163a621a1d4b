#pragma once
// The status of a partition (DESIGN.md §5), and its TEXT in the partitions table.
#include <iosfwd>
#include <optional>
#include <string_view>

namespace backcourt {

enum class PartitionStatus {
  kOk,       // every game of the date built
  kPartial,  // some games built, the others listed in partition_gaps with why
  kNoGames,  // the date has no final game: nothing to build, never a failure
  kFailed,   // an error stopped the whole date (the last good rows stay)
  kBlocked,  // an upstream partition of the date is not built (the last good rows stay)
  // Not written by this engine, which writes a record with its rows when the build is done.
  // Read as not done, so a record from another writer (or a dead process) is rebuilt.
  kPending,
  kRunning,
};

// The stored TEXT: "ok", "partial", "no_games", "failed", "blocked", "pending", "running".
std::string_view ToString(PartitionStatus status);
// The inverse of ToString; nullopt for any other text.
std::optional<PartitionStatus> ParsePartitionStatus(std::string_view text);
// Prints ToString(status) (test failures name the status).
std::ostream& operator<<(std::ostream& out, PartitionStatus status);

// Built: its rows are the build's (ok or partial). Done: built, or a date without games.
inline bool IsBuilt(PartitionStatus s) {
  return s == PartitionStatus::kOk || s == PartitionStatus::kPartial;
}
inline bool IsDone(PartitionStatus s) { return IsBuilt(s) || s == PartitionStatus::kNoGames; }

}  // namespace backcourt
