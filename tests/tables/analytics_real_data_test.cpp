// The analytics tables on the real data of ../shared/data/nba: the whole folder is ingested
// and 2021-10-19..2026-01-02 backfilled once, then the tables are checked against the
// schedule, against Basketball-Reference's published season figures and against the
// invariants of DESIGN.md §4. Skipped (with a message) when the folder is absent.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "real_data_fixture.h"
#include "tables/formulas.h"
#include "tables/player_game_summary.h"
#include "tables/team_defense_game_summary.h"
#include "tables/team_offense_game_summary.h"

namespace backcourt {
namespace {

using real_data::BuiltDatabase;
using real_data::ForEachRow;

constexpr const char* kStart = "2021-10-19";
constexpr const char* kEnd = "2026-01-02";
constexpr const char* kPlayerTable = "player_game_summary";

class AnalyticsRealDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!real_data::HaveSharedData()) return;
    auto built = real_data::BuildDatabase(real_data::TempDatabasePath("analytics"),
                                          {real_data::SharedDataDir().string()}, kStart, kEnd);
    if (!built) {
      error_ = built.error().message();
      return;
    }
    built_ = std::make_unique<BuiltDatabase>(std::move(*built));
  }
  static void TearDownTestSuite() {
    if (!built_) return;
    const auto path = built_->path;
    built_.reset();  // close the connection first: closing writes the WAL files again
    real_data::RemoveDatabase(path);
  }
  void SetUp() override {
    if (!real_data::HaveSharedData()) {
      GTEST_SKIP() << "real data not found at " << real_data::SharedDataDir()
                   << " (../shared/data/nba): skipped";
    }
    ASSERT_TRUE(built_) << "building the real-data database failed: " << error_;
  }
  static Db& db() { return *built_->db; }
  static int64_t Int(const std::string& sql) {
    auto value = db().QueryInt(sql);
    EXPECT_TRUE(value) << sql << ": " << (value ? "" : value.error().message());
    return value ? *value : -1;
  }

  static inline std::unique_ptr<BuiltDatabase> built_;
  static inline std::string error_;
};

// The games the schedule says must be built: final, neither preseason nor All-Star.
const std::string kBuiltGamesSql = fmt::format(
    "SELECT DISTINCT game_id FROM schedule WHERE status = 'final' AND game_type NOT IN "
    "('preseason', 'all_star') AND game_date BETWEEN '{}' AND '{}'",
    kStart, kEnd);

TEST_F(AnalyticsRealDataTest, TeamOffenseHasTwoRowsForEveryFinalGame) {
  const int64_t games = Int("SELECT COUNT(*) FROM (" + kBuiltGamesSql + ")");
  EXPECT_EQ(games, 5795) << "the README counts 5,795 games from 2021-10-19 to 2026-01-02";
  EXPECT_EQ(Int("SELECT COUNT(*) FROM team_offense_game_summary"), 2 * games);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM (SELECT game_id FROM team_offense_game_summary "
                "GROUP BY game_id HAVING COUNT(*) != 2 OR COUNT(DISTINCT team) != 2)"),
            0);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM (" + kBuiltGamesSql +
                ") s WHERE s.game_id NOT IN (SELECT game_id FROM team_offense_game_summary)"),
            0)
      << "scheduled final games without team rows";
  EXPECT_EQ(Int("SELECT COUNT(*) FROM team_offense_game_summary WHERE game_id NOT IN (" +
                kBuiltGamesSql + ")"),
            0)
      << "team rows for games the schedule does not have as final";
  EXPECT_EQ(Int("SELECT COUNT(*) FROM team_defense_game_summary"), 2 * games);
}

