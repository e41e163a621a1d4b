#include "store/schema.h"

#include <fmt/format.h>

#include <filesystem>
#include <iterator>
#include <string_view>
#include <utility>

#include "store/ddl.h"
#include "store/resolved_store.h"

namespace backcourt {

const Table<ScheduleRow>& ScheduleTable() {
  using R = ScheduleRow;
  static const Table<R> table{
      "schedule",
      {Col("game_id", &R::game_id), Col("game_date", &R::game_date), Col("season", &R::season),
       Col("game_type", &R::game_type), Col("home_team", &R::home_team),
       Col("away_team", &R::away_team), Col("status", &R::status),
       Col("neutral_site", &R::neutral_site), Col("home_points", &R::home_points),
       Col("away_points", &R::away_points), Col("source", &R::source), Col("line", &R::line)},
      {"game_id", "file_id"},
      {"CREATE INDEX IF NOT EXISTS schedule_date ON schedule (game_date)"}};
  return table;
}

namespace {
template <class R>
void AddBoxStats(std::vector<Field<R>>& fields) {
  fields.push_back(Col("pts", &R::stats, &BoxStats::pts));
  fields.push_back(Col("fgm", &R::stats, &BoxStats::fgm));
  fields.push_back(Col("fga", &R::stats, &BoxStats::fga));
  fields.push_back(Col("fg3m", &R::stats, &BoxStats::fg3m));
  fields.push_back(Col("fg3a", &R::stats, &BoxStats::fg3a));
  fields.push_back(Col("ftm", &R::stats, &BoxStats::ftm));
  fields.push_back(Col("fta", &R::stats, &BoxStats::fta));
  fields.push_back(Col("oreb", &R::stats, &BoxStats::oreb));
  fields.push_back(Col("dreb", &R::stats, &BoxStats::dreb));
  fields.push_back(Col("reb", &R::stats, &BoxStats::reb));
  fields.push_back(Col("ast", &R::stats, &BoxStats::ast));
  fields.push_back(Col("stl", &R::stats, &BoxStats::stl));
  fields.push_back(Col("blk", &R::stats, &BoxStats::blk));
  fields.push_back(Col("tov", &R::stats, &BoxStats::tov));
  fields.push_back(Col("pf", &R::stats, &BoxStats::pf));
  fields.push_back(Col("plus_minus", &R::stats, &BoxStats::plus_minus));
}
}  // namespace

const Table<TeamBoxRow>& RawTeamBoxTable() {
  using R = TeamBoxRow;
  static const Table<R> table = [] {
    std::vector<Field<R>> fields = {
        Col("source", &R::source),     Col("line", &R::line),
        Col("game_id", &R::game_id),   Col("game_date", &R::game_date),
        Col("team", &R::team),         Col("opponent", &R::opponent),
        Col("is_home", &R::is_home),   Col("minutes", &R::minutes),
        Col("possessions", &R::possessions), Col("tov_basis", &R::tov_basis)};
    AddBoxStats(fields);
    return Table<R>{"raw_team_box", std::move(fields), {},
                    {"CREATE INDEX IF NOT EXISTS raw_team_box_file ON raw_team_box (file_id)"}};
  }();
  return table;
}

const Table<PlayerBoxRow>& RawPlayerBoxTable() {
  using R = PlayerBoxRow;
  static const Table<R> table = [] {
    std::vector<Field<R>> fields = {
        Col("source", &R::source),         Col("line", &R::line),
        Col("game_id", &R::game_id),       Col("game_date", &R::game_date),
        Col("team", &R::team),             Col("opponent", &R::opponent),
        Col("is_home", &R::is_home),       Col("player_id", &R::player_id),
        Col("player_name", &R::player_name), Col("status", &R::status),
        Col("dnp_reason", &R::dnp_reason), Col("starter", &R::starter),
        Col("minutes", &R::minutes),       Col("has_shooting", &R::has_shooting)};
    AddBoxStats(fields);
    return Table<R>{
        "raw_player_box", std::move(fields), {},
        {"CREATE INDEX IF NOT EXISTS raw_player_box_file ON raw_player_box (file_id)"}};
  }();
  return table;
}

const Table<RejectRow>& RawRejectsTable() {
  using R = RejectRow;
  static const Table<R> table{
      "raw_rejects",
      {Col("line", &R::line), Col("reason", &R::reason), Col("content", &R::content)},
      {},
      {"CREATE INDEX IF NOT EXISTS raw_rejects_file ON raw_rejects (file_id)"}};
  return table;
}

const Table<OddsEventRow>& RawOddsEventsTable() {
  using R = OddsEventRow;
  static const Table<R> table{
      "raw_odds_events",
      {Col("source", &R::source), Col("line", &R::line), Col("event_id", &R::event_id),
       Col("game_date", &R::game_date), Col("commence_time", &R::commence_time),
       Col("home_team", &R::home_team), Col("away_team", &R::away_team),
       Col("captured_at", &R::captured_at), Col("capture_basis", &R::capture_basis)},
      {},
      {"CREATE INDEX IF NOT EXISTS raw_odds_events_file ON raw_odds_events (file_id)",
       "CREATE INDEX IF NOT EXISTS raw_odds_events_date ON raw_odds_events (game_date)"}};
  return table;
}

const Table<PropLineRow>& RawPropLinesTable() {
  using R = PropLineRow;
  static const Table<R> table{
      "raw_prop_lines",
      {Col("source", &R::source), Col("line", &R::line), Col("event_id", &R::event_id),
       Col("game_date", &R::game_date), Col("commence_time", &R::commence_time),
       Col("home_team", &R::home_team), Col("away_team", &R::away_team),
       Col("bookmaker", &R::bookmaker), Col("line_kind", &R::line_kind), Col("market", &R::market),
       Col("player_name", &R::player_name), Col("name_key", &R::name_key), Col("point", &R::point),
       Col("over_price", &R::over_price), Col("under_price", &R::under_price),
       Col("price_format", &R::price_format), Col("captured_at", &R::captured_at),
       Col("capture_basis", &R::capture_basis)},
      {},
      {"CREATE INDEX IF NOT EXISTS raw_prop_lines_file ON raw_prop_lines (file_id)",
       "CREATE INDEX IF NOT EXISTS raw_prop_lines_date ON raw_prop_lines (game_date, name_key)"}};
  return table;
}

const Table<GameLineRow>& RawGameLinesTable() {
  using R = GameLineRow;
  static const Table<R> table{
      "raw_game_lines",
      {Col("source", &R::source), Col("line", &R::line), Col("event_id", &R::event_id),
       Col("game_date", &R::game_date), Col("commence_time", &R::commence_time),
       Col("home_team", &R::home_team), Col("away_team", &R::away_team),
       Col("bookmaker", &R::bookmaker), Col("market", &R::market), Col("point", &R::point),
       Col("home_price", &R::home_price), Col("away_price", &R::away_price),
       Col("over_price", &R::over_price), Col("under_price", &R::under_price),
       Col("price_format", &R::price_format), Col("captured_at", &R::captured_at),
       Col("capture_basis", &R::capture_basis)},
      {},
      {"CREATE INDEX IF NOT EXISTS raw_game_lines_file ON raw_game_lines (file_id)",
       "CREATE INDEX IF NOT EXISTS raw_game_lines_date ON raw_game_lines (game_date)"}};
  return table;
}

const Table<InjuryReportRow>& RawInjuryReportsTable() {
  using R = InjuryReportRow;
  static const Table<R> table{
      "raw_injury_reports",
      {Col("source", &R::source), Col("line", &R::line), Col("page", &R::page),
       Col("report_time_utc", &R::report_time_utc), Col("report_time_et", &R::report_time_et),
       Col("report_time_note", &R::report_time_note), Col("game_date", &R::game_date),
       Col("game_time_et", &R::game_time_et), Col("tip_time_utc", &R::tip_time_utc),
       Col("matchup", &R::matchup), Col("away_team", &R::away_team),
       Col("home_team", &R::home_team), Col("team", &R::team), Col("team_name", &R::team_name),
       Col("player_name", &R::player_name), Col("player_name_key", &R::player_name_key),
       Col("status", &R::status), Col("reason", &R::reason)},
      {},
      {"CREATE INDEX IF NOT EXISTS raw_injury_reports_file ON raw_injury_reports (file_id)",
       "CREATE INDEX IF NOT EXISTS raw_injury_reports_date ON raw_injury_reports "
       "(game_date, team, report_time_utc)"}};
  return table;
}

const std::vector<ExtraColumn>& FileIdColumn() {
  static const std::vector<ExtraColumn> columns = {{"file_id", ColumnType::kInteger}};
  return columns;
}

namespace {

// The raw box-score tables' date indexes (migration 5), by name.
constexpr std::pair<std::string_view, std::string_view> kRawDateIndexes[] = {
    {"raw_team_box_date", "CREATE INDEX IF NOT EXISTS raw_team_box_date ON raw_team_box "
                          "(game_date, game_id);"},
    {"raw_player_box_date", "CREATE INDEX IF NOT EXISTS raw_player_box_date ON raw_player_box "
                            "(game_date, game_id);"},
};

std::string RawDateIndexesSql() {
  std::string sql;
  for (const auto& [name, create] : kRawDateIndexes) sql += create;
  return sql;
}

std::vector<std::string> Migrations() {
  return {
      // 1: raw tables and engine tables.
      std::string(R"sql(
CREATE TABLE raw_files (
  file_id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  rows_loaded INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  ingested_at TEXT NOT NULL);
CREATE INDEX raw_files_sha ON raw_files (sha256);
CREATE TABLE partitions (
  table_name TEXT NOT NULL,
  game_date TEXT NOT NULL,
  status TEXT NOT NULL,
  processor_version TEXT,
  input_fingerprint TEXT,
  data_version TEXT,
  rows INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  started_at TEXT,
  finished_at TEXT,
  run_id INTEGER,
  PRIMARY KEY (table_name, game_date));
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  command TEXT NOT NULL,
  arguments TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT,
  code_version TEXT NOT NULL);
)sql") + CreateTableSql(ScheduleTable(), FileIdColumn()) +
          CreateTableSql(RawTeamBoxTable(), FileIdColumn()) +
          CreateTableSql(RawPlayerBoxTable(), FileIdColumn()) +
          CreateTableSql(RawRejectsTable(), FileIdColumn()),
      // 2: the backfill lease (one writer per database), and per-file hashes of the raw rows
      // of each date (or of each game id, for sources without dates), which give raw-fed
      // partitions their input fingerprint without reading the rows.
      R"sql(
CREATE TABLE raw_date_hashes (
  file_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (file_id, key));
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  heartbeat INTEGER NOT NULL,
  command TEXT NOT NULL);
)sql",
      // 3: trained models and their predictions.
      R"sql(
CREATE TABLE model_runs (
  model_id INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  model_path TEXT NOT NULL,
  target TEXT NOT NULL,
  features TEXT NOT NULL,
  train_start TEXT NOT NULL,
  train_end TEXT NOT NULL,
  validation_start TEXT NOT NULL,
  test_start TEXT NOT NULL,
  test_end TEXT NOT NULL,
  parameters TEXT NOT NULL,
  code_version TEXT NOT NULL,
  results TEXT NOT NULL);
CREATE TABLE predictions (
  model_id INTEGER NOT NULL,
  game_date TEXT NOT NULL,
  game_id TEXT NOT NULL,
  player_key TEXT NOT NULL,
  player_name TEXT NOT NULL,
  team TEXT NOT NULL,
  opponent TEXT NOT NULL,
  predicted_points REAL NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (model_id, game_id, player_key));
CREATE INDEX predictions_date ON predictions (game_date);
)sql",
      // 4: validation results, one row per check and run (game_date NULL: the whole range)
      // plus one per failing date. "check" is an SQL keyword, hence the quotes.
      R"sql(
