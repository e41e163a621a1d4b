#include "scale_gen/box_score_synth.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <utility>

#include "scale_gen/rng.h"

namespace backcourt::scale {
namespace {

constexpr double kInjuryRate = 0.05;  // share of roster players out on a given night
constexpr int64_t kMinSeconds = 60;   // every active player gets at least a minute
constexpr int64_t kFoulOut = 6;

// Active players per team-game: 8..13, most often 10 or 11.
int ActiveCount(Rng& rng) {
  static constexpr std::array<int64_t, 6> kPercent = {5, 15, 25, 25, 18, 12};
  int64_t r = rng.IntBetween(0, 99);
  for (size_t i = 0; i < kPercent.size(); ++i) {
    if (r < kPercent[i]) return 8 + static_cast<int>(i);
    r -= kPercent[i];
  }
  return 13;
}

enum class Draw {
  kWeight,           // probability ∝ weight (rebounds, assists, attempts)
  kWeightTimesRoom,  // ∝ weight × (cap − given): made shots drawn from the player's attempts
};

// Hands out `units` one at a time to players still below their cap (no caps: unbounded).
Result<std::vector<int64_t>> Allocate(int64_t units, const std::vector<double>& weights,
                                      const std::vector<int64_t>* caps, Draw draw, Rng& rng,
                                      std::string_view what) {
  std::vector<int64_t> given(weights.size(), 0);
  std::vector<double> odds(weights.size());
  for (int64_t unit = 0; unit < units; ++unit) {
    double total = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      const int64_t room = caps ? (*caps)[i] - given[i] : 1;
      odds[i] = room <= 0 ? 0 : weights[i] * (draw == Draw::kWeightTimesRoom ? room : 1);
      total += odds[i];
    }
    if (total <= 0) {
      return InvalidInput(fmt::format("cannot place {} of {} {}", units - unit, units, what));
    }
    double r = rng.Uniform() * total;
    size_t pick = 0;
    for (size_t i = 0; i < odds.size(); ++i) {
      if (odds[i] <= 0) continue;
      pick = i;
      if (r < odds[i]) break;
      r -= odds[i];
    }
    ++given[pick];
  }
  return given;
}

// Splits `total` seconds in proportion to `weights`, each share in [floor, cap] (water
// filling: shares above the cap are pinned there and the rest is split again), then rounds
// to whole seconds that still sum to `total`. Needs weights.size() × cap >= total.
std::vector<int64_t> AllocateSeconds(int64_t total, const std::vector<double>& weights, int64_t cap,
                                     int64_t floor) {
  const size_t n = weights.size();
  const double room = static_cast<double>(cap - floor);
  const double budget = static_cast<double>(total - floor * static_cast<int64_t>(n));
  std::vector<double> extra(n, 0);
  std::vector<bool> pinned(n, false);
  for (bool changed = true; changed;) {
    changed = false;
    double weight_sum = 0, left = budget;
    for (size_t i = 0; i < n; ++i) {
      if (pinned[i]) {
        left -= room;
      } else {
        weight_sum += weights[i];
      }
    }
    if (weight_sum <= 0) break;
    for (size_t i = 0; i < n; ++i) {
      if (pinned[i]) continue;
      extra[i] = left * weights[i] / weight_sum;
      if (extra[i] > room) pinned[i] = changed = true;
    }
    for (size_t i = 0; i < n; ++i) {
      if (pinned[i]) extra[i] = room;
    }
  }
  std::vector<int64_t> seconds(n);
  int64_t left = total;
  for (size_t i = 0; i < n; ++i) {
    seconds[i] = floor + static_cast<int64_t>(extra[i]);
    left -= seconds[i];
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return extra[a] - std::floor(extra[a]) > extra[b] - std::floor(extra[b]);
  });
  // Rounding error can leave a second over: take it back from the smallest fractions.
  for (auto it = order.rbegin(); left < 0 && it != order.rend(); ++it) {
    if (seconds[*it] > floor) {
      --seconds[*it];
      ++left;
    }
  }
  while (left > 0) {
    for (size_t i : order) {
      if (left > 0 && seconds[i] < cap) {
        ++seconds[i];
        --left;
      }
    }
  }
  return seconds;
}

