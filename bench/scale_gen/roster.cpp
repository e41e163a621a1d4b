#include "scale_gen/roster.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "scale_gen/rng.h"

namespace backcourt::scale {
namespace {

// Starters G, G, F, F, C, then a bench that keeps every role covered.
constexpr std::array<Role, kRosterSize> kSlotRoles = {
    Role::kGuard, Role::kGuard, Role::kWing, Role::kWing,  Role::kBig,
    Role::kGuard, Role::kWing,  Role::kBig,  Role::kGuard, Role::kWing,
    Role::kBig,   Role::kGuard, Role::kWing, Role::kBig,   Role::kWing};
constexpr std::array<double, kRosterSize> kSlotMinutes = {34, 33, 32, 30, 29, 25, 22, 19,
                                                          16, 13, 10, 8,  6,  5,  4};

constexpr std::array<const char*, 24> kFirstNames = {
    "Marcus",  "Jalen",  "Tyrese",  "Andre",   "Devin", "Malik",  "Trey",  "Jordan",
    "Cam",     "Isaiah", "Darius",  "Kevin",   "Luka",  "Nikola", "Jamal", "Terrence",
    "Brandon", "Chris",  "Derrick", "Anthony", "Miles", "Keegan", "Aaron", "Dillon"};
constexpr std::array<const char*, 32> kLastNames = {
    "Walker", "Johnson", "Harris", "Bridges",   "Turner", "Brooks",  "Mitchell", "Allen",
    "Green",  "Murray",  "Porter", "Holiday",   "Randle", "Collins", "Bell",     "Sexton",
    "Grant",  "Barnes",  "Hunter", "Watson",    "Okafor", "Petrov",  "Horvat",   "Diallo",
    "Silva",  "Novak",   "Moreau", "Lindqvist", "Kovac",  "Adeyemi", "Santos",   "Keller"};

struct RoleShape {
  double three_pref, ft_rate, two_skill, three_skill, ft_skill;
  double oreb, dreb, ast, stl, blk, tov, pf;
};

RoleShape ShapeOf(Role role) {
  switch (role) {
    case Role::kGuard:
      return {0.45, 0.8, 0.95, 1.05, 1.10, 0.4, 0.7, 2.0, 1.3, 0.4, 1.3, 0.9};
    case Role::kWing:
      return {0.38, 0.9, 1.00, 1.00, 1.00, 0.8, 1.0, 1.0, 1.1, 0.8, 1.0, 1.0};
    case Role::kBig:
      return {0.08, 1.4, 1.10, 0.85, 0.80, 2.2, 1.8, 0.6, 0.7, 2.5, 0.9, 1.3};
  }
  return {};
}

int SeasonOffset(const std::string& season) {
  // "2024-25" -> 24; seasons before 2000 wrap, which only matters for ids.
  const int year = std::stoi(season.substr(0, 4));
  return ((year - 2000) % 100 + 100) % 100;
}

}  // namespace

const char* StartPosition(Role role) {
  switch (role) {
    case Role::kGuard:
      return "G";
    case Role::kWing:
      return "F";
    case Role::kBig:
      return "C";
  }
  return "";
}

Roster MakeRoster(uint64_t seed, const std::string& season, const std::string& team,
                  int team_index) {
  Rng rng(StreamSeed(seed, "roster/" + season + "/" + team));
  Roster roster{season, team, {}};
  roster.players.reserve(kRosterSize);
  for (int slot = 0; slot < kRosterSize; ++slot) {
    const RoleShape shape = ShapeOf(kSlotRoles[slot]);
    const auto jitter = [&rng](double value) { return value * rng.Between(0.6, 1.4); };
    PlayerProfile p;
    p.player_id = 3'000'000 + 1000 * SeasonOffset(season) + 20 * team_index + slot;
    p.name = fmt::format("{} {}", kFirstNames[rng.Next() % kFirstNames.size()],
                         kLastNames[rng.Next() % kLastNames.size()]);
    p.role = kSlotRoles[slot];
    p.minutes = kSlotMinutes[slot] * rng.Between(0.85, 1.15);
    p.usage = (slot < 3 ? 1.3 : 1.0) * rng.Between(0.7, 1.3);
    p.three_pref = std::min(0.9, jitter(shape.three_pref));
    p.ft_rate = jitter(shape.ft_rate);
    p.two_skill = shape.two_skill * rng.Between(0.85, 1.15);
    p.three_skill = shape.three_skill * rng.Between(0.85, 1.15);
    p.ft_skill = shape.ft_skill * rng.Between(0.85, 1.15);
    p.oreb = jitter(shape.oreb);
    p.dreb = jitter(shape.dreb);
    p.ast = jitter(shape.ast);
    p.stl = jitter(shape.stl);
    p.blk = jitter(shape.blk);
    p.tov = jitter(shape.tov);
    p.pf = jitter(shape.pf);
    roster.players.push_back(std::move(p));
  }
  return roster;
}

}  // namespace backcourt::scale
