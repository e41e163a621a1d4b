#pragma once
// What validation accepts (DESIGN.md §6 defaults), overridable by a TOML file:
//
//   [coverage]     minutes_pct = 99.0     usage_pct = 95.0
//                  team_games_pct = 100.0 player_team_games_pct = 99.5   # per season
//   [points_match] max_mismatch_pct = 1.0
//   [usage_share]  min = 97.0  max = 100.5  max_outside_pct = 1.0
//   [ranges]       team_points = [50, 200]  pace = [70, 130]
//                  player_minutes = [0, 70]  active_players = [5, 20]
//   [severity]     "player_game_summary.completeness" = "warning"   # or "blocking"
//   [report]       max_examples = 10
//   [retention]    check_runs = 20      # full check_results of each check's last N runs
//
// Unknown sections and keys, unknown check names under [severity], non-finite numbers (nan,
// inf) and values outside sane bounds (percentages 0..100, max_examples 0..1000) are errors
// naming the file, the line and the key, so a misspelt threshold never silently keeps its
// default and a wrapped integer never hides every example.
#include <map>
#include <string>

#include "core/status.h"
#include "store/check_retention.h"

namespace backcourt {

inline constexpr int kMaxExamplesLimit = 1000;  // largest [report] max_examples accepted

struct Range {
  double lo = 0;
  double hi = 0;
  bool Contains(double value) const { return value >= lo && value <= hi; }
};

struct Thresholds {
  // Per season, of its final team-games that count toward its statistics (regular season,
  // Cup group and knockout games included, and playoffs; play-in games and the Cup final are
  // listed but outside the share): with two team rows, and with player rows.
  double min_team_games_pct = 100.0;
  double min_player_team_games_pct = 99.5;
  bool share_includes_every_game = false;  // --strict: play-in and Cup final count too
  double min_minutes_coverage_pct = 99.0;    // active rows with minutes_played
  double min_usage_coverage_pct = 95.0;      // active rows with usage, where the source allows it
  double max_points_mismatch_pct = 1.0;      // full-box team-games where Σ player points differ
  Range usage_share{97.0, 100.5};            // Σ usage × MIN / (TmMIN/5) per full-box team-game
  double max_usage_share_outside_pct = 1.0;  // team-games allowed outside usage_share
  Range team_points{50, 200};
  // DESIGN says 80-130; 274 real team-games of 2000-01..2014-15 ran slower (lowest 73.5).
  Range pace{70, 130};
  Range player_minutes{0, 70};
  Range active_players{5, 20};  // per team-game with player rows
  int max_examples = 10;        // examples kept per failed check
  // check_results keeps every row of each check's last N runs; older runs keep only the
  // summary row of each failed check ([retention] check_runs).
  int keep_check_runs = kDefaultKeepCheckRuns;
  // "table.check" -> "blocking" | "warning": overrides a check's declared severity.
  std::map<std::string, std::string> severity;
};

// --strict: every coverage threshold at 100%.
void MakeStrict(Thresholds& thresholds);

// Reads a thresholds file; keys it does not set keep their defaults.
Result<Thresholds> LoadThresholds(const std::string& path);
// The same, from TOML text (`origin` names it in messages).
Result<Thresholds> ParseThresholds(const std::string& toml_text, const std::string& origin);

}  // namespace backcourt
