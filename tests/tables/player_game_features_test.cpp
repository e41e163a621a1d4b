// player_game_features on the bundled 2023-24 sample: no leakage, one row per active player,
// and values that match an independent recount from player_game_summary.
#include "tables/player_game_features.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <numeric>

#include "ml/sample_db.h"
#include "store/derived_store.h"
#include "tables/player_game_summary.h"

namespace backcourt {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFirst = "2023-10-24";
constexpr const char* kAlteredFrom = "2024-02-01";  // D: games on or after it are changed
constexpr const char* kLast = "2024-02-12";

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
    original_ = new Db(testing::BuildSampleDb((*dir_ / "original").string(),
                                              (*dir_ / "original.db").string(), kFirst, kLast));
    altered_ = new Db(testing::BuildSampleDb((*dir_ / "altered").string(),
                                             (*dir_ / "altered.db").string(), kFirst, kLast));
  }
  static void TearDownTestSuite() {
    delete original_;
    delete altered_;
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
};

fs::path* PlayerGameFeaturesTest::dir_ = nullptr;
Db* PlayerGameFeaturesTest::original_ = nullptr;
Db* PlayerGameFeaturesTest::altered_ = nullptr;

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
  // The test has teeth: features after D do see the altered games.
  const RowsByKey later = Features(*original_, "2024-02-02", kLast);
  const RowsByKey later_altered = Features(*altered_, "2024-02-02", kLast);
  int features_changed = 0;
  for (const auto& [key, row] : later) {
    auto other = later_altered.find(key);
    if (other != later_altered.end() && !SameFeatures(row, other->second)) ++features_changed;
  }
  EXPECT_GT(features_changed, 1000);
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

}  // namespace
}  // namespace backcourt
