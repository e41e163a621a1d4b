// player_game_features on the bundled 2023-24 sample: no leakage, one row per active player,
// and values that match an independent recount from player_game_summary; market features
// from synthetic lines (a pre-tip and an in-play snapshot) through the real processors.
#include "tables/player_game_features.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <numeric>
#include <set>

#include "ml/sample_db.h"
#include "store/derived_store.h"
#include "store/raw_store.h"
#include "tables/line_features.h"
#include "tables/player_game_summary.h"
#include "tables/team_offense_game_summary.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFirst = "2023-10-24";
constexpr const char* kAlteredFrom = "2024-02-01";  // D: games on or after it are changed
constexpr const char* kLast = "2024-02-12";
// Synthetic lines cover these dates; the last ones lie past the backfill (predict projects).
constexpr const char* kLinesFirst = "2024-01-29";
constexpr const char* kLinesLast = "2024-02-14";
constexpr const char* kProjected = "2024-02-14";

using RowsByKey = std::map<std::pair<std::string, std::string>, PlayerFeatureRow>;

RowsByKey ByKey(const std::vector<PlayerFeatureRow>& rows) {
  RowsByKey by_key;
  for (const PlayerFeatureRow& row : rows) by_key[{row.game_id, row.player_key}] = row;
  return by_key;
}

bool SameFeatures(const PlayerFeatureRow& a, const PlayerFeatureRow& b) {
  for (const FeatureColumn& c : PlayerFeatureColumns()) {
    if (a.*c.member != b.*c.member) return false;
  }
  return true;
}

class PlayerGameFeaturesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                       ("backcourt_features_test_" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    testing::CopySample((*dir_ / "original").string());
    testing::CopySample((*dir_ / "altered").string(), kAlteredFrom);
    lines_ = new testing::SampleLines(
        testing::WriteSampleLines((*dir_ / "original").string(), kLinesFirst, kLinesLast));
    testing::WriteSampleLines((*dir_ / "altered").string(), kLinesFirst, kLinesLast);
    original_ = new Db(testing::BuildSampleDb((*dir_ / "original").string(),
                                              (*dir_ / "original.db").string(), kFirst, kLast));
    altered_ = new Db(testing::BuildSampleDb((*dir_ / "altered").string(),
                                             (*dir_ / "altered.db").string(), kFirst, kLast));
  }
  static void TearDownTestSuite() {
    delete original_;
    delete altered_;
    delete lines_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  static RowsByKey Features(Db& db, const std::string& first, const std::string& last) {
    auto rows = ReadDateRange(db, PlayerFeatureTable(), first, last);
    EXPECT_TRUE(rows) << rows.error().message();
    return ByKey(*rows);
  }

  static fs::path* dir_;
  static Db* original_;
  static Db* altered_;
  static testing::SampleLines* lines_;
};

fs::path* PlayerGameFeaturesTest::dir_ = nullptr;
Db* PlayerGameFeaturesTest::original_ = nullptr;
Db* PlayerGameFeaturesTest::altered_ = nullptr;
testing::SampleLines* PlayerGameFeaturesTest::lines_ = nullptr;

