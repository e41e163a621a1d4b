#include "store/validation_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "core/hash.h"
#include "store/ddl.h"
#include "store/partition_store.h"

namespace backcourt {
namespace {

// Table and column names are spliced into SQL: accept plain identifiers only.
Status CheckIdentifier(const std::string& name) {
  const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  if (plain) return {};
  return InvalidInput(fmt::format("not a table or column name: '{}'", name));
}

template <class Fill>
Status ForEachRow(Statement& stmt, Fill&& fill) {
  for (;;) {
    BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return {};
    fill(stmt);
  }
}

// Sums of one (game_id, team) over the rows of PlayerTeamGames' query.
struct PlayerAggregate {
  PlayerTeamGameFact fact;
  std::set<std::string> sources;
  std::vector<std::string> player_keys;
  bool points_null = false, tov_null = false, any_usage = false;
  int64_t points = 0, tov = 0;
  double usage_minutes = 0;

  void Add(const Statement& s) {
    ++fact.rows;
    player_keys.push_back(s.Text(2));
    if (s.Int(4) == 0) return;  // dnp and inactive rows count as rows only
    ++fact.active;
    const std::optional<double> minutes = s.OptReal(5);
    const bool shooting = s.Int(6) == 1;
    const std::optional<double> usage = s.OptReal(7);
    fact.minutes_present += minutes.has_value();
    const bool eligible = shooting && minutes && *minutes > 0;
    fact.usage_eligible += eligible;
    fact.usage_present += eligible && usage.has_value();
    fact.not_provided += !shooting;
    sources.insert(s.Text(8));
    Sum(s.OptInt(9), points, points_null);
    Sum(s.OptInt(10), tov, tov_null);
    if (usage && minutes) {
      usage_minutes += *usage * *minutes;
      any_usage = true;
    }
    const std::optional<double> team_minutes = s.OptReal(11);
    if (team_minutes && (!fact.team_minutes || *team_minutes > *fact.team_minutes)) {
      fact.team_minutes = team_minutes;
    }
  }

  static void Sum(const std::optional<int64_t>& value, int64_t& total, bool& null_seen) {
    if (value) {
      total += *value;
    } else {
      null_seen = true;
    }
  }

  PlayerTeamGameFact Finish() {
    fact.active_sources = static_cast<int64_t>(sources.size());
    fact.source = sources.empty() ? "" : *sources.begin();
    if (fact.active > 0 && !points_null) fact.points_sum = points;
    if (fact.active > 0 && !tov_null) fact.tov_sum = tov;
    if (any_usage) fact.usage_minutes = usage_minutes;
    return std::move(fact);
  }
};

// Keys (game_id, player_key) held by more than one row: both teams of a game together.
void FindDuplicatePlayers(std::vector<PlayerAggregate>& aggregates,
                          std::vector<DuplicateKeyFact>& duplicates) {
  std::map<std::string_view, std::vector<std::string_view>> by_game;
  for (const PlayerAggregate& a : aggregates) {
    auto& keys = by_game[a.fact.game_id];
    keys.insert(keys.end(), a.player_keys.begin(), a.player_keys.end());
  }
  for (const PlayerAggregate& a : aggregates) {
    auto it = by_game.find(a.fact.game_id);
    if (it == by_game.end()) continue;  // already examined through the other team
    std::vector<std::string_view>& keys = it->second;
    std::sort(keys.begin(), keys.end());
    for (size_t i = 0; i < keys.size();) {
      size_t j = i + 1;
      while (j < keys.size() && keys[j] == keys[i]) ++j;
      if (j - i > 1) {
        duplicates.push_back({a.fact.game_date, fmt::format("{} {}", a.fact.game_id, keys[i]),
                              static_cast<int64_t>(j - i)});
      }
      i = j;
    }
    by_game.erase(it);
  }
}

}  // namespace

Result<bool> ValidationStore::HasTable(const std::string& name) {
  return db_.TableExists(name);
}

Result<std::pair<std::string, std::string>> ValidationStore::CountingRange() {
  // Bounds only, from the raw rows: the caller resolves the seasons they span.
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT COALESCE(MIN(game_date), ''), COALESCE(MAX(game_date), '') "
                                  "FROM schedule WHERE status = 'final' AND game_type NOT IN "
                                  "('preseason', 'all_star')"));
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return std::pair<std::string, std::string>();
  return std::pair(stmt.Text(0), stmt.Text(1));
}

