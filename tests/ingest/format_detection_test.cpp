// Detection over every fixture: each file is claimed by exactly its format, first in
// MakeReaders' order, so adding a reader never steals another format's files.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "csv_test_util.h"
#include "ingest/reader.h"

namespace backcourt {
namespace {

using testing::LoadTestData;

// Every fixture of tests/data and tests/data/odds (not the hostile ones), with its format.
const std::map<std::string, std::string>& ExpectedFormats() {
  static const std::map<std::string, std::string> formats = {
      {"bbref_gamelogs_2024-25_head.csv", "bbref-csv"},
      {"box_score_advanced_2023-24_head.csv", "team-advanced-csv"},
      {"box_scores_2024-01-15.json", "bdl-json"},
      {"box_scores_b.json", "bdl-json"},
      {"boxscoretraditionalv2_0022200552.json", "nba-stats-json"},
      {"boxscoretraditionalv2_0022400561.json", "nba-stats-json"},
      {"boxscoretraditionalv3_0022200552.json", "nba-stats-json"},
      {"games.json", "bdl-json"},
      {"leaguegamelog_player_2025-03-15.json", "nba-stats-json"},
      {"nba_stats_boxscores_2023-24_head.csv", "nba-stats-csv"},
      {"nba_stats_playergamelog_2023-24_head.csv", "nba-stats-csv"},
      {"nba_stats_playergamelogs_2024-25_head.csv", "nba-stats-csv"},
      {"nba_stats_playergamelogs_2024-25_min_sec.csv", "nba-stats-csv"},
      {"nba_stats_playergamelogs_2024-25_min_sec_corrupted.csv", "nba-stats-csv"},
      {"player_game_logs_2023-24_head.csv", "nba-stats-csv"},
      {"playergamelog_2025-26.json", "nba-stats-json"},
      {"scheduleleaguev2_2024-25_sample.json", "schedule-json"},
      {"scoreboardv2.json", "nba-stats-json"},
      {"scoreboardv2_b.json", "nba-stats-json"},
      {"stats_player_box_scores.json", "bdl-json"},
      {"team_game_logs_2023-24.csv", "team-log-csv"},
      {"odds/consensus_close_2025-26_head.csv", "game-lines-csv"},
      {"odds/event_odds_player_props_shape_example.json", "odds-api-json"},
      {"odds/game_lines_nba_2008-2025_sample.csv", "game-lines-csv"},
      {"odds/historical_event_odds_h2h_2024-01-25T0355Z.json", "odds-api-json"},
      {"odds/historical_event_odds_spreads_totals_2024-01-25T0355Z.json", "odds-api-json"},
      {"odds/historical_events_2024-01-25T0355Z.json", "odds-api-json"},
      {"odds/historical_events_b.json", "odds-api-json"},
      {"odds/pickem_01_02_2025.csv", "odds-props-csv"},
      {"odds/pickem_10_22_2024.csv", "odds-props-csv"},
      {"odds/raw_20251111_170000.csv", "odds-props-csv"},
      {"odds/SOURCES.md", ""},
      {"Injury-Report_2024-01-04_12PM.pdf", "nba-injury-report-pdf"},
      {"injury_report_synthetic.pdf", "nba-injury-report-pdf"},
  };
  return formats;
}

TEST(FormatDetection, EveryFixtureIsDetectedAsItsFormatOnly) {
  const auto readers = MakeReaders();
  for (const auto& [name, expected] : ExpectedFormats()) {
    const InputFile file = LoadTestData(name);
    std::string first, others;
    for (const auto& reader : readers) {
      if (!reader->Detect(file)) continue;
      if (first.empty()) {
        first = std::string(reader->format());
      } else {
        others.append(" ").append(reader->format());
      }
    }
    EXPECT_EQ(first, expected) << name;
    // Only the odds JSON overlaps another reader's cheap check (bdl-json's "data" and
    // "home_team"), which is why it comes first.
    if (expected != "odds-api-json") {
      EXPECT_EQ(others, "") << name;
    }
  }
}

TEST(FormatDetection, TheTableListsEveryFixture) {
  const std::filesystem::path root = BACKCOURT_TEST_DATA;
  for (const char* folder : {"", "odds"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / folder)) {
      if (!entry.is_regular_file()) continue;
      const std::string name = (std::filesystem::path(folder) / entry.path().filename()).string();
      EXPECT_TRUE(ExpectedFormats().count(name)) << name << " has no expected format here";
    }
  }
}

}  // namespace
}  // namespace backcourt
