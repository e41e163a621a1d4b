#include "store/claim_store.h"

#include <fmt/format.h>

namespace backcourt {
namespace {

// A queued partition is runnable when it is not finished and none of the queued partitions
// it reads is unfinished.
constexpr const char* kRunnable =
    "q.outcome IS NULL AND NOT EXISTS (SELECT 1 FROM partition_queue_deps d JOIN "
    "partition_queue u ON u.table_name = d.dep_table AND u.game_date = d.dep_date WHERE "
    "d.table_name = q.table_name AND d.game_date = q.game_date AND u.outcome IS NULL)";

// SQLite: run inside BEGIN IMMEDIATE, which already excludes every other writer, so the
// first runnable partition without a live claim is ours to take.
const std::string kSqliteCandidate = fmt::format(
    "SELECT q.table_name, q.game_date, q.action, q.why FROM partition_queue q LEFT JOIN "
    "claims c ON c.table_name = q.table_name AND c.game_date = q.game_date WHERE {} AND "
    "(c.worker_id IS NULL OR c.heartbeat + c.expiry < ?) ORDER BY q.position LIMIT 1",
    kRunnable);

// PostgreSQL: claimers run concurrently. The queue row is locked for the transaction, and
// rows another claimer has locked are skipped rather than waited for, so two claimers
// never take the same partition and never queue behind each other. The claim row is then
// upserted in the same transaction (the lock on the queue row makes that safe).
const std::string kSkipLockedCandidate = fmt::format(
    "SELECT q.table_name, q.game_date, q.action, q.why FROM partition_queue q WHERE {} AND "
    "NOT EXISTS (SELECT 1 FROM claims c WHERE c.table_name = q.table_name AND c.game_date = "
    "q.game_date AND c.heartbeat + c.expiry >= ?) ORDER BY q.position LIMIT 1 "
    "FOR UPDATE OF q SKIP LOCKED",
    kRunnable);

Status AppendHistory(Db& db, const ClaimHolder& h, const std::string& table,
                     const std::string& date, int64_t finished_at, std::string_view outcome) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("INSERT INTO claim_history (worker_id, host, pid, table_name, "
                                 "game_date, claimed_at, finished_at, outcome) VALUES "
                                 "(?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, h.worker_id).Bind(2, h.host).Bind(3, h.pid).Bind(4, table).Bind(5, date);
  stmt.Bind(6, h.claimed_at).Bind(7, finished_at).Bind(8, outcome);
  return stmt.Run();
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
  BC_ASSIGN_OR_RETURN(Statement queue,
                      db_.Prepare("INSERT INTO partition_queue (table_name, game_date, position, "
                                  "action, why, run_id) VALUES (?, ?, ?, ?, ?, ?)"));
  int64_t position = 0;
  for (const QueuedPartition& p : partitions) {
    queue.Bind(1, p.table).Bind(2, p.date).Bind(3, position++);
    queue.Bind(4, p.no_games ? "no_games" : "run").Bind(5, p.why).Bind(6, run_id);
    BC_RETURN_IF_ERROR(queue.Run());
  }
  BC_ASSIGN_OR_RETURN(Statement dep,
                      db_.Prepare("INSERT INTO partition_queue_deps (table_name, game_date, "
                                  "dep_table, dep_date) VALUES (?, ?, ?, ?)"));
  for (const QueueDependency& d : deps) {
    dep.Bind(1, d.table).Bind(2, d.date).Bind(3, d.dep_table).Bind(4, d.dep_date);
    BC_RETURN_IF_ERROR(dep.Run());
  }
  BC_ASSIGN_OR_RETURN(Statement read,
                      db_.Prepare("INSERT INTO partition_queue_outside (table_name, game_date, "
                                  "why) VALUES (?, ?, ?)"));
  for (const OutsideRead& o : outside) {
    read.Bind(1, o.table).Bind(2, o.date).Bind(3, o.why);
    BC_RETURN_IF_ERROR(read.Run());
  }
  return {};
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

Result<std::optional<ClaimHolder>> ClaimStore::Holder(const std::string& table,
                                                      const std::string& date) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT worker_id, host, pid, claimed_at, heartbeat, expiry "
                                  "FROM claims WHERE table_name = ? AND game_date = ?"));
  stmt.Bind(1, table).Bind(2, date);
  BC_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<ClaimHolder>();
  return std::optional<ClaimHolder>(ClaimHolder{stmt.Int(0), stmt.Text(1), stmt.Int(2),
                                                stmt.Int(3), stmt.Int(4), stmt.Int(5)});
}

