#pragma once
// Synthetic rosters: 15 players per team-season with stable ids and per-player tendencies
// (how much they play, shoot, rebound, ...). Tendencies only weigh players against their
// teammates: every game's totals come from the real team box score.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace backcourt::scale {

enum class Role { kGuard, kWing, kBig };

struct PlayerProfile {
  int64_t player_id = 0;  // 3,000,000 + 1000 × season offset + 20 × team index + slot
  std::string name;
  Role role = Role::kGuard;
  double minutes = 0;     // typical minutes: the depth chart (slot 0 plays most)
  double usage = 1;       // share of the team's shots, turnovers, free throws
  double three_pref = 0;  // fraction of the player's attempts that are threes, in (0, 1)
  double ft_rate = 1;     // free throws drawn per shot
  double two_skill = 1;   // relative make rates
  double three_skill = 1;
  double ft_skill = 1;
  double oreb = 1, dreb = 1, ast = 1, stl = 1, blk = 1, tov = 1, pf = 1;
};

inline constexpr int kRosterSize = 15;

struct Roster {
  std::string season;                  // "2024-25"
  std::string team;                    // tricode
  std::vector<PlayerProfile> players;  // kRosterSize, in depth-chart order
};

// Deterministic in (seed, season, team). `team_index` (0..49) is the team's position among
// the season's teams and keeps player ids unique within the season.
Roster MakeRoster(uint64_t seed, const std::string& season, const std::string& team,
                  int team_index);

// "G", "F" or "C", as NBA.com's START_POSITION.
const char* StartPosition(Role role);

}  // namespace backcourt::scale