// A game lasts 240 + 25·k minutes. Regression: 2023-24 took NBA.com leaguegamefinder's team
// MIN (a sum of rounded player minutes, 237..292) over the team advanced file's 240/265.
TEST_F(AnalyticsRealDataTest, TeamMinutesAreRegulationPlusOvertime) {
  const std::string bad =
      "FROM team_offense_game_summary WHERE team_minutes IS NULL OR team_minutes < 240 "
      "OR team_minutes != CAST(team_minutes AS INTEGER) "
      "OR (CAST(team_minutes AS INTEGER) - 240) % 25 != 0 "
      "OR overtime_periods != (CAST(team_minutes AS INTEGER) - 240) / 25";
  std::vector<std::string> examples;
  ASSERT_TRUE(ForEachRow(db(),
                         "SELECT game_id, team, team_minutes, team_minutes_source " + bad +
                             " ORDER BY game_id, team LIMIT 10",
                         [&](const Statement& s) {
                           examples.push_back(fmt::format("{} {} {} ({})", s.Text(0), s.Text(1),
                                                          s.Real(2), s.Text(3)));
                         }));
  EXPECT_EQ(Int("SELECT COUNT(*) " + bad), 0) << fmt::format("{}", fmt::join(examples, "; "));
  EXPECT_EQ(Int("SELECT COUNT(*) FROM player_game_summary p JOIN team_offense_game_summary t "
                "ON t.game_id = p.game_id AND t.team = p.team "
                "WHERE p.team_minutes IS NOT t.team_minutes"),
            0)
      << "usage must use the team row's minutes";
}

// Play-in games and the NBA Cup final have player rows in no source (the complete player
// logs cover the regular season and playoffs only): exactly those team-games are gaps of
// player_game_summary, their dates are partial (the other games of the date are built), and
// nothing fails or is blocked.
TEST_F(AnalyticsRealDataTest, OnlyTeamGamesWithoutPlayerRowsInAnySourceAreGaps) {
  ASSERT_EQ(built_->backfill.table_order.size(), 3u);
  for (const FailedPartition& f : built_->backfill.failures) {
    ADD_FAILURE() << f.table << " " << f.date << " " << f.status << ": " << f.reason;
  }
  std::set<std::string> gap_games, gap_dates;
  for (const GapRecord& g : built_->backfill.gaps) {
    if (g.table != kPlayerTable) continue;
    gap_games.insert(g.game_id);
    gap_dates.insert(g.date);
    EXPECT_EQ(g.reason, "no player rows in any ingested source") << g.date << " " << g.game_id;
  }
  // Every play-in game is a gap; a Cup final is one unless a partial source covers it
  // (bbref's 2024-25 file has the 2024 final).
  std::set<std::string> play_in;
  ASSERT_TRUE(ForEachRow(
      db(),
      fmt::format("SELECT DISTINCT game_id FROM schedule WHERE status = 'final' AND game_type "
                  "= 'play_in' AND game_date BETWEEN '{}' AND '{}'",
                  kStart, kEnd),
      [&](const Statement& s) { play_in.insert(s.Text(0)); }));
  EXPECT_FALSE(play_in.empty());
  for (const std::string& id : play_in) EXPECT_EQ(gap_games.count(id), 1u) << "play-in " << id;
  for (const std::string& id : gap_games) {
    const int64_t counted = Int(
        "SELECT COUNT(*) FROM schedule WHERE game_type IN ('play_in', 'cup_final') AND game_id = '" +
        id + "'");
    EXPECT_GT(counted, 0) << id << " is a gap but neither a play-in game nor the Cup final";
  }
  // A partial date keeps every other game: its player rows are those of its other games.
  for (const std::string& date : gap_dates) {
    EXPECT_EQ(Int("SELECT COUNT(*) FROM partitions WHERE table_name = 'player_game_summary' AND "
                  "status = 'partial' AND game_date = '" + date + "'"),
              1)
        << date;
  }
  std::cout << fmt::format("player_game_summary: {} gap games on {} partial dates ({} play-in)\n",
                           gap_games.size(), gap_dates.size(), play_in.size());
}

// --- b. Season pace and offensive rating vs Basketball-Reference -------------------------

struct SeasonTotals {
  double fga = 0, fgm = 0, fta = 0, oreb = 0, dreb = 0, tov = 0, pts = 0;
  double opp_fga = 0, opp_fgm = 0, opp_fta = 0, opp_oreb = 0, opp_dreb = 0, opp_tov = 0;
  double minutes = 0;
  int games = 0;
};

struct Published {
  double pace = 0, o_rtg = 0;
};

