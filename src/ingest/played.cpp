#include "ingest/played.h"

#include <algorithm>
#include <array>
#include <string>

namespace backcourt {
namespace {

bool NoStatAtAll(const BoxStats& s) {
  for (const auto& v : {s.pts, s.fgm, s.fga, s.fg3m, s.fg3a, s.ftm, s.fta, s.oreb, s.dreb, s.reb,
                        s.ast, s.stl, s.blk, s.tov, s.pf}) {
    if (v.value_or(0) != 0) return false;
  }
  return s.plus_minus.value_or(0) == 0;
}

}  // namespace

bool NotPlayedWhateverTheStats(const ParsedMinutes& minutes, std::string_view comment) {
  return !minutes.minutes || (minutes.did_not_play && !comment.empty());
}

void ApplyPlayed(PlayerListing listing, const ParsedMinutes& minutes, std::string_view comment,
                 const BoxStats& stats, PlayerBoxRow& row) {
  const bool played =
      !NotPlayedWhateverTheStats(minutes, comment) &&
      !(listing == PlayerListing::kBoxScore && minutes.did_not_play && NoStatAtAll(stats));
  if (played) {
    row.status = "active";
    row.dnp_reason.clear();
    row.minutes = minutes.minutes;
    row.stats = stats;
    return;
  }
  row.status = SaysInactive(comment) ? "inactive" : "dnp";
  row.dnp_reason = std::string(comment);
  row.minutes = std::nullopt;
  row.stats = BoxStats{};
}

bool SaysInactive(std::string_view comment) {
  static constexpr std::array<std::string_view, 6> kUnavailable = {
      "INACTIVE", "NWT", "DND", "NOT WITH TEAM", "DID NOT DRESS", "SUSPENDED"};
  std::string upper(comment);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  return std::any_of(kUnavailable.begin(), kUnavailable.end(), [&](std::string_view word) {
    return upper.find(word) != std::string::npos;
  });
}

}  // namespace backcourt
