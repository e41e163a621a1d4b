#include "store/claim_store.h"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <tuple>
#include <utility>

#include <fmt/format.h>

namespace backcourt {
namespace {

// Up to ? (the last parameter) runnable partitions in plan order within positions [?, ?] (the
// first two): not finished, no queued partition it reads unfinished, and no live claim at ?
// (now). Dependencies are ranges of queued dates, each checked by one probe of the
// unfinished-rows index; {0} is PostgreSQL's "OFFSET 0", which keeps its planner from turning
// the per-row checks into a hash join over every dependency of the queue (seen: 1 s per claim).
// On SQLite the caller's BEGIN IMMEDIATE already excludes every other claimer; on PostgreSQL
// claimers run concurrently: the queue row is locked for the transaction ({1}) and rows another
// claimer has locked are skipped rather than waited for. Locks are always taken queue row first,
// claim row second (Finish too), so claimers and finishers never deadlock.
constexpr const char* kCandidate =
    "SELECT q.table_name, q.game_date, q.action, q.why FROM partition_queue q WHERE "
    "q.outcome IS NULL AND q.position BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM "
    "partition_queue_deps d WHERE d.table_name = q.table_name AND d.game_date = q.game_date "
    "AND EXISTS (SELECT 1 FROM partition_queue u WHERE u.outcome IS NULL AND u.table_name = "
    "d.dep_table AND u.game_date BETWEEN d.dep_from AND d.dep_to{0}){0}) AND NOT EXISTS "
    "(SELECT 1 FROM claims c WHERE c.table_name = q.table_name AND c.game_date = q.game_date "
    "AND c.heartbeat + c.expiry >= ?) ORDER BY q.position LIMIT ?{1}";

// The first positions searched: the head of the queue nearly always holds a runnable
// partition, and a bounded window keeps the planner from testing every queued partition.
constexpr int64_t kHeadWindow = 256;

// A queued partition reads every queued date of `dep_table` in [from, to].
struct DependencyRange {
  std::string table, date, dep_table, from, to;
};

// Each partition's dependencies on each table as runs of consecutive queued dates of it.
std::vector<DependencyRange> AsRanges(const std::vector<QueuedPartition>& partitions,
                                      const std::vector<QueueDependency>& deps) {
  // Each partition's table (numbered) and rank among that table's queued dates.
  std::vector<size_t> order(partitions.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::tie(partitions[a].table, partitions[a].date) <
           std::tie(partitions[b].table, partitions[b].date);
  });
  std::vector<size_t> table_of(partitions.size()), rank_of(partitions.size());
  std::vector<std::vector<size_t>> by_rank;  // table number -> rank -> partition
  for (size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || partitions[order[k]].table != partitions[order[k - 1]].table) {
      by_rank.emplace_back();
    }
    table_of[order[k]] = by_rank.size() - 1;
    rank_of[order[k]] = by_rank.back().size();
    by_rank.back().push_back(order[k]);
  }
  // (reader, table read, rank read), sorted: a reader's runs per table come out in order.
  std::vector<std::tuple<size_t, size_t, size_t>> reads;
  reads.reserve(deps.size());
  for (const QueueDependency& d : deps) {
    if (d.partition >= partitions.size() || d.dep >= partitions.size()) continue;
    reads.emplace_back(d.partition, table_of[d.dep], rank_of[d.dep]);
  }
  std::sort(reads.begin(), reads.end());
  std::vector<DependencyRange> ranges;
  for (size_t i = 0; i < reads.size();) {
    const auto [reader, table, first] = reads[i];
    size_t j = i;
    while (j + 1 < reads.size() && std::get<0>(reads[j + 1]) == reader &&
           std::get<1>(reads[j + 1]) == table &&
           std::get<2>(reads[j + 1]) <= std::get<2>(reads[j]) + 1) {
      ++j;
    }
    const QueuedPartition& p = partitions[reader];
    ranges.push_back({p.table, p.date, partitions[by_rank[table][first]].table,
                      partitions[by_rank[table][first]].date,
                      partitions[by_rank[table][std::get<2>(reads[j])]].date});
    i = j + 1;
  }
  return ranges;
}