// bbref_team_summaries.csv: season = END year, Basketball-Reference team codes.
std::map<std::pair<std::string, std::string>, Published> ReadPublished(int first_end_year,
                                                                       int last_end_year) {
  const std::map<std::string, std::string> to_nba = {
      {"BRK", "BKN"}, {"CHO", "CHA"}, {"PHO", "PHX"}};
  std::ifstream in(real_data::SharedDataDir() / "reference" / "bbref_team_summaries.csv");
  std::string line;
  std::getline(in, line);
  std::map<std::string, size_t> index;
  {
    std::stringstream header(line);
    std::string name;
    for (size_t i = 0; std::getline(header, name, ','); ++i) index[name] = i;
  }
  std::map<std::pair<std::string, std::string>, Published> out;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    if (cells.size() < index.size()) continue;
    const int end_year = std::stoi(cells[index.at("season")]);
    std::string team = cells[index.at("abbreviation")];
    if (end_year < first_end_year || end_year > last_end_year || team == "NA") continue;
    if (auto it = to_nba.find(team); it != to_nba.end()) team = it->second;
    const std::string season = fmt::format("{}-{:02}", end_year - 1, end_year % 100);
    out[{season, team}] = {std::stod(cells[index.at("pace")]), std::stod(cells[index.at("o_rtg")])};
  }
  return out;
}

TEST_F(AnalyticsRealDataTest, SeasonPaceAndOffensiveRatingMatchBasketballReference) {
  // Regular season as Basketball-Reference counts it: Cup group and knockout games in; the
  // Cup final, play-in and playoffs out.
  std::map<std::pair<std::string, std::string>, SeasonTotals> totals;
  ASSERT_TRUE(ForEachRow(
      db(),
      "SELECT t.season, t.team, t.fga, t.fgm, t.fta, t.oreb, t.dreb, t.tov, t.points, o.fga, "
      "o.fgm, o.fta, o.oreb, o.dreb, o.tov, t.team_minutes FROM team_offense_game_summary t "
      "JOIN team_offense_game_summary o ON o.game_id = t.game_id AND o.team = t.opponent "
      "WHERE t.game_type IN ('regular_season', 'cup_knockout') "
      "AND t.season IN ('2021-22', '2022-23', '2023-24', '2024-25')",
      [&](const Statement& s) {
        SeasonTotals& x = totals[{s.Text(0), s.Text(1)}];
        x.fga += s.Real(2), x.fgm += s.Real(3), x.fta += s.Real(4), x.oreb += s.Real(5);
        x.dreb += s.Real(6), x.tov += s.Real(7), x.pts += s.Real(8);
        x.opp_fga += s.Real(9), x.opp_fgm += s.Real(10), x.opp_fta += s.Real(11);
        x.opp_oreb += s.Real(12), x.opp_dreb += s.Real(13), x.opp_tov += s.Real(14);
        x.minutes += s.Real(15);
        x.games++;
      }));
  const auto published = ReadPublished(2022, 2025);
  ASSERT_EQ(published.size(), 120u) << "30 teams x 4 seasons in the reference file";

  struct Diff {
    std::string season, team;
    double pace, pace_ref, rtg, rtg_ref;
  };
  std::vector<Diff> diffs;
  for (const auto& [key, ref] : published) {
    auto it = totals.find(key);
    if (it == totals.end()) {
      ADD_FAILURE() << "no team rows for " << key.first << " " << key.second;
      continue;
    }
    const SeasonTotals& x = it->second;
    EXPECT_EQ(x.games, 82) << key.first << " " << key.second;
    const double team_poss = SidePossessions({x.fga, x.fgm, x.fta, x.oreb, x.tov, x.opp_dreb});
    const double opp_poss =
        SidePossessions({x.opp_fga, x.opp_fgm, x.opp_fta, x.opp_oreb, x.opp_tov, x.dreb});
    const double pace = 48.0 * ((team_poss + opp_poss) / (2.0 * x.minutes / 5.0));
    // Basketball-Reference's possessions: the mean of both sides' estimates (DESIGN.md §4).
    // 100 × PTS / TmPoss alone misses by up to 0.67 (2022-23 IND).
    const double rtg = 100.0 * x.pts / (0.5 * (team_poss + opp_poss));
    diffs.push_back({key.first, key.second, pace, ref.pace, rtg, ref.o_rtg});
  }
  auto print_worst = [&](const char* what, auto delta) {
    std::sort(diffs.begin(), diffs.end(),
              [&](const Diff& a, const Diff& b) { return delta(a) > delta(b); });
    std::cout << "worst " << what << " differences (computed vs Basketball-Reference):\n";
    for (size_t i = 0; i < std::min<size_t>(5, diffs.size()); ++i) {
      const Diff& d = diffs[i];
      std::cout << fmt::format(
          "  {} {}  pace {:.3f} vs {:.1f} ({:+.3f})  ORtg {:.3f} vs {:.1f} ({:+.3f})\n", d.season,
          d.team, d.pace, d.pace_ref, d.pace - d.pace_ref, d.rtg, d.rtg_ref, d.rtg - d.rtg_ref);
    }
  };
  print_worst("pace", [](const Diff& d) { return std::abs(d.pace - d.pace_ref); });
  print_worst("ORtg", [](const Diff& d) { return std::abs(d.rtg - d.rtg_ref); });
  for (const Diff& d : diffs) {
    EXPECT_NEAR(d.pace, d.pace_ref, 0.2) << d.season << " " << d.team << " pace";
    EXPECT_NEAR(d.rtg, d.rtg_ref, 0.3) << d.season << " " << d.team << " offensive rating";
  }
}