Status CheckTeamBox(const TeamGame& game) {
  const BoxStats& t = game.stats;
  for (const auto* value : {&t.pts, &t.fgm, &t.fga, &t.fg3m, &t.fg3a, &t.ftm, &t.fta, &t.oreb,
                            &t.dreb, &t.ast, &t.stl, &t.blk, &t.tov, &t.pf}) {
    if (!*value) return InvalidInput("team box lacks a counting stat");
  }
  if (*t.fg3m > *t.fg3a || *t.fg3a > *t.fga || *t.fgm - *t.fg3m > *t.fga - *t.fg3a ||
      *t.ftm > *t.fta) {
    return InvalidInput("team box has more made than attempted");
  }
  if (*t.pts != 2 * *t.fgm + *t.fg3m + *t.ftm) {
    return InvalidInput(fmt::format("team points {} != 2·FGM + FG3M + FTM", *t.pts));
  }
  // Up to 13 players each get a minute.
  if (game.team_seconds < 13 * kMinSeconds) return InvalidInput("team minutes too low");
  return {};
}

// Who plays: the depth chart, reshuffled a little each night, minus injured players.
// Returns roster indexes of the active players in roster order; marks everyone's line.
std::vector<size_t> PickActive(Rng& rng, const Roster& roster, std::vector<PlayerLine>& lines,
                               std::vector<double>& form) {
  const size_t size = roster.players.size();
  std::vector<bool> hurt(size);
  form.assign(size, 0);
  for (size_t i = 0; i < size; ++i) {
    lines[i].player = &roster.players[i];
    hurt[i] = rng.Uniform() < kInjuryRate;
    form[i] = roster.players[i].minutes * rng.Between(0.75, 1.25) * (hurt[i] ? 1e-3 : 1);
  }
  std::vector<size_t> order(size);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return form[a] > form[b]; });
  order.resize(std::min<size_t>(size, ActiveCount(rng)));
  std::sort(order.begin(), order.end());
  for (size_t i : order) lines[i].active = true;
  int starters = 0;
  for (size_t i = 0; i < size; ++i) {
    if (!lines[i].active) {
      lines[i].comment = hurt[i] ? "DNP - Injury/Illness" : "DNP - Coach's Decision";
    } else if (starters++ < 5) {
      lines[i].start_position = StartPosition(roster.players[i].role);
    }
  }
  return order;
}

// Weights of the active players, one per player, from a profile field times `scale`.
std::vector<double> Weights(const std::vector<PlayerLine*>& active,
                            const std::vector<double>& scale, double PlayerProfile::*field) {
  std::vector<double> weights(active.size());
  for (size_t k = 0; k < active.size(); ++k) weights[k] = scale[k] * active[k]->player->*field;
  return weights;
}

void Store(const std::vector<PlayerLine*>& active, const std::vector<int64_t>& values,
           int64_t PlayerLine::*field) {
  for (size_t k = 0; k < active.size(); ++k) active[k]->*field = values[k];
}

// Σ plus/minus over a team is 5 × margin: each player gets the margin in proportion to the
// time on court, a little noise, and the rounding remainder goes to the longest-playing.
void AssignPlusMinus(Rng& rng, const TeamGame& game, const std::vector<PlayerLine*>& active) {
  int64_t left = 5 * game.margin;
  for (PlayerLine* line : active) {
    const double share = 5.0 * static_cast<double>(line->seconds) / game.team_seconds;
    line->plus_minus = std::lround(game.margin * share) + rng.IntBetween(-3, 3);
    left -= line->plus_minus;
  }
  std::vector<PlayerLine*> order = active;
  std::stable_sort(order.begin(), order.end(), [](const PlayerLine* a, const PlayerLine* b) {
    return a->seconds > b->seconds;
  });
  for (size_t k = 0; left != 0; k = (k + 1) % order.size()) {
    const int64_t step = left > 0 ? 1 : -1;
    order[k]->plus_minus += step;
    left -= step;
  }
}