CREATE TABLE check_results (
  run_id INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  game_date TEXT,
  "check" TEXT NOT NULL,
  severity TEXT NOT NULL,
  passed INTEGER NOT NULL,
  observed TEXT NOT NULL,
  expected TEXT NOT NULL,
  message TEXT NOT NULL);
CREATE INDEX check_results_run ON check_results (run_id);
)sql",
      // 5: raw rows by date and game id. A backfill reads one season at a time, and the rows
      // of sources without dates by the schedule's game ids; without these, each season's
      // read scanned every raw row (quadratic in seasons: 26 seasons spent 11 s on it).
      RawDateIndexesSql(),
      // 6: the games (and teams) a partition could not build, with why, written in the
      // partition's transaction: a missing game is a listed gap, never a failed date.
      R"sql(
CREATE TABLE partition_gaps (
  table_name TEXT NOT NULL,
  game_date TEXT NOT NULL,
  game_id TEXT NOT NULL,
  team TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (table_name, game_date, game_id, team));
)sql",
      // 7: betting lines (issue 14): events, player prop lines and game lines, every snapshot
      // with its capture time, and the records a file deliberately did not keep (markets
      // other than those read), counted per kind.
      CreateTableSql(RawOddsEventsTable(), FileIdColumn()) +
          CreateTableSql(RawPropLinesTable(), FileIdColumn()) +
          CreateTableSql(RawGameLinesTable(), FileIdColumn()) + R"sql(
