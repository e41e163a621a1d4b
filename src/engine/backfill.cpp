#include "engine/backfill.h"

#include <algorithm>
#include <chrono>
#include <set>

#include <fmt/format.h>

#include "core/date.h"
#include "core/hash.h"
#include "store/partition_store.h"
#include "store/raw_store.h"

namespace backcourt {
namespace {

constexpr const char* kCodeVersion = "backcourt " BACKCOURT_VERSION;

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Raw rows are loaded for whole seasons (August to July) around the requested dates, so
// identity resolution sees the same rows whatever the range.
std::pair<std::string, std::string> LoadWindow(const BackfillOptions& o) {
  std::string lo = o.start_date, hi = o.end_date;
  if (!o.dates.empty()) {
    lo = *std::min_element(o.dates.begin(), o.dates.end());
    hi = *std::max_element(o.dates.begin(), o.dates.end());
  }
  auto season_start_year = [](const std::string& iso) {
    const auto date = Date::ParseIso(iso);
    return date ? (date->month() >= 8 ? date->year() : date->year() - 1) : 0;
  };
  const std::string first = lo.empty() ? "" : fmt::format("{}-08-01", season_start_year(lo));
  const std::string last = hi.empty() ? "9999-12-31" : fmt::format("{}-07-31", season_start_year(hi) + 1);
  return {first, last};
}

Result<ResolvedInputs> LoadInputs(Db& db, const BackfillOptions& options) {
  RawStore raw(db);
  const auto [first, last] = LoadWindow(options);
  BC_ASSIGN_OR_RETURN(auto schedule, raw.LoadSchedule(first, last));
  BC_ASSIGN_OR_RETURN(auto team_box, raw.LoadTeamBox(first, last));
  BC_ASSIGN_OR_RETURN(auto player_box, raw.LoadPlayerBox(first, last));
  return ResolvedInputs::Build(std::move(schedule), std::move(team_box), std::move(player_box));
}

std::vector<std::string> SelectDates(const ResolvedInputs& inputs, const BackfillOptions& o) {
  std::vector<std::string> dates;
  const std::set<std::string> exact(o.dates.begin(), o.dates.end());
  for (const std::string& date : inputs.Dates()) {
    if (!exact.empty() ? exact.count(date) > 0
                       : (o.start_date.empty() || date >= o.start_date) &&
                             (o.end_date.empty() || date <= o.end_date)) {
      dates.push_back(date);
    }
  }
  return dates;
}

bool HasFinalGame(const ResolvedInputs& inputs, const std::string& date) {
  const DateInputs* d = inputs.ForDate(date);
  if (d == nullptr) return false;
  return std::any_of(d->games.begin(), d->games.end(),
                     [](const GameInputs& g) { return g.game.built(); });
}

bool Done(const std::string& status) { return status == "ok" || status == "no_games"; }

// One backfill: the records of every table in the closure, kept current as partitions run.
class Backfill {
 public:
  Backfill(Db& db, const BackfillOptions& options, const ResolvedInputs& inputs,
           const PartitionCallback& on_partition)
      : db_(db), partitions_(db), options_(options), inputs_(inputs), on_partition_(on_partition) {}

  Status Run(const std::vector<const Processor*>& processors,
             const std::vector<std::string>& dates, BackfillResult& result) {
    for (const Processor* p : processors) {
      BC_ASSIGN_OR_RETURN(records_[std::string(p->name())],
                          partitions_.ForTable(std::string(p->name())));
    }
    if (!options_.dry_run) {
      BC_ASSIGN_OR_RETURN(run_id_, partitions_.StartRun("backfill", options_.command_line,
                                                        kCodeVersion));
    }
    // Date-major order: every table of a date before the next date, so a crash leaves whole
    // dates behind it and downstream partitions always see fresh upstreams.
    for (const std::string& date : dates) {
      for (const Processor* p : processors) {
        const auto start = Clock::now();
        BC_RETURN_IF_ERROR(RunOne(*p, date, result));
        result.tables[std::string(p->name())].seconds += Since(start);
        if (options_.fail_fast && !result.failures.empty()) return Finish(result);
      }
    }
    return Finish(result);
  }

 private:
  Status Finish(const BackfillResult& result) {
    if (options_.dry_run) return {};
    return partitions_.FinishRun(run_id_, result.passed() ? "pass" : "fail");
  }

  std::string Fingerprint(const Processor& p, const std::string& date) {
    Hasher hasher;
    hasher.Add(p.version());
    if (p.reads_raw()) {
      const DateInputs* inputs = inputs_.ForDate(date);
      hasher.Add(inputs ? inputs->fingerprint : "");
    }
    for (std::string_view up : p.upstreams()) {
      auto& recs = records_[std::string(up)];
      auto it = recs.find(date);
      hasher.Add(it == recs.end() ? "" : it->second.data_version);
    }
    return hasher.HexDigest();
  }

  // Why the partition must run, or empty when it is ok and fresh.
  std::string WhyRun(const Processor& p, const std::optional<PartitionRecord>& record,
                     const std::string& fingerprint) {
    if (!record) return "missing";
    if (options_.no_resume) return "no-resume";
    if (record->status != "ok") return record->status;
    if (record->processor_version != p.version()) return "stale (processor version)";
    if (record->input_fingerprint != fingerprint) return "stale (inputs changed)";
    return "";
  }

  // The first upstream that is not done for this date, as a reason.
  std::string Gate(const Processor& p, const std::string& date) {
    for (std::string_view up : p.upstreams()) {
      auto& recs = records_[std::string(up)];
      auto it = recs.find(date);
      if (it == recs.end() || !Done(it->second.status)) {
        return fmt::format("upstream {} {} is {}", up, date,
                           it == recs.end() ? "missing" : it->second.status);
      }
    }
    return "";
  }