// A group's bookkeeping is a few statements, each over up to this many partitions (so a
// connection prepares at most this many variants of each).
constexpr size_t kKeysPerStatement = 64;

// Calls run(first, n) over consecutive chunks of at most kKeysPerStatement of `count` items.
template <typename Run>
Status InChunks(size_t count, Run run) {
  for (size_t first = 0; first < count; first += kKeysPerStatement) {
    BC_RETURN_IF_ERROR(run(first, std::min(kKeysPerStatement, count - first)));
  }
  return {};
}

// Binds the (table, date) of partitions [first, first + n) from parameter `index` on.
void BindKeys(Statement& stmt, int index, const std::vector<const QueuedPartition*>& partitions,
              size_t first, size_t n) {
  for (size_t i = first; i < first + n; ++i, index += 2) {
    stmt.Bind(index, partitions[i]->table).Bind(index + 1, partitions[i]->date);
  }
}

struct HistoryEntry {
  ClaimHolder holder;
  const QueuedPartition* partition = nullptr;
  std::string_view outcome;
};

// A bulk insert (COPY on PostgreSQL): one statement for a whole group.
Status AppendHistory(Db& db, const std::vector<HistoryEntry>& entries, int64_t finished_at) {
  if (entries.empty()) return {};
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.PrepareBulkInsert("claim_history",
                                           "worker_id, host, pid, table_name, game_date, "
                                           "claimed_at, finished_at, outcome",
                                           8));
  for (const HistoryEntry& e : entries) {
    stmt.Bind(1, e.holder.worker_id).Bind(2, e.holder.host).Bind(3, e.holder.pid);
    stmt.Bind(4, e.partition->table).Bind(5, e.partition->date).Bind(6, e.holder.claimed_at);
    stmt.Bind(7, finished_at).Bind(8, e.outcome);
    BC_RETURN_IF_ERROR(stmt.Run());
  }
  return stmt.Flush();
}

// Drops the worker's claims on `partitions`.
Status DropClaims(Db& db, int64_t worker_id,
                  const std::vector<const QueuedPartition*>& partitions) {
  return InChunks(partitions.size(), [&](size_t first, size_t n) -> Status {
    BC_ASSIGN_OR_RETURN(Statement stmt,
                        db.Prepare("DELETE FROM claims WHERE worker_id = ? AND (table_name, "
                                   "game_date) IN (VALUES " + ValuesList(n, 2) + ")"));
    stmt.Bind(1, worker_id);
    BindKeys(stmt, 2, partitions, first, n);
    return stmt.Run();
  });
}

ClaimHolder HolderOf(const WorkerIdentity& w, int64_t claimed_at) {
  return ClaimHolder{w.worker_id, w.host, w.pid, claimed_at, claimed_at, w.expiry_ms};
}

Status DeleteAll(Db& db, const char* table) {
  return db.Exec(fmt::format("DELETE FROM {}", table));
}

}  // namespace