CREATE TABLE raw_skips (
  file_id INTEGER NOT NULL,
  what TEXT NOT NULL,
  rows INTEGER NOT NULL,
  PRIMARY KEY (file_id, what));
)sql",
      // 8: injury reports (issue 15): the league's injury reports,
      // every report kept, one row per listed player or not-submitted team.
      CreateTableSql(RawInjuryReportsTable(), FileIdColumn()),
      // 9: graded predictions (issue 14): the line a prediction was made against (consensus
      // main line, edge = prediction - line, side OVER/UNDER/PASS, the best price for that
      // side and its book, the line's kind and capture time), and, once the game is played,
      // the actual points and the result (win, loss, push; NULL: not graded or no bet).
      R"sql(
ALTER TABLE predictions ADD COLUMN line REAL;
ALTER TABLE predictions ADD COLUMN edge REAL;
ALTER TABLE predictions ADD COLUMN side TEXT;
ALTER TABLE predictions ADD COLUMN price REAL;
ALTER TABLE predictions ADD COLUMN book TEXT;
ALTER TABLE predictions ADD COLUMN line_kind TEXT;
ALTER TABLE predictions ADD COLUMN line_captured_at TEXT;
ALTER TABLE predictions ADD COLUMN actual_points REAL;
ALTER TABLE predictions ADD COLUMN result TEXT;
ALTER TABLE predictions ADD COLUMN graded_at TEXT;
)sql",
      // 10: the resolved schedule (issue 16): the games identity resolution placed each
      // season's raw rows in, and the fingerprint of those rows, so the date catalog,
      // validation and predict read the builds' one answer instead of resolving again.
      ResolvedTablesSql(),
      // 11: workers on several processes or hosts (issue 18). `backfill --queue` records the
      // runnable partitions in plan order with the queued partitions each reads, and the
      // stale reads outside the queue (which block their readers). `worker` processes claim
      // one partition at a time: a claim names the worker (its runs row), host and pid and
      // is refreshed by the worker's heartbeat; one whose heartbeat is older than its expiry
      // is taken over. claim_history is append only. Times are unix milliseconds.
      R"sql(