Result<std::vector<TeamRowFact>> ValidationStore::TeamRows(const std::string& table,
                                                           bool with_points,
                                                           const std::string& first,
                                                           const std::string& last) {
  BC_RETURN_IF_ERROR(CheckIdentifier(table));
  const std::string sql = fmt::format(
      "SELECT game_id, game_date, team, {}, pace, team_minutes, {} FROM {} "
      "WHERE game_date BETWEEN ? AND ? ORDER BY game_date, rowid",
      with_points ? "primary_source, points, fga, fta, tov" : "'', NULL, NULL, NULL, NULL",
      with_points ? "rebuilt_from_players" : "0", table);
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(sql));
  stmt.Bind(1, first).Bind(2, last);
  std::vector<TeamRowFact> rows;
  rows.reserve(1 << 14);  // about five seasons of team-games
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    rows.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.OptInt(4), s.OptInt(5),
                    s.OptInt(6), s.OptInt(7), s.OptReal(8), s.OptReal(9), s.Int(10) != 0});
  }));
  return rows;
}

Result<std::vector<PlayerTeamGameFact>> ValidationStore::PlayerTeamGames(
    const std::string& first, const std::string& last, std::vector<DuplicateKeyFact>& duplicates) {
  // "+game_date": a table scan, not the date index. Backfill validates its whole planned range,
  // nearly every row, and a row-by-row index walk with a rowid lookup each took twice as long.
  // Aggregated here rather than with GROUP BY: one scan without a sort is several times
  // faster on whole seasons, and it finds duplicate keys on the way.
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(fmt::format(R"sql(
SELECT game_id, team, player_key, game_date, status = 'active', minutes_played,
  shooting_provided, usage_rate, primary_source, points, tov, team_minutes
FROM player_game_summary WHERE {} BETWEEN ? AND ? ORDER BY rowid)sql",
      Unindexed("game_date", db_.dialect()))));
  stmt.Bind(1, first).Bind(2, last);
  // Sized for about five seasons of team-games: growing would move every aggregate.
  std::vector<PlayerAggregate> aggregates;
  aggregates.reserve(1 << 14);
  std::unordered_map<std::string, size_t> by_team_game;  // "game_id|team": short, no allocation
  by_team_game.reserve(1 << 14);
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    const std::string game_id = s.Text(0), team = s.Text(1);
    auto [it, added] = by_team_game.try_emplace(game_id + "|" + team, aggregates.size());
    if (added) {
      PlayerTeamGameFact& fact = aggregates.emplace_back().fact;
      fact.game_id = game_id, fact.game_date = s.Text(3), fact.team = team;
    }
    aggregates[it->second].Add(s);
  }));
  FindDuplicatePlayers(aggregates, duplicates);
  std::vector<PlayerTeamGameFact> facts;
  facts.reserve(aggregates.size());
  for (PlayerAggregate& a : aggregates) facts.push_back(a.Finish());
  std::sort(facts.begin(), facts.end(), [](const auto& a, const auto& b) {
    return std::tie(a.game_date, a.game_id, a.team) < std::tie(b.game_date, b.game_id, b.team);
  });
  return facts;
}

Result<std::pair<std::vector<PlayerMinutesFact>, int64_t>> ValidationStore::PlayerMinutesOutside(
    const std::string& first, const std::string& last, double lo, double hi, int limit) {
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(R"sql(
SELECT game_id, game_date, team, player_name, minutes_played, COUNT(*) OVER ()
FROM player_game_summary
WHERE game_date BETWEEN ?1 AND ?2 AND (minutes_played < ?3 OR minutes_played > ?4)
ORDER BY game_date, game_id, player_name LIMIT ?5)sql"));
  stmt.Bind(1, first).Bind(2, last).Bind(3, lo).Bind(4, hi).Bind(5, static_cast<int64_t>(limit));
  std::pair<std::vector<PlayerMinutesFact>, int64_t> out{{}, 0};
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    out.first.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Real(4)});
    out.second = s.Int(5);
  }));
  return out;
}