// Attempts follow each player's time × the night's shooting appetite (`shots`); made shots
// are drawn from the player's own attempts, so made <= attempted holds per player.
Status SplitShooting(Rng& rng, const BoxStats& t, const std::vector<PlayerLine*>& active,
                     const std::vector<double>& shots) {
  std::vector<double> twos = Weights(active, shots, &PlayerProfile::three_pref);
  for (size_t k = 0; k < active.size(); ++k) twos[k] = shots[k] - twos[k];
  const std::vector<double> ones(active.size(), 1.0);
  BC_ASSIGN_OR_RETURN(auto fg3a,
                      Allocate(*t.fg3a, Weights(active, shots, &PlayerProfile::three_pref), nullptr,
                               Draw::kWeight, rng, "FG3A"));
  BC_ASSIGN_OR_RETURN(auto fg2a,
                      Allocate(*t.fga - *t.fg3a, twos, nullptr, Draw::kWeight, rng, "FG2A"));
  BC_ASSIGN_OR_RETURN(auto fta, Allocate(*t.fta, Weights(active, shots, &PlayerProfile::ft_rate),
                                         nullptr, Draw::kWeight, rng, "FTA"));
  BC_ASSIGN_OR_RETURN(auto fg3m,
                      Allocate(*t.fg3m, Weights(active, ones, &PlayerProfile::three_skill), &fg3a,
                               Draw::kWeightTimesRoom, rng, "FG3M"));
  BC_ASSIGN_OR_RETURN(
      auto fg2m, Allocate(*t.fgm - *t.fg3m, Weights(active, ones, &PlayerProfile::two_skill), &fg2a,
                          Draw::kWeightTimesRoom, rng, "FG2M"));
  BC_ASSIGN_OR_RETURN(auto ftm, Allocate(*t.ftm, Weights(active, ones, &PlayerProfile::ft_skill),
                                         &fta, Draw::kWeightTimesRoom, rng, "FTM"));
  Store(active, fg3a, &PlayerLine::fg3a);
  Store(active, fg2a, &PlayerLine::fg2a);
  Store(active, fta, &PlayerLine::fta);
  Store(active, fg3m, &PlayerLine::fg3m);
  Store(active, fg2m, &PlayerLine::fg2m);
  Store(active, ftm, &PlayerLine::ftm);
  return {};
}

// Rebounds, assists, steals, blocks and fouls follow time on court, turnovers follow shots.
Status SplitOtherStats(Rng& rng, const BoxStats& t, const std::vector<PlayerLine*>& active,
                       const std::vector<double>& time, const std::vector<double>& shots) {
  const std::pair<int64_t PlayerLine::*, double PlayerProfile::*> kByTime[] = {
      {&PlayerLine::oreb, &PlayerProfile::oreb},
      {&PlayerLine::dreb, &PlayerProfile::dreb},
      {&PlayerLine::ast, &PlayerProfile::ast},
      {&PlayerLine::stl, &PlayerProfile::stl},
      {&PlayerLine::blk, &PlayerProfile::blk}};
  const int64_t team_totals[] = {*t.oreb, *t.dreb, *t.ast, *t.stl, *t.blk};
  for (size_t s = 0; s < std::size(kByTime); ++s) {
    BC_ASSIGN_OR_RETURN(auto values,
                        Allocate(team_totals[s], Weights(active, time, kByTime[s].second), nullptr,
                                 Draw::kWeight, rng, "rebounds/assists/steals/blocks"));
    Store(active, values, kByTime[s].first);
  }
  BC_ASSIGN_OR_RETURN(auto tov, Allocate(*t.tov, Weights(active, shots, &PlayerProfile::tov),
                                         nullptr, Draw::kWeight, rng, "TOV"));
  Store(active, tov, &PlayerLine::tov);
  // Six fouls foul a player out, unless the team's fouls cannot fit that way.
  const std::vector<int64_t> foul_caps(active.size(), kFoulOut);
  const bool fits = kFoulOut * static_cast<int64_t>(active.size()) >= *t.pf;
  BC_ASSIGN_OR_RETURN(auto pf, Allocate(*t.pf, Weights(active, time, &PlayerProfile::pf),
                                        fits ? &foul_caps : nullptr, Draw::kWeight, rng, "PF"));
  Store(active, pf, &PlayerLine::pf);
  return {};
}

}  // namespace

