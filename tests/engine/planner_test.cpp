// PlanTasks on made-up tables and dates: what runs, what is skipped, and what each task
// waits for.
#include "engine/planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "engine/fake_processor.h"

namespace backcourt::testing {
namespace {

// 2019-20 as the schedule labels it (the bubble in August 2020 included), then 2020-21.
std::map<std::string, DateInfo> Catalogue() {
  return {
      {"2019-10-22", GameDay("2019-20")}, {"2020-02-14", NoGames("2019-20")},
      {"2020-08-15", GameDay("2019-20")}, {"2020-12-22", GameDay("2020-21")},
      {"2020-12-23", GameDay("2020-21")},
  };
}

class PlannerTest : public ::testing::Test {
 protected:
  PlannerTest() : registry_(ThreeTables()), lineage_(registry_, Catalogue(), {}) {
    for (const auto& p : registry_.processors()) all_.push_back(p.get());
    for (const auto& [date, info] : lineage_.dates()) dates_.push_back(date);
  }

  TaskGraph Plan(const BackfillOptions& options = {}) {
    result_ = BackfillResult{};
    return PlanTasks(lineage_, options, all_, dates_, result_);
  }

  static size_t IndexOf(const TaskGraph& graph, const std::string& table, const std::string& date) {
    for (size_t i = 0; i < graph.tasks.size(); ++i) {
      if (graph.tasks[i].processor->name() == table && graph.tasks[i].date == date) return i;
    }
    ADD_FAILURE() << "no task " << table << " " << date;
    return 0;
  }

  static bool Waits(const TaskGraph& graph, size_t task, size_t on) {
    const auto& deps = graph.deps[task];
    return std::find(deps.begin(), deps.end(), on) != deps.end();
  }
  // Waits for `on` directly, or through what it waits for (a built event is finished once
  // its task is built, so it waits for what that task waits for).
  static bool WaitsThrough(const TaskGraph& graph, size_t task, size_t on) {
    std::vector<size_t> todo = {task};
    std::set<size_t> seen;
    while (!todo.empty()) {
      const size_t t = todo.back();
      todo.pop_back();
      if (!seen.insert(t).second) continue;
      if (t >= graph.tasks.size()) {  // an event: a built event stands for its task
        const auto it = std::find(graph.built_events.begin(), graph.built_events.end(), t);
        if (it != graph.built_events.end()) {
          todo.push_back(static_cast<size_t>(it - graph.built_events.begin()));
        }
        continue;
      }
      for (size_t d : graph.deps[t]) {
        if (d == on) return true;
        todo.push_back(d);
      }
    }
    return false;
  }