Result<std::pair<std::vector<PlayerMinutesFact>, int64_t>> ValidationStore::UnresolvedAvailability(
    const std::string& first, const std::string& last, int limit) {
  std::pair<std::vector<PlayerMinutesFact>, int64_t> out{{}, 0};
  BC_ASSIGN_OR_RETURN(bool has_table, db_.TableExists("player_availability"));
  if (!has_table) return out;
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(R"sql(
SELECT game_id, game_date, team, player_name, COUNT(*) OVER ()
FROM player_availability
WHERE game_date BETWEEN ?1 AND ?2 AND player_key LIKE 'name:%'
ORDER BY game_date, game_id, player_name LIMIT ?3)sql"));
  stmt.Bind(1, first).Bind(2, last).Bind(3, static_cast<int64_t>(limit));
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    out.first.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), 0});
    out.second = s.Int(4);
  }));
  return out;
}

Result<std::vector<DuplicateKeyFact>> ValidationStore::DuplicateKeys(
    const std::string& table, const std::vector<std::string>& key_columns, const std::string& first,
    const std::string& last) {
  BC_RETURN_IF_ERROR(CheckIdentifier(table));
  for (const std::string& column : key_columns) BC_RETURN_IF_ERROR(CheckIdentifier(column));
  const std::string keys = fmt::format("{}", fmt::join(key_columns, ", "));
  const std::string sql = fmt::format(
      "SELECT MIN(game_date), {}, COUNT(*) FROM {} WHERE game_date BETWEEN ? AND ? "
      "GROUP BY {} HAVING COUNT(*) > 1 ORDER BY 1",
      fmt::join(key_columns, " || ' ' || "), table, keys);
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(sql));
  stmt.Bind(1, first).Bind(2, last);
  std::vector<DuplicateKeyFact> facts;
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    facts.push_back({s.Text(0), s.Text(1), s.Int(2)});
  }));
  return facts;
}

Result<std::vector<LineFeatureCoverageFact>> ValidationStore::LineFeatureCoverage(
    const std::string& first, const std::string& last) {
  std::vector<LineFeatureCoverageFact> facts;
  BC_ASSIGN_OR_RETURN(std::vector<std::string> columns, db_.TableColumns("player_game_features"));
  const auto has = [&](std::string_view name) {
    return std::find(columns.begin(), columns.end(), name) != columns.end();
  };
  if (!has("game_total") || !has("player_line")) return facts;
  // A table scan ("+game_date") for the reason PlayerTeamGames gives.
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(fmt::format(R"sql(
SELECT season, COUNT(*), COUNT(game_total), COUNT(player_line) FROM player_game_features
WHERE {} BETWEEN ? AND ? GROUP BY season ORDER BY season)sql",
      Unindexed("game_date", db_.dialect()))));
  stmt.Bind(1, first).Bind(2, last);
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    facts.push_back({s.Text(0), s.Int(1), s.Int(2), s.Int(3)});
  }));
  return facts;
}

Result<std::vector<PartitionFact>> ValidationStore::Partitions(const std::string& first,
                                                               const std::string& last) {
  BC_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("SELECT table_name, game_date, status, "
                  "COALESCE(processor_version, ''), COALESCE(last_error, ''), "
                  "COALESCE(finished_at, '') FROM partitions "
                  "WHERE game_date BETWEEN ? AND ? ORDER BY table_name, game_date"));
  stmt.Bind(1, first).Bind(2, last);
  std::vector<PartitionFact> facts;
  std::string unknown;  // the first record with a status backcourt does not write
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    const auto status = ParsePartitionStatus(s.Text(2));
    if (!status && unknown.empty()) {
      unknown = fmt::format("partition {} {} has an unknown status '{}'", s.Text(0), s.Text(1),
                            s.Text(2));
    }
    facts.push_back({s.Text(0), s.Text(1), status.value_or(PartitionStatus::kPending), s.Text(3),
                     s.Text(4), s.Text(5)});
  }));
  if (!unknown.empty()) return InvalidInput(unknown);
  return facts;
}