CREATE TABLE partition_queue (
  table_name TEXT NOT NULL,
  game_date TEXT NOT NULL,
  position INTEGER NOT NULL,
  action TEXT NOT NULL,
  why TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  outcome TEXT,
  PRIMARY KEY (table_name, game_date));
CREATE INDEX partition_queue_open ON partition_queue (outcome, position);
CREATE TABLE partition_queue_deps (
  table_name TEXT NOT NULL,
  game_date TEXT NOT NULL,
  dep_table TEXT NOT NULL,
  dep_date TEXT NOT NULL,
  PRIMARY KEY (table_name, game_date, dep_table, dep_date));
CREATE TABLE partition_queue_outside (
  table_name TEXT NOT NULL,
  game_date TEXT NOT NULL,
  why TEXT NOT NULL,
  PRIMARY KEY (table_name, game_date));
CREATE TABLE workers (
  worker_id INTEGER PRIMARY KEY,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  heartbeat INTEGER NOT NULL,
  expiry INTEGER NOT NULL,
  finished_at INTEGER);
CREATE TABLE claims (
  table_name TEXT NOT NULL,
  game_date TEXT NOT NULL,
  worker_id INTEGER NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  heartbeat INTEGER NOT NULL,
  expiry INTEGER NOT NULL,
  PRIMARY KEY (table_name, game_date));