TEST_F(PlayerGameFeaturesTest, ChangingGamesOnOrAfterADateLeavesEarlierFeaturesUnchanged) {
  const RowsByKey before = Features(*original_, kFirst, kAlteredFrom);
  const RowsByKey after = Features(*altered_, kFirst, kAlteredFrom);
  ASSERT_GT(before.size(), 10000u);
  ASSERT_EQ(before.size(), after.size());
  int targets_changed = 0;
  for (const auto& [key, row] : before) {
    auto other = after.find(key);
    ASSERT_NE(other, after.end()) << key.first << " " << key.second;
    EXPECT_TRUE(SameFeatures(row, other->second)) << row.game_date << " " << row.player_name;
    targets_changed += row.target_points != other->second.target_points;
  }
  EXPECT_GT(targets_changed, 50) << "the alteration must reach the rows dated D";
  // D's rows carry market features, the one of them built from team scoring included.
  int rows_on_d = 0, implied_vs_recent_on_d = 0;
  for (const auto& [key, row] : before) {
    if (row.game_date != kAlteredFrom) continue;
    ++rows_on_d;
    implied_vs_recent_on_d += row.implied_vs_recent.has_value();
  }
  EXPECT_GT(rows_on_d, 50);
  EXPECT_EQ(implied_vs_recent_on_d, rows_on_d);
  // The test has teeth: features after D do see the altered games.
  const RowsByKey later = Features(*original_, "2024-02-02", kLast);
  const RowsByKey later_altered = Features(*altered_, "2024-02-02", kLast);
  int features_changed = 0, implied_vs_recent_changed = 0;
  for (const auto& [key, row] : later) {
    auto other = later_altered.find(key);
    if (other == later_altered.end()) continue;
    features_changed += !SameFeatures(row, other->second);
    implied_vs_recent_changed += row.implied_vs_recent != other->second.implied_vs_recent;
  }
  EXPECT_GT(features_changed, 1000);
  EXPECT_GT(implied_vs_recent_changed, 500);
}

TEST_F(PlayerGameFeaturesTest, OneRowPerActivePlayerWithTargets) {
  const std::string date = "2024-01-10";
  auto players = ReadPartitionRows(*original_, PlayerGameTable(), date);
  ASSERT_TRUE(players);
  const RowsByKey features = Features(*original_, date, date);
  size_t active = 0;
  for (const PlayerGameRow& p : *players) {
    if (p.status != "active") continue;
    ++active;
    auto it = features.find({p.game_id, p.player_key});
    ASSERT_NE(it, features.end()) << p.player_name;
    EXPECT_EQ(it->second.target_points, static_cast<double>(*p.points));
    EXPECT_EQ(it->second.target_minutes, p.minutes_played);
  }
  EXPECT_EQ(features.size(), active);
}