Result<std::vector<PartitionGapFact>> ValidationStore::PartitionGaps(const std::string& first,
                                                                     const std::string& last) {
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT table_name, game_date, game_id, team, reason FROM "
                                  "partition_gaps WHERE game_date BETWEEN ? AND ? ORDER BY "
                                  "table_name, game_date, game_id, team"));
  stmt.Bind(1, first).Bind(2, last);
  std::vector<PartitionGapFact> facts;
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    facts.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4)});
  }));
  return facts;
}

Result<std::vector<LinedPlayerGameFact>> ValidationStore::LinedPlayerGames(
    const std::string& first, const std::string& last, bool with_results) {
  const std::string result =
      with_results ? "EXISTS (SELECT 1 FROM player_game_summary p WHERE p.game_id = l.game_id AND "
                     "p.player_key = l.player_key AND p.status = 'active' AND p.points IS NOT NULL)"
                   : "0";
  BC_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("SELECT l.game_id, l.game_date, l.season, l.player_key, l.player_name, "
                  "l.resolved, " + result + " FROM player_prop_lines l WHERE l.bookmaker = "
                  "'consensus' AND l.game_date BETWEEN ? AND ? ORDER BY l.game_date, l.game_id, "
                  "l.player_key"));
  stmt.Bind(1, first).Bind(2, last);
  std::vector<LinedPlayerGameFact> facts;
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
    facts.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Int(5) != 0,
                     s.Int(6) != 0});
  }));
  return facts;
}

Result<std::vector<std::string>> ValidationStore::GameLineIds(const std::string& first,
                                                              const std::string& last) {
  BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare("SELECT game_id FROM game_lines WHERE "
                                                  "game_date BETWEEN ? AND ?"));
  stmt.Bind(1, first).Bind(2, last);
  std::vector<std::string> ids;
  BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) { ids.push_back(s.Text(0)); }));
  return ids;
}

