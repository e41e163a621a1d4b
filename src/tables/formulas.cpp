#include "tables/formulas.h"

#include <algorithm>
#include <cmath>

namespace backcourt {

double SidePossessions(const PossessionInputs& s) {
  const double rebound_chances = s.oreb + s.opp_dreb;
  const double oreb_rate = rebound_chances > 0 ? s.oreb / rebound_chances : 0.0;
  return s.fga + 0.4 * s.fta - 1.07 * oreb_rate * (s.fga - s.fgm) + s.tov;
}

double GamePossessions(const PossessionInputs& team, const PossessionInputs& opponent) {
  return 0.5 * (SidePossessions(team) + SidePossessions(opponent));
}

std::optional<double> Pace(double possessions, double team_minutes) {
  if (team_minutes <= 0) return std::nullopt;
  return 48.0 * possessions / (team_minutes / 5.0);
}

std::optional<double> Rating(double points, double possessions) {
  if (possessions <= 0) return std::nullopt;
  return 100.0 * points / possessions;
}

std::optional<double> TrueShooting(double points, double fga, double fta) {
  const double attempts = fga + 0.44 * fta;
  if (attempts <= 0) return std::nullopt;
  return points / (2.0 * attempts);
}

std::optional<double> EffectiveFgPct(double fgm, double fg3m, double fga) {
  if (fga <= 0) return std::nullopt;
  return (fgm + 0.5 * fg3m) / fga;
}

std::optional<double> UsageRate(double fga, double fta, double tov, double minutes,
                                double team_fga, double team_fta, double team_tov,
                                double team_minutes) {
  const double team_plays = team_fga + 0.44 * team_fta + team_tov;
  if (minutes <= 0 || team_plays <= 0 || team_minutes <= 0) return std::nullopt;
  return 100.0 * (fga + 0.44 * fta + tov) * (team_minutes / 5.0) / (minutes * team_plays);
}

int OvertimePeriods(double team_minutes) {
  return std::max(0, static_cast<int>(std::lround((team_minutes - 240.0) / 25.0)));
}

double TeamMinutesFromPlayers(double player_minutes_sum) {
  const long periods = std::max(0L, std::lround((player_minutes_sum - 240.0) / 25.0));
  return 240.0 + 25.0 * static_cast<double>(periods);
}

}  // namespace backcourt