// --- c. Usage shares on team-games from one full box source ------------------------------

// Σ usage × MIN / (TmMIN/5) = 100 × Σ player plays / team plays, plays = FGA + 0.44·FTA + TOV,
// over players with minutes (a 0:00 row with a turnover has no usage: MIN 0 is undefined).
// DESIGN.md §4 bounds it to [97, 100.5]; below 97 is allowed only when the team box counts
// at least 3 more turnovers than its players (team turnovers: the team's TOV includes them,
// its players' do not) — each such team-game is listed.
TEST_F(AnalyticsRealDataTest, UsageSharesOfFullBoxTeamGamesSumToTheTeam) {
  struct TeamGame {
    std::string game_id, team, source;
    int64_t player_points, team_points, player_tov, team_tov;
    double usage_share, plays_share;
    int64_t usage_missing;
  };
  std::vector<TeamGame> games;
  ASSERT_TRUE(ForEachRow(
      db(),
      "SELECT p.game_id, p.team, MIN(p.primary_source), SUM(p.points), t.points, SUM(p.tov), "
      "t.tov, SUM(COALESCE(p.usage_rate, 0) * p.minutes_played) / (t.team_minutes / 5.0), "
      "100.0 * SUM(CASE WHEN p.minutes_played > 0 THEN p.fga + 0.44 * p.fta + p.tov END) / "
      "(t.fga + 0.44 * t.fta + t.tov), "
      "SUM(p.usage_rate IS NULL AND p.minutes_played > 0) "
      "FROM player_game_summary p JOIN team_offense_game_summary t "
      "ON t.game_id = p.game_id AND t.team = p.team WHERE p.status = 'active' "
      "GROUP BY p.game_id, p.team "
      "HAVING MIN(p.primary_source) = MAX(p.primary_source) "
      "AND MIN(p.primary_source) IN ('nba_box', 'bbref', 'balldontlie') "
      "ORDER BY p.game_id, p.team",
      [&](const Statement& s) {
        games.push_back({s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Int(4), s.Int(5), s.Int(6),
                         s.Real(7), s.Real(8), s.Int(9)});
      }));
  ASSERT_FALSE(games.empty());
  int64_t checked = 0;
  double lo = 1e9, hi = -1e9;
  std::vector<const TeamGame*> mismatches, team_turnover_games;
  for (const TeamGame& g : games) {
    if (g.player_points != g.team_points) {
      mismatches.push_back(&g);
      continue;
    }
    ++checked;
    lo = std::min(lo, g.usage_share);
    hi = std::max(hi, g.usage_share);
    const std::string what = fmt::format("{} {} ({})", g.game_id, g.team, g.source);
    EXPECT_EQ(g.usage_missing, 0) << what << ": active rows with minutes but no usage";
    EXPECT_NEAR(g.usage_share, g.plays_share, 1e-6) << what << ": usage not computed with TmMIN";
    EXPECT_LE(g.usage_share, 100.5) << what;
    if (g.usage_share < 97.0) {
      team_turnover_games.push_back(&g);
      EXPECT_GE(g.team_tov - g.player_tov, 3) << what << ": share " << g.usage_share;
    }
  }
  std::cout << fmt::format("usage checked on {} full-box team-games: sum in [{:.3f}, {:.3f}]\n",
                           checked, lo, hi);
  std::cout << fmt::format("{} of them below 97 (team turnovers = team TOV - player TOV):\n",
                           team_turnover_games.size());
  for (const TeamGame* g : team_turnover_games) {
    std::cout << fmt::format("  {} {} ({}): {:.2f}, team turnovers {}\n", g->game_id, g->team,
                             g->source, g->usage_share, g->team_tov - g->player_tov);
  }
  std::cout << fmt::format("{} of {} full-box team-games where player points != team points:\n",
                           mismatches.size(), games.size());
  for (const TeamGame* g : mismatches) {
    std::cout << fmt::format("  {} {} ({}): players {} team {}\n", g->game_id, g->team, g->source,
                             g->player_points, g->team_points);
  }
  EXPECT_LT(static_cast<double>(mismatches.size()), 0.01 * static_cast<double>(games.size()));
}