  Status RunOne(const Processor& p, const std::string& date, BackfillResult& result) {
    const std::string table(p.name());
    TableSummary& summary = result.tables[table];
    auto& recs = records_[table];
    std::optional<PartitionRecord> existing;
    if (auto it = recs.find(date); it != recs.end()) existing = it->second;
    const std::string fingerprint = Fingerprint(p, date);

    if (!HasFinalGame(inputs_, date)) {
      summary.no_games++;
      if (options_.dry_run) return Plan(result, table, date, PlanAction::kNoGames, "no final game");
      if (existing && existing->status == "no_games" && existing->input_fingerprint == fingerprint) {
        return {};
      }
      return Record(p, date, "no_games", fingerprint, nullptr, "", existing, summary);
    }
    std::string why = WhyRun(p, existing, fingerprint);
    if (options_.retry_failed && (!existing || existing->status != "failed")) why.clear();
    if (why.empty()) {
      summary.skipped++;
      if (options_.dry_run) return Plan(result, table, date, PlanAction::kSkip, "ok and fresh");
      return {};
    }
    if (options_.dry_run) return Plan(result, table, date, PlanAction::kRun, why);

    std::string gate = Gate(p, date);
    if (!gate.empty() && !options_.allow_partial) {
      summary.blocked++;
      result.failures.push_back({table, date, "blocked", gate});
      return Record(p, date, "blocked", fingerprint, nullptr, gate, existing, summary);
    }
    BuildContext ctx{db_, inputs_};
    auto output = p.Build(ctx, date);
    if (!output) {
      if (output.error().retryable()) return tl::unexpected(output.error());
      summary.failed++;
      result.failures.push_back({table, date, "failed", output.error().message()});
      return Record(p, date, "failed", fingerprint, nullptr, output.error().message(), existing,
                    summary);
    }
    const std::string& incomplete = (*output)->incomplete_reason;
    if (!incomplete.empty() && !options_.allow_partial) {
      summary.failed++;
      const std::string reason = "incomplete: " + incomplete;
      result.failures.push_back({table, date, "failed", reason});
      return Record(p, date, "failed", fingerprint, nullptr, reason, existing, summary);
    }
    summary.ok++;
    summary.rows += static_cast<int64_t>((*output)->rows());
    std::string partial;
    if (!gate.empty()) partial = "ungated (--allow-partial): " + gate;
    if (!incomplete.empty()) partial = "partial (--allow-partial): " + incomplete;
    if (!partial.empty()) {
      summary.partial++;
      result.partials.push_back({table, date, "ok", partial});
    }
    return Record(p, date, "ok", fingerprint, output->get(), partial, existing, summary);
  }

  Status Plan(BackfillResult& result, const std::string& table, const std::string& date,
              PlanAction action, std::string why) {
    result.plan.push_back({table, date, action, std::move(why)});
    if (action == PlanAction::kRun) {
      // Downstream partitions of a planned run will see new upstream data.
      records_[table][date].data_version = "planned";
      records_[table][date].status = "ok";
    }
    return {};
  }

  // Writes the partition's rows (when `output` is set: ok) and its record in one
  // transaction; failed and blocked partitions keep no rows.
  Status Record(const Processor& p, const std::string& date, const std::string& status,
                const std::string& fingerprint, const PartitionOutput* output,
                const std::string& error, const std::optional<PartitionRecord>& existing,
                TableSummary&) {
    PartitionRecord record;
    record.table_name = std::string(p.name());
    record.game_date = date;
    record.status = status;
    record.processor_version = std::string(p.version());
    record.input_fingerprint = fingerprint;
    record.rows = output ? static_cast<int64_t>(output->rows()) : 0;
    record.data_version = output ? output->DataVersion() : "";
    record.attempts = (existing ? existing->attempts : 0) + 1;
    record.last_error = error;
    record.started_at = UtcNow();
    record.finished_at = record.started_at;
    record.run_id = run_id_;
    BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
    if (output != nullptr) {
      BC_RETURN_IF_ERROR(output->Write(db_, date));
    } else {
      BC_RETURN_IF_ERROR(partitions_.DeletePartition(record.table_name, date));
    }
    BC_RETURN_IF_ERROR(partitions_.Upsert(record));
    BC_RETURN_IF_ERROR(txn.Commit());
    records_[record.table_name][date] = record;
    if (on_partition_) on_partition_(record.table_name, date, status, record.rows);
    return {};
  }

  Db& db_;
  PartitionStore partitions_;
  const BackfillOptions& options_;
  const ResolvedInputs& inputs_;
  const PartitionCallback& on_partition_;
  std::map<std::string, std::map<std::string, PartitionRecord>> records_;
  int64_t run_id_ = 0;
};

}  // namespace

Result<BackfillResult> RunBackfill(Db& db, const Registry& registry,
                                   const BackfillOptions& options,
                                   const PartitionCallback& on_partition) {
  const auto start = Clock::now();
  BackfillResult result;
  BC_ASSIGN_OR_RETURN(auto processors,
                      registry.Select(options.tables.empty() ? registry.Names() : options.tables));
  for (const Processor* p : processors) {
    BC_RETURN_IF_ERROR(p->EnsureTable(db));
    result.table_order.emplace_back(p->name());
    result.tables[std::string(p->name())];
  }
  BC_ASSIGN_OR_RETURN(ResolvedInputs inputs, LoadInputs(db, options));
  result.load_seconds = Since(start);
  Backfill backfill(db, options, inputs, on_partition);
  BC_RETURN_IF_ERROR(backfill.Run(processors, SelectDates(inputs, options), result));
  result.seconds = Since(start);
  return result;
}

}  // namespace backcourt