  Registry registry_;
  Lineage lineage_;
  std::vector<const Processor*> all_;
  std::vector<std::string> dates_;
  BackfillResult result_;
};

TEST_F(PlannerTest, AnEmptyDatabaseRunsEveryGameDateAndRecordsTheOthersAsNoGames) {
  const TaskGraph graph = Plan();
  ASSERT_EQ(graph.tasks.size(), 3u * dates_.size());
  for (const Task& task : graph.tasks) {
    const bool games = task.date != "2020-02-14";
    EXPECT_EQ(task.action, games ? PlanAction::kRun : PlanAction::kNoGames) << task.date;
    EXPECT_EQ(task.why, games ? "missing" : "no final game") << task.date;
  }
  EXPECT_EQ(result_.tables.at("raw").planned, 5);
  EXPECT_EQ(result_.tables.at("raw").skipped, 0);
  EXPECT_EQ(result_.plan.size(), graph.tasks.size());
  EXPECT_EQ(graph.run_set.size(), graph.tasks.size());
  // Tables in dependency order within a date, dates in order.
  EXPECT_LT(IndexOf(graph, "raw", "2019-10-22"), IndexOf(graph, "daily", "2019-10-22"));
  EXPECT_LT(IndexOf(graph, "history", "2019-10-22"), IndexOf(graph, "raw", "2020-02-14"));
}

TEST_F(PlannerTest, AFinishedBackfillPlansNothing) {
  RecordAllFresh(lineage_, dates_);
  const TaskGraph graph = Plan();
  EXPECT_TRUE(graph.tasks.empty());
  EXPECT_TRUE(graph.raw_seasons.empty());  // a no-op rerun loads no raw rows
  for (const char* table : {"raw", "daily", "history"}) {
    EXPECT_EQ(result_.tables.at(table).skipped, 4) << table;
    EXPECT_EQ(result_.tables.at(table).no_games, 1) << table;  // recorded, fingerprint unchanged
    EXPECT_EQ(result_.tables.at(table).planned, 0) << table;
  }
}

TEST_F(PlannerTest, NoResumeRebuildsEveryGameDate) {
  RecordAllFresh(lineage_, dates_);
  BackfillOptions options;
  options.no_resume = true;
  const TaskGraph graph = Plan(options);
  EXPECT_EQ(graph.tasks.size(), 3u * 4u);
  for (const Task& task : graph.tasks) EXPECT_EQ(task.why, "no-resume");
}

TEST_F(PlannerTest, RetryFailedRunsOnlyTheFailedPartitions) {
  RecordAllFresh(lineage_, dates_);
  PartitionRecord failed = *lineage_.Find("daily", "2020-08-15");
  failed.status = PartitionStatus::kFailed;
  lineage_.Update(failed);
  BackfillOptions options;
  options.retry_failed = true;
  const TaskGraph retry = Plan(options);
  ASSERT_EQ(retry.tasks.size(), 1u);
  EXPECT_EQ(retry.tasks[0].processor->name(), "daily");
  EXPECT_EQ(retry.tasks[0].date, "2020-08-15");
  EXPECT_EQ(retry.tasks[0].why, "failed");
  // Without the option, what reads the failed partition is planned too.
  const TaskGraph all = Plan();
  EXPECT_EQ(all.tasks.size(), 2u);
  EXPECT_EQ(all.tasks[IndexOf(all, "history", "2020-08-15")].why,
            "stale (inputs changed)");
}

TEST_F(PlannerTest, ATaskWaitsForTheTasksThatBuildWhatItReads) {
  const TaskGraph graph = Plan();
  const size_t raw = IndexOf(graph, "raw", "2020-08-15");
  const size_t daily = IndexOf(graph, "daily", "2020-08-15");
  const size_t history = IndexOf(graph, "history", "2020-08-15");
  EXPECT_TRUE(Waits(graph, daily, raw));
  EXPECT_FALSE(Waits(graph, daily, IndexOf(graph, "raw", "2019-10-22")));
  // A season-to-date build waits for every earlier date of its season: the date before's
  // build, which waited for the dates before it, and the dates since (not each again).
  for (const char* date : {"2019-10-22", "2020-02-14", "2020-08-15"}) {
    EXPECT_TRUE(WaitsThrough(graph, history, IndexOf(graph, "daily", date))) << date;
  }
  EXPECT_TRUE(Waits(graph, history, daily));
  EXPECT_FALSE(Waits(graph, history, IndexOf(graph, "daily", "2019-10-22")));
  EXPECT_FALSE(WaitsThrough(graph, IndexOf(graph, "history", "2020-12-22"), daily));
  EXPECT_TRUE(graph.outside.empty());  // everything read is built by this run
  // Queued for workers (no built events between processes), each waits for all it reads.
  BackfillOptions queued;
  queued.queue = true;
  const TaskGraph queue = Plan(queued);
  for (const char* date : {"2019-10-22", "2020-02-14", "2020-08-15"}) {
    EXPECT_TRUE(Waits(queue, IndexOf(queue, "history", "2020-08-15"),
                      IndexOf(queue, "daily", date)))
        << date;
  }
}

// Raw-fed builds wait for their season's raw rows: one load per season window, in order.
// The bubble's builds wait for 2019-20's load, not 2020-21's.
TEST_F(PlannerTest, RawFedBuildsWaitForTheirSeasonsRows) {
  const TaskGraph graph = Plan();
  ASSERT_EQ(graph.raw_seasons, (std::vector<Season>{Season(2019), Season(2020)}));
  ASSERT_EQ(graph.season_events.size(), 2u);
  for (size_t event : graph.season_events) EXPECT_GE(event, graph.tasks.size());
  const size_t season_2019 = graph.season_events[0], season_2020 = graph.season_events[1];
  EXPECT_TRUE(Waits(graph, IndexOf(graph, "raw", "2019-10-22"), season_2019));
  EXPECT_TRUE(Waits(graph, IndexOf(graph, "raw", "2020-08-15"), season_2019));
  EXPECT_FALSE(Waits(graph, IndexOf(graph, "raw", "2020-08-15"), season_2020));
  EXPECT_TRUE(Waits(graph, IndexOf(graph, "raw", "2020-12-22"), season_2020));
  EXPECT_FALSE(Waits(graph, IndexOf(graph, "raw", "2020-02-14"), season_2019));  // no_games
  EXPECT_FALSE(Waits(graph, IndexOf(graph, "daily", "2020-08-15"), season_2019));
  EXPECT_EQ(graph.tasks[IndexOf(graph, "raw", "2020-08-15")].season, Season(2019));
}

// Season-to-date builds of a table follow each other through the season (they share its
// history), and each season's chain starts afresh.
TEST_F(PlannerTest, SeasonToDateBuildsChainThroughTheirSeason) {
  const TaskGraph graph = Plan();
  ASSERT_EQ(graph.built_events.size(), graph.tasks.size());
  auto chained = [&](const char* before, const char* after) {
    const size_t event = graph.built_events[IndexOf(graph, "history", before)];
    return event != TaskGraph::kNoEvent && Waits(graph, IndexOf(graph, "history", after), event);
  };
  EXPECT_TRUE(chained("2019-10-22", "2020-02-14"));
  EXPECT_TRUE(chained("2020-02-14", "2020-08-15"));
  EXPECT_TRUE(chained("2020-12-22", "2020-12-23"));
  EXPECT_EQ(graph.built_events[IndexOf(graph, "history", "2020-08-15")], TaskGraph::kNoEvent);
  EXPECT_EQ(graph.built_events[IndexOf(graph, "daily", "2019-10-22")], TaskGraph::kNoEvent);
}

// Reads outside the run are remembered with why they are not fresh, for the gate.
TEST_F(PlannerTest, ReadsOutsideTheRunAreRememberedWithWhyTheyAreNotFresh) {
  RecordAllFresh(lineage_, dates_);
  PartitionRecord failed = *lineage_.Find("daily", "2020-12-22");
  failed.status = PartitionStatus::kFailed;
  lineage_.Update(failed);
  const std::vector<const Processor*> history{registry_.Find("history")};
  const TaskGraph graph = PlanTasks(lineage_, {}, history, {"2020-12-23"}, result_);
  ASSERT_EQ(graph.tasks.size(), 1u);
  EXPECT_EQ(graph.tasks[0].why, "stale (inputs changed)");
  EXPECT_TRUE(graph.deps[0].empty());
  EXPECT_EQ(graph.outside.at({"daily", "2020-12-22"}), "failed");
  EXPECT_EQ(graph.outside.at({"daily", "2020-12-23"}), "");
  EXPECT_EQ(graph.outside.size(), 2u);
}

}  // namespace
}  // namespace backcourt::testing
