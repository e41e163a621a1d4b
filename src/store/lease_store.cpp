#include "store/lease_store.h"

#include "store/partition_store.h"

namespace backcourt {

Result<std::optional<LeaseHolder>> LeaseStore::Holder() {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT pid, host, heartbeat, command FROM leases "
                                  "WHERE name = 'backfill'"));
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return std::optional<LeaseHolder>();
  return std::optional<LeaseHolder>(
      LeaseHolder{stmt.Int(0), stmt.Text(1), stmt.Int(2), stmt.Text(3)});
}

Status LeaseStore::Take(const LeaseHolder& h) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("INSERT INTO leases (name, pid, host, heartbeat, command) "
                                  "VALUES ('backfill', ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE "
                                  "SET pid = excluded.pid, host = excluded.host, heartbeat = "
                                  "excluded.heartbeat, command = excluded.command"));
  stmt.Bind(1, h.pid).Bind(2, h.host).Bind(3, h.heartbeat).Bind(4, h.command);
  return stmt.Run();
}

Status LeaseStore::Heartbeat(int64_t pid, const std::string& host, int64_t now) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("UPDATE leases SET heartbeat = ? WHERE name = 'backfill' AND "
                                  "pid = ? AND host = ?"));
  stmt.Bind(1, now).Bind(2, pid).Bind(3, host);
  return stmt.Run();
}

Result<int64_t> LeaseStore::CloseRunningRuns(const std::string& outcome) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("UPDATE runs SET outcome = ?, finished_at = ? WHERE command = "
                                  "'backfill' AND (outcome IS NULL OR outcome = 'running')"));
  stmt.Bind(1, outcome).Bind(2, UtcNow());
  BC_RETURN_IF_ERROR(stmt.Run());
  return stmt.Changes();
}

Status LeaseStore::Release(int64_t pid, const std::string& host) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("DELETE FROM leases WHERE name = 'backfill' AND pid = ? AND "
                                  "host = ?"));
  stmt.Bind(1, pid).Bind(2, host);
  return stmt.Run();
}

}  // namespace backcourt