Status ClaimStore::ReplaceQueue(int64_t run_id, const std::vector<QueuedPartition>& partitions,
                                const std::vector<QueueDependency>& deps,
                                const std::vector<OutsideRead>& outside) {
  for (const char* table :
       {"partition_queue", "partition_queue_deps", "partition_queue_outside", "claims"}) {
    BC_RETURN_IF_ERROR(DeleteAll(db_, table));
  }
  // Bulk inserts (COPY on PostgreSQL): a full range queues tens of thousands of rows.
  BC_ASSIGN_OR_RETURN(Statement queue,
                      db_.PrepareBulkInsert("partition_queue",
                                            "table_name, game_date, position, action, why, "
                                            "run_id",
                                            6));
  int64_t position = 0;
  for (const QueuedPartition& p : partitions) {
    queue.Bind(1, p.table).Bind(2, p.date).Bind(3, position++);
    queue.Bind(4, p.no_games ? "no_games" : "run").Bind(5, p.why).Bind(6, run_id);
    BC_RETURN_IF_ERROR(queue.Run());
  }
  BC_RETURN_IF_ERROR(queue.Flush());
  BC_ASSIGN_OR_RETURN(Statement dep, db_.PrepareBulkInsert("partition_queue_deps",
                                                           "table_name, game_date, dep_table, "
                                                           "dep_from, dep_to",
                                                           5));
  for (const DependencyRange& d : AsRanges(partitions, deps)) {
    dep.Bind(1, d.table).Bind(2, d.date).Bind(3, d.dep_table).Bind(4, d.from).Bind(5, d.to);
    BC_RETURN_IF_ERROR(dep.Run());
  }
  BC_RETURN_IF_ERROR(dep.Flush());
  BC_ASSIGN_OR_RETURN(Statement read, db_.PrepareBulkInsert("partition_queue_outside",
                                                            "table_name, game_date, why", 3));
  for (const OutsideRead& o : outside) {
    read.Bind(1, o.table).Bind(2, o.date).Bind(3, o.why);
    BC_RETURN_IF_ERROR(read.Run());
  }
  BC_RETURN_IF_ERROR(read.Flush());
  if (db_.dialect() != Dialect::kPostgres) return {};
  // The statistics PostgreSQL last gathered describe the previous queue, usually finished
  // (no unfinished rows, an empty claims table): planned with them, the claim query scanned
  // every unfinished row for each dependency probe and the claims table row by row, up to
  // 100 ms a claim (seen in auto_explain). Gathered again here, the claim query probes the
  // indexes (under 1 ms). ANALYZE within the transaction counts its own new rows.
  return db_.Exec("ANALYZE partition_queue, partition_queue_deps, claims");
}

Result<std::vector<QueuedPartition>> ClaimStore::QueuedKeys() {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT table_name, game_date, action, why FROM "
                                  "partition_queue ORDER BY position"));
  std::vector<QueuedPartition> keys;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return keys;
    keys.push_back({stmt.Text(0), stmt.Text(1), stmt.Text(2) == "no_games", stmt.Text(3)});
  }
}

Result<std::vector<OutsideRead>> ClaimStore::OutsideReads() {
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare("SELECT table_name, game_date, why FROM "
                                                  "partition_queue_outside"));
  std::vector<OutsideRead> reads;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return reads;
    reads.push_back({stmt.Text(0), stmt.Text(1), stmt.Text(2)});
  }
}

Result<QueueCounts> ClaimStore::Counts() {
  QueueCounts counts;
  BC_ASSIGN_OR_RETURN(counts.queued,
                      db_.QueryInt("SELECT COUNT(*) FROM partition_queue WHERE outcome IS NULL"));
  BC_ASSIGN_OR_RETURN(
      counts.finished,
      db_.QueryInt("SELECT COUNT(*) FROM partition_queue WHERE outcome IS NOT NULL"));
  BC_ASSIGN_OR_RETURN(counts.claimed, db_.QueryInt("SELECT COUNT(*) FROM claims"));
  return counts;
}

Result<int64_t> ClaimStore::LiveClaims(int64_t now) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT COUNT(*) FROM claims WHERE heartbeat + expiry >= ?"));
  stmt.Bind(1, now);
  BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

