#include "engine/planner.h"

#include <utility>

namespace backcourt {
namespace {

class Planner {
 public:
  Planner(Lineage& lineage, const BackfillOptions& options, BackfillResult& result)
      : lineage_(lineage), options_(options), result_(result) {}

  TaskGraph Plan(const std::vector<const Processor*>& processors,
                 const std::vector<std::string>& dates) {
    for (const std::string& date : dates) {
      for (const Processor* p : processors) PlanOne(*p, date);
    }
    for (const Task& task : graph_.tasks) {
      graph_.run_set.insert({std::string(task.processor->name()), task.date});
    }
    graph_.deps.resize(graph_.tasks.size());
    LinkReads();
    GateOnSeasonLoads();
    ChainSeasonToDate();
    return std::move(graph_);
  }

 private:
  // A task waits for the tasks of this run that build what it reads; reads outside the run
  // are remembered with why they are stale (for the gates). A season-to-date task built in
  // this process also waits for the table's task of the date before (ChainSeasonToDate),
  // which ran only once every date up to its own was done: it is linked to the dates after
  // that one only, not to every date of its season again (quadratic in a season's dates).
  // Queued for workers, which have no such chain, each task keeps all its reads.
  void LinkReads() {
    std::map<PartitionKey, size_t> index;
    for (size_t i = 0; i < graph_.tasks.size(); ++i) {
      index[{std::string(graph_.tasks[i].processor->name()), graph_.tasks[i].date}] = i;
    }
    std::map<std::pair<std::string_view, Season>, std::string> linked;  // last task's date
    for (size_t i = 0; i < graph_.tasks.size(); ++i) {
      const Task& task = graph_.tasks[i];
      std::string after;
      if (!options_.queue && task.processor->window() == ReadWindow::kSeasonToDate) {
        after = std::exchange(linked[{task.processor->name(), task.season}], task.date);
      }
      for (const PartitionKey& read : lineage_.Reads(*task.processor, task.date, after)) {
        if (auto it = index.find(read); it != index.end()) {
          graph_.deps[i].push_back(it->second);
        } else if (lineage_.HasGames(read.date) && !graph_.outside.count(read)) {
          const Processor* up = lineage_.registry().Find(read.table);
          graph_.outside[read] = up ? lineage_.WhyStale(*up, read.date) : "unknown table";
        }
      }
    }
  }

  size_t AddEvent() {
    graph_.deps.emplace_back();
    return graph_.deps.size() - 1;
  }

  void GateOnSeasonLoads() {
    // A raw-fed build waits for its season's raw rows (one event per season). Only the
    // seasons of raw-fed builds are read: a no-op rerun and a features-only run read none.
    std::map<Season, size_t> season_event;
    for (size_t i = 0; i < graph_.tasks.size(); ++i) {
      const Task& task = graph_.tasks[i];
      if (!ReadsRawRows(task)) continue;
      if (!season_event.count(task.season)) {
        season_event.emplace(task.season, AddEvent());
        graph_.raw_seasons.push_back(task.season);
        graph_.season_events.push_back(season_event.at(task.season));
      }
      graph_.deps[i].push_back(season_event.at(task.season));
    }
  }

  void ChainSeasonToDate() {
    // Season-to-date builds of one table share a season history, which moves forward date
    // by date: each waits until the one before is built (not committed), so a worker keeps
    // one season's history warm instead of taking turns between seasons.
    graph_.built_events.assign(graph_.tasks.size(), TaskGraph::kNoEvent);
    std::map<std::pair<std::string_view, Season>, size_t> previous;
    for (size_t i = 0; i < graph_.tasks.size(); ++i) {
      const Task& task = graph_.tasks[i];
      if (task.processor->window() != ReadWindow::kSeasonToDate) continue;
      const std::pair key{task.processor->name(), task.season};
      if (auto it = previous.find(key); it != previous.end()) {
        graph_.built_events[it->second] = AddEvent();
        graph_.deps[i].push_back(graph_.built_events[it->second]);
      }
      previous[key] = i;
    }
  }

  void PlanOne(const Processor& p, const std::string& date) {
    const std::string table(p.name());
    TableSummary& summary = result_.tables[table];
    const PartitionRecord* existing = lineage_.Find(table, date);
    auto plan = [&](PlanAction action, std::string why) {
      result_.plan.push_back({table, date, action, why});
      if (action == PlanAction::kSkip) {
        summary.skipped++;
        return;
      }
      summary.planned++;
      // Dates of the catalog are valid: season 0 only guards a hand-edited database.
      graph_.tasks.push_back(
          Task{&p, date, Season::OfIso(date).value_or(Season(0)), action, std::move(why)});
    };
    if (!lineage_.HasGames(date)) {
      const bool recorded = existing && existing->status == PartitionStatus::kNoGames &&
                            existing->input_fingerprint == lineage_.Fingerprint(p, date);
      if (recorded) {
        summary.no_games++;
        result_.plan.push_back({table, date, PlanAction::kNoGames, "no final game (recorded)"});
        return;
      }
      return plan(PlanAction::kNoGames, "no final game");
    }
    std::string why = options_.no_resume ? "no-resume" : lineage_.WhyStale(p, date);
    if (options_.retry_failed && (!existing || existing->status != PartitionStatus::kFailed)) {
      why.clear();
    }
    if (why.empty()) return plan(PlanAction::kSkip, "ok and fresh");
    plan(PlanAction::kRun, why);
  }

  Lineage& lineage_;
  const BackfillOptions& options_;
  BackfillResult& result_;
  TaskGraph graph_;
};

}  // namespace

TaskGraph PlanTasks(Lineage& lineage, const BackfillOptions& options,
                    const std::vector<const Processor*>& processors,
                    const std::vector<std::string>& dates, BackfillResult& result) {
  return Planner(lineage, options, result).Plan(processors, dates);
}

}  // namespace backcourt