Result<std::vector<PlayerLine>> SynthesizeTeamGame(uint64_t seed, const TeamGame& game,
                                                   const Roster& roster) {
  BC_RETURN_IF_ERROR(CheckTeamBox(game));
  Rng rng(StreamSeed(seed, "game/" + game.game_id + "/" + game.team));
  std::vector<PlayerLine> lines(roster.players.size());
  std::vector<double> form;
  std::vector<PlayerLine*> active;
  std::vector<double> minute_weights;
  for (size_t i : PickActive(rng, roster, lines, form)) {
    active.push_back(&lines[i]);
    minute_weights.push_back(form[i]);
  }
  Store(active,
        AllocateSeconds(game.team_seconds, minute_weights, game.team_seconds / 5, kMinSeconds),
        &PlayerLine::seconds);
  std::vector<double> time(active.size()), shots(active.size());
  for (size_t k = 0; k < active.size(); ++k) {
    time[k] = static_cast<double>(active[k]->seconds);
    shots[k] = time[k] * active[k]->player->usage * rng.Between(0.7, 1.3);
  }
  BC_RETURN_IF_ERROR(SplitShooting(rng, game.stats, active, shots));
  BC_RETURN_IF_ERROR(SplitOtherStats(rng, game.stats, active, time, shots));
  AssignPlusMinus(rng, game, active);
  return lines;
}

Status CheckTeamGame(const TeamGame& game, const std::vector<PlayerLine>& lines) {
  const BoxStats& t = game.stats;
  int64_t active = 0, seconds = 0, plus_minus = 0;
  std::array<int64_t, 14> sums{};
  for (const PlayerLine& p : lines) {
    if (!p.active) continue;
    ++active;
    seconds += p.seconds;
    plus_minus += p.plus_minus;
    if (p.seconds < 0 || p.seconds > game.team_seconds / 5 || p.fg3m > p.fg3a || p.fg2m > p.fg2a ||
        p.ftm > p.fta) {
      return InvalidInput(fmt::format("{} {}: player {} breaks a per-player limit", game.game_id,
                                      game.team, p.player->player_id));
    }
    const int64_t values[] = {p.points(), p.fgm(), p.fga(), p.fg3m, p.fg3a, p.ftm, p.fta,
                              p.oreb,     p.dreb,  p.ast,   p.stl,  p.blk,  p.tov, p.pf};
    for (size_t i = 0; i < sums.size(); ++i) sums[i] += values[i];
  }
  const int64_t team[] = {*t.pts,  *t.fgm,  *t.fga, *t.fg3m, *t.fg3a, *t.ftm, *t.fta,
                          *t.oreb, *t.dreb, *t.ast, *t.stl,  *t.blk,  *t.tov, *t.pf};
  static constexpr const char* kNames[] = {"PTS",  "FGM",  "FGA", "FG3M", "FG3A", "FTM", "FTA",
                                           "OREB", "DREB", "AST", "STL",  "BLK",  "TOV", "PF"};
  for (size_t i = 0; i < sums.size(); ++i) {
    if (sums[i] != team[i]) {
      return InvalidInput(fmt::format("{} {}: players' {} sum to {}, team has {}", game.game_id,
                                      game.team, kNames[i], sums[i], team[i]));
    }
  }
  if (active < 8 || active > 13 || seconds != game.team_seconds || plus_minus != 5 * game.margin) {
    return InvalidInput(fmt::format("{} {}: {} active players, {} s of {}, +/- {} for margin {}",
                                    game.game_id, game.team, active, seconds, game.team_seconds,
                                    plus_minus, game.margin));
  }
  return {};
}

}  // namespace backcourt::scale