Result<std::map<std::pair<std::string, std::string>, ClaimHolder>> ClaimStore::Holders(
    const std::vector<const QueuedPartition*>& partitions) {
  // On PostgreSQL the claim rows stay locked to the end of the caller's transaction, so a
  // takeover and the holder's own finish never interleave; SQLite's writers are serialized.
  const char* lock = db_.dialect() == Dialect::kPostgres ? " FOR UPDATE" : "";
  std::map<std::pair<std::string, std::string>, ClaimHolder> holders;
  BC_RETURN_IF_ERROR(InChunks(partitions.size(), [&](size_t first, size_t n) -> Status {
    BC_ASSIGN_OR_RETURN(Statement stmt,
                        db_.Prepare(fmt::format("SELECT table_name, game_date, worker_id, host, "
                                                "pid, claimed_at, heartbeat, expiry FROM claims "
                                                "WHERE (table_name, game_date) IN (VALUES {}){}",
                                                ValuesList(n, 2), lock)));
    BindKeys(stmt, 1, partitions, first, n);
    for (;;) {
      BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return {};
      holders.emplace(std::pair(stmt.Text(0), stmt.Text(1)),
                      ClaimHolder{stmt.Int(2), stmt.Text(3), stmt.Int(4), stmt.Int(5),
                                  stmt.Int(6), stmt.Int(7)});
    }
  }));
  return holders;
}

Result<std::vector<Claim>> ClaimStore::ClaimBatch(const WorkerIdentity& worker, int64_t now,
                                                  int64_t max) {
  // On PostgreSQL a candidate can be raced: the candidate statement's snapshot predates a
  // claim another worker committed on the same queue row just before this one locked it.
  // The claim row, read afresh, then shows a live holder: that candidate is given up, and
  // when every candidate was, the queue is searched again (the next snapshot sees the claims).
  for (int attempt = 0;; ++attempt) {
    BC_ASSIGN_OR_RETURN(ClaimAttempt claimed, TryClaim(worker, now, max));
    if (!claimed.claims.empty() || !claimed.raced || attempt >= 100) {
      return std::move(claimed.claims);
    }
  }
}