Result<std::optional<Claim>> ClaimStore::ClaimNext(const WorkerIdentity& worker, int64_t now) {
  const bool skip_locked = db_.dialect() == Dialect::kPostgres;
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  Claim claim;
  {
    BC_ASSIGN_OR_RETURN(Statement candidate,
                        db_.Prepare(skip_locked ? kSkipLockedCandidate : kSqliteCandidate));
    candidate.Bind(1, now);
    BC_ASSIGN_OR_RETURN(bool found, candidate.Step());
    if (!found) return std::optional<Claim>();  // rolls back: nothing written
    claim.partition = {candidate.Text(0), candidate.Text(1), candidate.Text(2) == "no_games",
                       candidate.Text(3)};
  }
  const QueuedPartition& p = claim.partition;
  BC_ASSIGN_OR_RETURN(claim.taken_from, Holder(p.table, p.date));
  if (claim.taken_from) {
    // The holder stopped beating: its claim ends now, and its run with it.
    BC_RETURN_IF_ERROR(AppendHistory(db_, *claim.taken_from, p.table, p.date, now, "expired"));
    BC_ASSIGN_OR_RETURN(Statement run,
                        db_.Prepare("UPDATE runs SET outcome = 'interrupted' WHERE run_id = ? "
                                    "AND (outcome IS NULL OR outcome = 'running')"));
    run.Bind(1, claim.taken_from->worker_id);
    BC_RETURN_IF_ERROR(run.Run());
  }
  BC_ASSIGN_OR_RETURN(
      Statement upsert,
      db_.Prepare("INSERT INTO claims (table_name, game_date, worker_id, host, pid, claimed_at, "
                  "heartbeat, expiry) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (table_name, "
                  "game_date) DO UPDATE SET worker_id = excluded.worker_id, host = "
                  "excluded.host, pid = excluded.pid, claimed_at = excluded.claimed_at, "
                  "heartbeat = excluded.heartbeat, expiry = excluded.expiry"));
  upsert.Bind(1, p.table).Bind(2, p.date).Bind(3, worker.worker_id).Bind(4, worker.host);
  upsert.Bind(5, worker.pid).Bind(6, now).Bind(7, now).Bind(8, worker.expiry_ms);
  BC_RETURN_IF_ERROR(upsert.Run());
  BC_RETURN_IF_ERROR(txn.Commit());
  claim.claimed_at = now;
  return std::optional<Claim>(std::move(claim));
}

Status ClaimStore::Finish(const WorkerIdentity& worker, const Claim& claim,
                          PartitionStatus status, int64_t now) {
  const QueuedPartition& p = claim.partition;
  BC_ASSIGN_OR_RETURN(auto holder, Holder(p.table, p.date));
  if (!holder || holder->worker_id != worker.worker_id) {
    return Fail(ErrorKind::kNotFound,
                fmt::format("lost the claim on {} {}: it expired and {} took it over; this "
                            "worker's build is discarded",
                            p.table, p.date,
                            holder ? fmt::format("worker {} (pid {} on {})", holder->worker_id,
                                                 holder->pid, holder->host)
                                   : std::string("another worker")));
  }
  BC_ASSIGN_OR_RETURN(Statement done, db_.Prepare("UPDATE partition_queue SET outcome = ? WHERE "
                                                  "table_name = ? AND game_date = ?"));
  done.Bind(1, ToString(status)).Bind(2, p.table).Bind(3, p.date);
  BC_RETURN_IF_ERROR(done.Run());
  return Release(worker, claim, now, ToString(status));
}

Status ClaimStore::Release(const WorkerIdentity& worker, const Claim& claim, int64_t now) {
  return Release(worker, claim, now, "released");
}

Status ClaimStore::Release(const WorkerIdentity& worker, const Claim& claim, int64_t now,
                           std::string_view outcome) {
  const QueuedPartition& p = claim.partition;
  BC_ASSIGN_OR_RETURN(Statement drop, db_.Prepare("DELETE FROM claims WHERE table_name = ? AND "
                                                  "game_date = ? AND worker_id = ?"));
  drop.Bind(1, p.table).Bind(2, p.date).Bind(3, worker.worker_id);
  BC_RETURN_IF_ERROR(drop.Run());
  return AppendHistory(db_, HolderOf(worker, claim.claimed_at), p.table, p.date, now, outcome);
}

Status ClaimStore::RegisterWorker(const WorkerIdentity& w, int64_t now) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("INSERT INTO workers (worker_id, host, pid, started_at, "
                                  "heartbeat, expiry) VALUES (?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, w.worker_id).Bind(2, w.host).Bind(3, w.pid).Bind(4, now).Bind(5, now);
  stmt.Bind(6, w.expiry_ms);
  return stmt.Run();
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