// A player known under his NBA.com id must not come back under a name key in the same
// team-game (a name-only source spelling him differently: "Ron Holland" / "Ronald Holland II").
// Such a row counts his points twice in the mixed-source team-games.
TEST_F(AnalyticsRealDataTest, NoPlayerCountedTwiceUnderANameKey) {
  const std::string twins =
      "FROM player_game_summary a JOIN player_game_summary b ON a.game_id = b.game_id "
      "AND a.team = b.team AND a.player_key LIKE 'name:%' AND b.player_key NOT LIKE 'name:%' "
      "AND a.status = 'active' AND a.points = b.points AND a.reb = b.reb AND a.ast = b.ast "
      "AND a.stl = b.stl AND a.blk = b.blk AND a.tov = b.tov "
      "AND a.points + a.reb + a.ast > 0 "
      "AND ABS(a.minutes_played - b.minutes_played) < 0.1";
  std::vector<std::string> examples;
  ASSERT_TRUE(ForEachRow(
      db(),
      "SELECT a.player_name, b.player_name, COUNT(*) " + twins + " GROUP BY 1, 2 ORDER BY 3 DESC",
      [&](const Statement& s) {
        examples.push_back(fmt::format("'{}' = '{}' ({} games)", s.Text(0), s.Text(1), s.Int(2)));
      }));
  EXPECT_EQ(Int("SELECT COUNT(*) " + twins), 0) << fmt::format("{}", fmt::join(examples, "; "));
}

// --- d. Overtime ---------------------------------------------------------------------

TEST_F(AnalyticsRealDataTest, OvertimeGameUsesTeamMinutes265) {
  const std::string game = "0022200552";  // CHI at CLE, 2023-01-02, one overtime
  int team_rows = 0;
  double team_fga = 0, team_fta = 0, team_tov = 0;
  ASSERT_TRUE(ForEachRow(db(),
                         "SELECT team, team_minutes, overtime_periods, fga, fta, tov, game_date, "
                         "pace, possessions FROM team_offense_game_summary WHERE game_id = '" +
                             game + "' ORDER BY team",
                         [&](const Statement& s) {
                           ++team_rows;
                           EXPECT_EQ(s.Text(6), "2023-01-02");
                           EXPECT_DOUBLE_EQ(s.Real(1), 265.0) << s.Text(0);
                           EXPECT_EQ(s.Int(2), 1) << s.Text(0);
                           EXPECT_NEAR(s.Real(7), 48.0 * s.Real(8) / 53.0, 1e-9) << s.Text(0);
                           if (s.Text(0) == "CHI") {
                             team_fga = s.Real(3), team_fta = s.Real(4), team_tov = s.Real(5);
                           }
                         }));
  ASSERT_EQ(team_rows, 2);
  // The CHI player with the most minutes: usage recomputed with TmMIN = 265.
  int players = 0;
  ASSERT_TRUE(ForEachRow(
      db(),
      "SELECT player_name, fga, fta, tov, minutes_played, usage_rate, team_minutes "
      "FROM player_game_summary WHERE game_id = '" +
          game +
          "' AND team = 'CHI' "
          "AND status = 'active' ORDER BY minutes_played DESC, player_key LIMIT 1",
      [&](const Statement& s) {
        ++players;
        EXPECT_DOUBLE_EQ(s.Real(6), 265.0);
        const auto expected = UsageRate(s.Real(1), s.Real(2), s.Real(3), s.Real(4), team_fga,
                                        team_fta, team_tov, 265.0);
        ASSERT_TRUE(expected);
        ASSERT_FALSE(s.IsNull(5)) << s.Text(0);
        EXPECT_NEAR(s.Real(5), *expected, 1e-9) << s.Text(0);
        std::cout << fmt::format("{}: {:.1f} min, usage {:.2f} (with 240 it would be {:.2f})\n",
                                 s.Text(0), s.Real(4), s.Real(5), *expected * 240.0 / 265.0);
      }));
  EXPECT_EQ(players, 1);
}