Result<ClaimStore::ClaimAttempt> ClaimStore::TryClaim(const WorkerIdentity& worker, int64_t now,
                                                      int64_t max) {
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  const bool postgres = db_.dialect() == Dialect::kPostgres;
  // A claim need not wait for its WAL flush: one lost with a server crash is found lost by
  // its worker's Finish, and the build is discarded, never written twice.
  if (postgres) BC_RETURN_IF_ERROR(db_.Exec("SET LOCAL synchronous_commit = off"));
  BC_ASSIGN_OR_RETURN(Statement candidate,
                      db_.Prepare(fmt::format(kCandidate, postgres ? " OFFSET 0" : "",
                                              postgres ? " FOR UPDATE OF q SKIP LOCKED" : "")));
  BC_ASSIGN_OR_RETURN(Statement first, db_.Prepare("SELECT position FROM partition_queue WHERE "
                                                   "outcome IS NULL ORDER BY position LIMIT 1"));
  BC_ASSIGN_OR_RETURN(bool open, first.Step());
  if (!open) return ClaimAttempt{};  // the queue is drained
  const int64_t head = first.Int(0);
  first.Reset();
  std::vector<QueuedPartition> candidates;
  // The head of the queue first; all of it only when the head holds nothing runnable.
  for (int64_t last : {head + kHeadWindow - 1, std::numeric_limits<int64_t>::max()}) {
    candidate.Bind(1, head).Bind(2, last).Bind(3, now).Bind(4, max);
    for (;;) {
      BC_ASSIGN_OR_RETURN(bool row, candidate.Step());
      if (!row) break;
      candidates.push_back({candidate.Text(0), candidate.Text(1), candidate.Text(2) == "no_games",
                            candidate.Text(3)});
    }
    candidate.Reset();
    if (!candidates.empty()) break;
  }
  if (candidates.empty()) return ClaimAttempt{};  // rolls back: nothing written
  std::vector<const QueuedPartition*> keys;
  for (const QueuedPartition& p : candidates) keys.push_back(&p);
  BC_ASSIGN_OR_RETURN(auto holders, Holders(keys));
  ClaimAttempt attempt;
  std::vector<HistoryEntry> expired;
  for (QueuedPartition& p : candidates) {
    Claim claim;
    if (auto held = holders.find({p.table, p.date}); held != holders.end()) {
      if (held->second.heartbeat + held->second.expiry >= now) {
        attempt.raced = true;  // another claimer won this row
        continue;
      }
      claim.taken_from = held->second;
    }
    claim.partition = std::move(p);
    claim.claimed_at = now;
    attempt.claims.push_back(std::move(claim));
  }
  if (attempt.claims.empty()) return attempt;  // rolls back: every candidate was raced
  keys.clear();
  for (const Claim& claim : attempt.claims) {
    keys.push_back(&claim.partition);
    if (!claim.taken_from) continue;
    // The holder stopped beating: its claim ends now, and its run with it.
    expired.push_back({*claim.taken_from, &claim.partition, "expired"});
    BC_ASSIGN_OR_RETURN(Statement run,
                        db_.Prepare("UPDATE runs SET outcome = 'interrupted' WHERE run_id = "
                                    "? AND (outcome IS NULL OR outcome = 'running')"));
    run.Bind(1, claim.taken_from->worker_id);
    BC_RETURN_IF_ERROR(run.Run());
  }
  BC_RETURN_IF_ERROR(AppendHistory(db_, expired, now));
  BC_RETURN_IF_ERROR(InChunks(keys.size(), [&](size_t first, size_t n) -> Status {
    BC_ASSIGN_OR_RETURN(
        Statement upsert,
        db_.Prepare("INSERT INTO claims (table_name, game_date, worker_id, host, pid, "
                    "claimed_at, heartbeat, expiry) VALUES " + ValuesList(n, 8) +
                    " ON CONFLICT (table_name, game_date) DO UPDATE SET worker_id = "
                    "excluded.worker_id, host = excluded.host, pid = excluded.pid, claimed_at = "
                    "excluded.claimed_at, heartbeat = excluded.heartbeat, expiry = "
                    "excluded.expiry"));
    for (size_t i = first, k = 0; i < first + n; ++i, k += 8) {
      const int c = static_cast<int>(k);
      upsert.Bind(c + 1, keys[i]->table).Bind(c + 2, keys[i]->date);
      upsert.Bind(c + 3, worker.worker_id).Bind(c + 4, worker.host).Bind(c + 5, worker.pid);
      upsert.Bind(c + 6, now).Bind(c + 7, now).Bind(c + 8, worker.expiry_ms);
    }
    return upsert.Run();
  }));
  BC_RETURN_IF_ERROR(txn.Commit());
  return attempt;
}

Status ClaimStore::Finish(const WorkerIdentity& worker,
                          const std::vector<FinishedClaim>& finished, int64_t now) {
  // The queue rows first, then the claim rows: the order claimers lock them in.
  std::map<PartitionStatus, std::vector<const QueuedPartition*>> by_status;
  std::vector<const QueuedPartition*> keys;
  for (const FinishedClaim& f : finished) {
    by_status[f.status].push_back(&f.claim->partition);
    keys.push_back(&f.claim->partition);
  }
  for (const auto& [status, partitions] : by_status) {
    BC_RETURN_IF_ERROR(InChunks(partitions.size(), [&](size_t first, size_t n) -> Status {
      BC_ASSIGN_OR_RETURN(Statement done,
                          db_.Prepare("UPDATE partition_queue SET outcome = ? WHERE "
                                      "(table_name, game_date) IN (VALUES " +
                                      ValuesList(n, 2) + ")"));
      done.Bind(1, ToString(status));
      BindKeys(done, 2, partitions, first, n);
      return done.Run();
    }));
  }
  BC_ASSIGN_OR_RETURN(auto holders, Holders(keys));
  std::vector<HistoryEntry> history;
  for (const FinishedClaim& f : finished) {
    const QueuedPartition& p = f.claim->partition;
    auto held = holders.find({p.table, p.date});
    if (held == holders.end() || held->second.worker_id != worker.worker_id) {
      const auto by = held == holders.end()
                          ? std::string("another worker")
                          : fmt::format("worker {} (pid {} on {})", held->second.worker_id,
                                        held->second.pid, held->second.host);
      return Fail(ErrorKind::kNotFound,
                  fmt::format("lost the claim on {} {}: it expired and {} took it over; this "
                              "worker's build is discarded",
                              p.table, p.date, by));
    }
    history.push_back({HolderOf(worker, f.claim->claimed_at), &p, ToString(f.status)});
  }
  BC_RETURN_IF_ERROR(DropClaims(db_, worker.worker_id, keys));
  return AppendHistory(db_, history, now);
}

