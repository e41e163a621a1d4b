#pragma once
// Basketball-Reference formulas (DESIGN.md §4). Undefined values (zero denominators, missing
// inputs) are nullopt; 0 is a value.
#include <optional>

namespace backcourt {

// The counting stats one side contributes to a possession estimate.
struct PossessionInputs {
  double fga = 0, fgm = 0, fta = 0, oreb = 0, tov = 0;
  double opp_dreb = 0;  // the other side's defensive rebounds
};

// One side's possessions: FGA + 0.4·FTA − 1.07·(ORB/(ORB+OppDRB))·(FGA−FGM) + TOV.
double SidePossessions(const PossessionInputs& side);
// Per game, the same for both teams: the mean of both sides' estimates.
double GamePossessions(const PossessionInputs& team, const PossessionInputs& opponent);

std::optional<double> Pace(double possessions, double team_minutes);
std::optional<double> Rating(double points, double possessions);  // per 100 possessions
std::optional<double> TrueShooting(double points, double fga, double fta);
std::optional<double> EffectiveFgPct(double fgm, double fg3m, double fga);
// 100 × (FGA + 0.44·FTA + TOV) × (TmMIN/5) / (MIN × (TmFGA + 0.44·TmFTA + TmTOV)).
std::optional<double> UsageRate(double fga, double fta, double tov, double minutes,
                                double team_fga, double team_fta, double team_tov,
                                double team_minutes);
// round((team_minutes − 240) / 25), never negative.
int OvertimePeriods(double team_minutes);
// Σ player minutes rounded to the nearest regulation-plus-overtime length (240 + 25·k).
double TeamMinutesFromPlayers(double player_minutes_sum);

}  // namespace backcourt