Result<std::vector<UnplacedLinesFact>> ValidationStore::LineMatchups(const std::string& first,
                                                                     const std::string& last) {
  std::vector<UnplacedLinesFact> facts;
  for (const char* table : {"raw_prop_lines", "raw_game_lines"}) {
    const std::string market = std::string(table) == "raw_prop_lines"
                                   ? "market = 'player_points'"
                                   : "market IN ('spreads', 'totals')";
    BC_ASSIGN_OR_RETURN(
        Statement stmt,
        db_.Prepare(fmt::format(
            "SELECT game_date, home_team, away_team, COUNT(*) FROM {} WHERE {} AND game_date "
            "BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            table, market)));
    stmt.Bind(1, first).Bind(2, last);
    BC_RETURN_IF_ERROR(ForEachRow(stmt, [&](const Statement& s) {
      facts.push_back({table, s.Text(0), s.Text(1), s.Text(2), s.Int(3)});
    }));
  }
  return facts;
}

Result<int64_t> ValidationStore::StartValidateRun(const std::string& arguments,
                                                  const std::string& code_version) {
  return PartitionStore(db_).StartRun("validate", arguments, code_version);
}

Status ValidationStore::FinishRun(int64_t run_id, const std::string& outcome) {
  return PartitionStore(db_).FinishRun(run_id, outcome);
}

Status ValidationStore::WriteCheckResults(int64_t run_id,
                                          const std::vector<CheckResultRecord>& results,
                                          int keep_runs) {
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  BC_ASSIGN_OR_RETURN(
      Statement stmt,
      db_.Prepare("INSERT INTO check_results (run_id, table_name, game_date, \"check\", severity, "
                  "passed, observed, expected, message) VALUES (?,?,?,?,?,?,?,?,?)"));
  for (const CheckResultRecord& r : results) {
    stmt.Bind(1, run_id).Bind(2, r.table_name);
    if (r.game_date) {
      stmt.Bind(3, *r.game_date);
    } else {
      stmt.BindNull(3);
    }
    stmt.Bind(4, r.check).Bind(5, r.severity).Bind(6, static_cast<int64_t>(r.passed ? 1 : 0));
    stmt.Bind(7, r.observed).Bind(8, r.expected).Bind(9, r.message);
    BC_RETURN_IF_ERROR(stmt.Run());
  }
  BC_RETURN_IF_ERROR(PruneCheckResults(db_, keep_runs));
  return txn.Commit();
}

namespace {

// Hashes every row of `stmt`, NULL apart from empty text.
Status HashRows(Statement& stmt, Hasher& hasher) {
  return ForEachRow(stmt, [&](const Statement& s) {
    for (int i = 0; i < s.ColumnCount(); ++i) {
      if (s.IsNull(i)) {
        hasher.AddNull();
      } else {
        hasher.Add(s.Text(i));
      }
    }
  });
}

}  // namespace

Result<std::string> ValidationStore::InputsFingerprint(const std::string& first,
                                                       const std::string& last) {
  Hasher hasher;
  BC_ASSIGN_OR_RETURN(
      Statement partitions,
      db_.Prepare("SELECT table_name, game_date, status, processor_version, input_fingerprint, "
                  "data_version, rows, attempts, last_error, finished_at, run_id FROM partitions "
                  "WHERE game_date BETWEEN ? AND ? ORDER BY table_name, game_date"));
  partitions.Bind(1, first).Bind(2, last);
  BC_RETURN_IF_ERROR(HashRows(partitions, hasher));
  for (const char* sql : {"SELECT resolved_season, raw_fingerprint, resolved_at FROM "
                          "resolved_seasons ORDER BY resolved_season",
                          "SELECT file_id, path, sha256 FROM raw_files ORDER BY file_id"}) {
    hasher.AddNull();  // between the row sets
    BC_ASSIGN_OR_RETURN(Statement stmt, db_.Prepare(sql));
    BC_RETURN_IF_ERROR(HashRows(stmt, hasher));
  }
  return hasher.HexDigest();
}

Result<std::optional<std::pair<int64_t, std::string>>> ValidationStore::StoredResult(
    const std::string& key) {
  using Stored = std::optional<std::pair<int64_t, std::string>>;
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT run_id, result FROM validation_results WHERE "
                                  "inputs_key = ?"));
  stmt.Bind(1, key);
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return Stored();
  return Stored(std::pair(stmt.Int(0), stmt.Text(1)));
}

Status ValidationStore::StoreResult(const std::string& key, int64_t run_id,
                                    const std::string& result, int keep) {
  BC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db_));
  BC_ASSIGN_OR_RETURN(
      Statement insert,
      db_.Prepare("INSERT INTO validation_results (inputs_key, run_id, result, stored_at) VALUES "
                  "(?, ?, ?, ?) ON CONFLICT (inputs_key) DO UPDATE SET run_id = excluded.run_id, "
                  "result = excluded.result, stored_at = excluded.stored_at"));
  insert.Bind(1, key).Bind(2, run_id).Bind(3, result).Bind(4, UtcNow());
  BC_RETURN_IF_ERROR(insert.Run());
  BC_ASSIGN_OR_RETURN(
      Statement prune,
      db_.Prepare("DELETE FROM validation_results WHERE run_id < COALESCE((SELECT run_id FROM "
                  "validation_results ORDER BY run_id DESC LIMIT 1 OFFSET ?), 0)"));
  prune.Bind(1, static_cast<int64_t>(keep - 1));
  BC_RETURN_IF_ERROR(prune.Run());
  return txn.Commit();
}

Result<std::vector<std::pair<std::string, std::string>>> ValidationStore::LatestModelRun() {
  std::vector<std::pair<std::string, std::string>> pairs;
  BC_ASSIGN_OR_RETURN(bool exists, HasTable("model_runs"));
  if (!exists) return pairs;
  BC_ASSIGN_OR_RETURN(Statement stmt,
                      db_.Prepare("SELECT * FROM model_runs ORDER BY model_id DESC LIMIT 1"));
  BC_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return pairs;
  for (int i = 0; i < stmt.ColumnCount(); ++i) pairs.emplace_back(stmt.ColumnName(i), stmt.Text(i));
  return pairs;
}

}  // namespace backcourt