Status ClaimStore::Release(const WorkerIdentity& worker, const Claim& claim, int64_t now) {
  BC_RETURN_IF_ERROR(DropClaims(db_, worker.worker_id, {&claim.partition}));
  return AppendHistory(db_, {{HolderOf(worker, claim.claimed_at), &claim.partition, "released"}},
                       now);
}

Status ClaimStore::RegisterWorker(const WorkerIdentity& w, int64_t now) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("INSERT INTO workers (worker_id, host, pid, started_at, "
                                  "heartbeat, expiry) VALUES (?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, w.worker_id).Bind(2, w.host).Bind(3, w.pid).Bind(4, now).Bind(5, now);
  stmt.Bind(6, w.expiry_ms);
  return stmt.Run();
}

Result<int64_t> ClaimStore::DatabaseMillis() {
  return db_.QueryInt(db_.dialect() == Dialect::kPostgres
                          ? "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                          : "SELECT CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)");
}

Status ClaimStore::Heartbeat(int64_t worker_id, int64_t now) {
  for (const char* table : {"workers", "claims"}) {
    BC_ASSIGN_OR_RETURN(Statement stmt,
                        db_.Prepare(fmt::format("UPDATE {} SET heartbeat = ? WHERE worker_id = ?",
                                                table)));
    stmt.Bind(1, now).Bind(2, worker_id);
    BC_RETURN_IF_ERROR(stmt.Run());
  }
  return {};
}

Status ClaimStore::FinishWorker(int64_t worker_id, int64_t now) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("UPDATE workers SET finished_at = ? WHERE worker_id = ?"));
  stmt.Bind(1, now).Bind(2, worker_id);
  return stmt.Run();
}

Result<std::vector<WorkerRow>> ClaimStore::Workers() {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT worker_id, host, pid, expiry, started_at, heartbeat "
                                  "FROM workers WHERE finished_at IS NULL ORDER BY worker_id"));
  std::vector<WorkerRow> rows;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return rows;
    rows.push_back({{stmt.Int(0), stmt.Text(1), stmt.Int(2), stmt.Int(3)}, stmt.Int(4),
                    stmt.Int(5)});
  }
}

Result<std::vector<LiveClaim>> ClaimStore::Claims() {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT table_name, game_date, worker_id, host, pid, "
                                  "claimed_at, heartbeat, expiry FROM claims ORDER BY "
                                  "worker_id, game_date, table_name"));
  std::vector<LiveClaim> claims;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return claims;
    claims.push_back({stmt.Text(0), stmt.Text(1),
                      {stmt.Int(2), stmt.Text(3), stmt.Int(4), stmt.Int(5), stmt.Int(6),
                       stmt.Int(7)}});
  }
}

Result<std::vector<ClaimHistoryRow>> ClaimStore::History() {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT worker_id, host, pid, table_name, game_date, "
                                  "claimed_at, finished_at, outcome FROM claim_history ORDER BY "
                                  "table_name, game_date, claimed_at"));
  std::vector<ClaimHistoryRow> rows;
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return rows;
    rows.push_back({stmt.Int(0), stmt.Text(1), stmt.Int(2), stmt.Text(3), stmt.Text(4),
                    stmt.Int(5), stmt.Int(6), stmt.Text(7)});
  }
}

}  // namespace backcourt