CREATE TABLE claim_history (
  worker_id INTEGER NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  game_date TEXT NOT NULL,
  claimed_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  outcome TEXT NOT NULL);
CREATE INDEX claim_history_partition ON claim_history (table_name, game_date);
)sql",
      // 12: validation results kept for reuse: a backfill with nothing to do validates the
      // same inputs again, so it reuses the result stored under their fingerprint
      // (validate/validate.h) instead of reading every row of the range once more.
      R"sql(
CREATE TABLE validation_results (
  inputs_key TEXT PRIMARY KEY,
  run_id INTEGER NOT NULL,
  result TEXT NOT NULL,
  stored_at TEXT NOT NULL);
)sql",
      // 13: a queued partition's dependencies as ranges of queued dates: a feature date
      // reads every earlier date of its season in six tables, which made 866k rows over the
      // full range and a claim that PostgreSQL planned as a hash join over all of them
      // (0.25-0.8 s per claim). A range is checked with one probe of the unfinished-rows
      // index; the head of the queue is read in plan order from a partial index (PostgreSQL
      // does not order by `position` through an (outcome, position) index). The queue is
      // emptied (queue again with `backfill --queue`).
      R"sql(
DELETE FROM partition_queue;
DELETE FROM claims;
DROP TABLE partition_queue_deps;
CREATE TABLE partition_queue_deps (
  table_name TEXT NOT NULL,
  game_date TEXT NOT NULL,
  dep_table TEXT NOT NULL,
  dep_from TEXT NOT NULL,
  dep_to TEXT NOT NULL,
  PRIMARY KEY (table_name, game_date, dep_table, dep_from));
CREATE INDEX partition_queue_unfinished ON partition_queue (table_name, game_date)
  WHERE outcome IS NULL;
DROP INDEX partition_queue_open;
CREATE INDEX partition_queue_head ON partition_queue (position) WHERE outcome IS NULL;
)sql",
      // 14: raw date hashes by key. Fingerprints read the keys of a window (dates, and the
      // game ids a season's schedule holds), which the (file_id, key) key cannot search:
      // every season's read scanned the whole table (26 seasons: 0.5 s per backfill).
      R"sql(
CREATE INDEX raw_date_hashes_key ON raw_date_hashes (key);
)sql",
  };
}

}  // namespace

Status DropRawDateIndexes(Db& db) {
  std::string sql;
  for (const auto& [name, create] : kRawDateIndexes) {
    sql += fmt::format("DROP INDEX IF EXISTS {};", name);
  }
  return db.Exec(sql);
}

Status CreateRawDateIndexes(Db& db) {
  // Looked up first: a database that has them (nearly always) is not written to.
  for (const auto& [name, create] : kRawDateIndexes) {
    BC_ASSIGN_OR_RETURN(bool present, db.IndexExists(name));
    if (!present) return db.Exec(RawDateIndexesSql());
  }
  return {};
}