// Season and last-10 averages recounted from player_game_summary of the earlier dates.
TEST_F(PlayerGameFeaturesTest, AveragesMatchARecountOfEarlierGames) {
  const std::string date = "2024-01-10";
  auto history = ReadDateRange(*original_, PlayerGameTable(), kFirst, "2024-01-09");
  ASSERT_TRUE(history);
  std::map<std::string, std::vector<double>> points;
  for (const PlayerGameRow& p : *history) {
    if (p.status == "active" && p.minutes_played.value_or(0) > 0 && p.points) {
      points[p.player_key].push_back(static_cast<double>(*p.points));
    }
  }
  int checked = 0;
  for (const auto& [key, row] : Features(*original_, date, date)) {
    const std::vector<double>& games = points[key.second];
    ASSERT_EQ(row.games_played_season, static_cast<double>(games.size())) << row.player_name;
    if (games.size() < 10) continue;
    const double season = std::accumulate(games.begin(), games.end(), 0.0) / games.size();
    const double last10 = std::accumulate(games.end() - 10, games.end(), 0.0) / 10;
    EXPECT_NEAR(*row.pts_avg_season, season, 1e-9) << row.player_name;
    EXPECT_NEAR(*row.pts_avg_last10, last10, 1e-9) << row.player_name;
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

// Each team's points over its last 10 games dated before `date`, recounted.
std::map<std::string, double> RecentTeamPoints(Db& db, const std::string& date) {
  auto games = ReadDateRange(db, TeamOffenseTable(), kFirst, date);
  EXPECT_TRUE(games);
  std::map<std::string, std::vector<double>> points;
  for (const TeamOffenseRow& g : *games) {
    if (g.game_date < date && g.points) points[g.team].push_back(static_cast<double>(*g.points));
  }
  std::map<std::string, double> recent;
  for (const auto& [team, p] : points) {
    const size_t n = std::min<size_t>(10, p.size());
    recent[team] = std::accumulate(p.end() - static_cast<long>(n), p.end(), 0.0) / n;
  }
  return recent;
}

// Checks the market columns of `row` against the pre-tip snapshot (and counts the rows whose
// player has a line).
void ExpectPreTipLines(const PlayerFeatureRow& row, const testing::SampleLines& lines,
                       const std::map<std::string, double>& recent, bool home, int& players) {
  auto game = lines.games.find(row.game_id);
  ASSERT_NE(game, lines.games.end()) << row.game_id;
  const double spread = home ? game->second.spread_home : -game->second.spread_home;
  const double implied = game->second.total / 2 - spread / 2;
  EXPECT_EQ(row.game_total, game->second.total) << row.game_id;
  EXPECT_EQ(row.team_spread, spread) << row.game_id << " " << row.team;
  ASSERT_TRUE(row.implied_team_total.has_value());
  EXPECT_NEAR(*row.implied_team_total, implied, 1e-9);
  ASSERT_TRUE(row.implied_vs_recent.has_value()) << row.team;
  EXPECT_NEAR(*row.implied_vs_recent, implied - recent.at(row.team), 1e-9) << row.team;
  auto player = lines.players.find({row.game_id, row.player_name});
  if (player == lines.players.end()) return;
  EXPECT_EQ(row.player_line, player->second) << row.player_name;
  ++players;
}

// The in-play snapshot (captured after tip, every value moved) never reaches a feature: the
// built rows of the lined dates hold exactly the pre-tip lines, and implied_vs_recent the
// pre-tip implied total minus a recount of the team's earlier scoring.
TEST_F(PlayerGameFeaturesTest, MarketFeaturesAreThePreTipLinesNeverTheInPlayOnes) {
  int rows = 0, players = 0;
  for (const std::string date : {"2024-01-29", "2024-02-05", "2024-02-12"}) {
    const auto recent = RecentTeamPoints(*original_, date);
    auto summaries = ReadPartitionRows(*original_, PlayerGameTable(), date);
    ASSERT_TRUE(summaries);
    std::map<std::pair<std::string, std::string>, bool> home;
    for (const PlayerGameRow& p : *summaries) home[{p.game_id, p.team}] = p.is_home != 0;
    for (const auto& [key, row] : Features(*original_, date, date)) {
      ExpectPreTipLines(row, *lines_, recent, home.at({row.game_id, row.team}), players);
      ++rows;
    }
  }
  EXPECT_GT(rows, 300);
  EXPECT_GT(players, 300) << "player lines resolve to the feature rows' players";
}

TEST_F(PlayerGameFeaturesTest, MarketFeaturesAreNullWithoutALine) {
  const RowsByKey rows = Features(*original_, "2024-01-10", "2024-01-10");
  ASSERT_GT(rows.size(), 100u);
  for (const auto& [key, row] : rows) {
    EXPECT_FALSE(row.game_total || row.team_spread || row.implied_team_total ||
                 row.implied_vs_recent || row.player_line)
        << row.player_name;
  }
}

// predict's projection of a date not built: the same market features, from the raw
// snapshots of the date (LinesForDate), the in-play one left out.
TEST_F(PlayerGameFeaturesTest, ProjectedFeaturesCarryThePreTipLines) {
  auto schedule = RawStore(*original_).LoadSchedule(kProjected, kProjected);
  ASSERT_TRUE(schedule);
  const auto recent = RecentTeamPoints(*original_, kProjected);
  int rows = 0, players = 0;
  auto lines = ProjectFeatureLines(*original_, kProjected);
  ASSERT_TRUE(lines) << lines.error().message();
  std::set<std::string> seen;
  for (const ScheduleRow& s : *schedule) {
    if (!seen.insert(s.game_id).second) continue;
    auto projected = ProjectFeatures(*original_, {s.game_id, s.game_date, s.season, s.home_team,
                                                  s.away_team}, *lines);
    ASSERT_TRUE(projected) << projected.error().message();
    for (const PlayerFeatureRow& row : *projected) {
      ExpectPreTipLines(row, *lines_, recent, row.team == s.home_team, players);
      ++rows;
    }
  }
  EXPECT_GT(rows, 50);
  EXPECT_GT(players, 30);
}

}  // namespace
}  // namespace backcourt