// --- e. Player rows of 2023-24 and 2024-25 ---------------------------------------------

TEST_F(AnalyticsRealDataTest, RecentPlayerRowsHaveMinutesAndUsageWhereTheSourceHasShooting) {
  const std::string recent = "season IN ('2023-24', '2024-25') AND status = 'active'";
  EXPECT_GT(Int("SELECT COUNT(*) FROM player_game_summary WHERE " + recent), 50000);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM player_game_summary WHERE " + recent +
                " AND minutes_played IS NULL"),
            0);
  EXPECT_GT(Int("SELECT COUNT(*) FROM player_game_summary WHERE " + recent +
                " AND shooting_provided = 1 AND minutes_played > 0"),
            10000);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM player_game_summary WHERE " + recent +
                " AND shooting_provided = 1 AND minutes_played > 0 AND usage_rate IS NULL"),
            0);
  EXPECT_GT(Int("SELECT COUNT(*) FROM player_game_summary WHERE " + recent +
                " AND primary_source = 'reduced_log'"),
            0);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM player_game_summary WHERE " + recent +
                " AND primary_source = 'reduced_log' "
                "AND (usage_rate IS NOT NULL OR shooting_provided != 0)"),
            0);
}

// --- f. Ingest order ------------------------------------------------------------------

template <class Row>
void ExpectSameTable(Db& a, Db& b, const Table<Row>& table) {
  int64_t rows_a = 0, rows_b = 0;
  auto hash_a = real_data::TableHash(a, table, &rows_a);
  auto hash_b = real_data::TableHash(b, table, &rows_b);
  ASSERT_TRUE(hash_a) << hash_a.error().message();
  ASSERT_TRUE(hash_b) << hash_b.error().message();
  EXPECT_GT(rows_a, 0) << table.name;
  EXPECT_EQ(rows_a, rows_b) << table.name;
  EXPECT_EQ(*hash_a, *hash_b) << table.name;
}

TEST_F(AnalyticsRealDataTest, ReverseIngestOrderBuildsIdenticalTables) {
  std::vector<std::string> files;
  for (const FileOutcome& f : built_->files) {
    if (f.action != IngestAction::kSkipped) files.push_back(f.path);
  }
  ASSERT_GT(files.size(), 50u);
  std::reverse(files.begin(), files.end());
  const auto path = real_data::TempDatabasePath("analytics_reversed");
  struct RemoveAtExit {
    std::filesystem::path path;
    ~RemoveAtExit() { real_data::RemoveDatabase(path); }
  } remove_at_exit{path};
  auto reversed = real_data::BuildDatabase(path, files, kStart, kEnd);
  ASSERT_TRUE(reversed) << reversed.error().message();
  ExpectSameTable(db(), *reversed->db, TeamOffenseTable());
  ExpectSameTable(db(), *reversed->db, TeamDefenseTable());
  ExpectSameTable(db(), *reversed->db, PlayerGameTable());
  std::set<std::string> failed_a, failed_b;
  for (const auto& f : built_->backfill.failures) failed_a.insert(f.table + " " + f.date);
  for (const auto& f : reversed->backfill.failures) failed_b.insert(f.table + " " + f.date);
  EXPECT_EQ(failed_a, failed_b);
}

}  // namespace
}  // namespace backcourt