// The advisory lock migrations take on PostgreSQL (any constant that other programs sharing
// the database are unlikely to use: "bckt" in ASCII).
constexpr int64_t kMigrationLock = 0x62636b74;

int CurrentSchemaVersion() { return static_cast<int>(Migrations().size()); }

Status Migrate(Db& db) {
  BC_ASSIGN_OR_RETURN(int64_t version, db.SchemaVersion());
  const std::vector<std::string> migrations = Migrations();
  if (version > static_cast<int64_t>(migrations.size())) {
    return Fail(ErrorKind::kInvalidInput,
                fmt::format("{}: schema version {} is newer than this backcourt ({})", db.name(),
                            version, migrations.size()));
  }
  if (version == static_cast<int64_t>(migrations.size())) return {};
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db));
  // Processes that open an older database at once (workers starting together) migrate one
  // after the other: SQLite's BEGIN IMMEDIATE already serializes them; on PostgreSQL a lock
  // held to the end of the transaction does. The version is then read again: the ones that
  // waited find the work done.
  if (db.dialect() == Dialect::kPostgres) {
    BC_RETURN_IF_ERROR(db.Exec(fmt::format("SELECT pg_advisory_xact_lock({})", kMigrationLock)));
  }
  BC_ASSIGN_OR_RETURN(version, db.SchemaVersion());
  if (version == static_cast<int64_t>(migrations.size())) return txn.Commit();
  for (size_t i = static_cast<size_t>(version); i < migrations.size(); ++i) {
    BC_RETURN_IF_ERROR(db.Exec(DialectDdl(migrations[i], db.dialect())));
  }
  BC_RETURN_IF_ERROR(db.SetSchemaVersion(static_cast<int64_t>(migrations.size())));
  return txn.Commit();
}

namespace {

// user_version 0 and tables present: some other program's database.
Status RefuseForeign(Db& db) {
  BC_ASSIGN_OR_RETURN(int64_t version, db.SchemaVersion());
  if (version != 0) return {};
  BC_ASSIGN_OR_RETURN(int64_t tables, db.SchemaObjectCount());
  if (tables == 0) return {};
  return InvalidInput(fmt::format(
      "{} is not a backcourt database (it holds {} other table(s) or index(es) and no backcourt "
      "schema version): pass the --db of a backcourt database, or a new path",
      db.name(), tables));
}

}  // namespace

Result<Db> OpenStore(const std::string& path) {
  BC_ASSIGN_OR_RETURN(Db db, Db::Open(path));
  BC_RETURN_IF_ERROR(RefuseForeign(db));
  BC_RETURN_IF_ERROR(Migrate(db));
  BC_RETURN_IF_ERROR(CreateRawDateIndexes(db));
  return db;
}

Result<Db> OpenStoreForReading(const std::string& path) {
  if (path != ":memory:" && !IsServerTarget(path) && !std::filesystem::exists(path)) {
    return Fail(ErrorKind::kNotFound,
                fmt::format("{}: no such database (read commands never create one): run "
                            "`backcourt ingest` first, or pass --db PATH",
                            path));
  }
  BC_ASSIGN_OR_RETURN(Db db, Db::OpenReadOnly(path));
  BC_RETURN_IF_ERROR(RefuseForeign(db));
  BC_ASSIGN_OR_RETURN(int64_t version, db.SchemaVersion());
  if (version == 0) {
    return InvalidInput(fmt::format(
        "{} is empty: no backcourt data yet (run `backcourt ingest` first)", db.name()));
  }
  if (version > CurrentSchemaVersion()) {
    return InvalidInput(fmt::format("{}: schema version {} is newer than this backcourt ({})",
                                    db.name(), version, CurrentSchemaVersion()));
  }
  if (version < CurrentSchemaVersion()) {
    return InvalidInput(fmt::format(
        "{}: schema version {} is older than this backcourt's ({}): run a writing command "
        "(`backcourt ingest` or `backcourt backfill`) once to migrate it; read commands never "
        "write",
        db.name(), version, CurrentSchemaVersion()));
  }
  return db;
}

}  // namespace backcourt
