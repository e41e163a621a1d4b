-- Compares the plain-SQL tables (main) with backcourt's (attached as `bc` by bench/vs_sql.sh)
-- over the range in `params`. A value mismatches when one side is NULL and the other is not,
-- or when they differ by more than 1e-9. A player-game of `player_tie_candidates` (two
-- same-priority rows that differ: backcourt picks by content hash, see build.sql) agrees
-- when backcourt's row equals one candidate; rows whose primary_source differs are counted
-- and left out. Prints `counts` lines, up to 10 `mismatch` lines, the total and the
-- `uncovered` tables; bench/vs_sql.sh fails on any mismatch or uncovered table.
.bail on
.mode list
.separator |
CREATE TEMP TABLE bc_off AS SELECT o.* FROM bc.team_offense_game_summary o, params
  WHERE o.game_date BETWEEN first_date AND last_date;
CREATE TEMP TABLE bc_def AS SELECT d.* FROM bc.team_defense_game_summary d, params
  WHERE d.game_date BETWEEN first_date AND last_date;
CREATE TEMP TABLE bc_pl AS SELECT p.* FROM bc.player_game_summary p, params
  WHERE p.game_date BETWEEN first_date AND last_date;
CREATE INDEX temp.bc_off_key ON bc_off(game_id, team);
CREATE INDEX temp.bc_def_key ON bc_def(game_id, team);
CREATE INDEX temp.bc_pl_key ON bc_pl(game_id, player_key);

CREATE TEMP TABLE mismatch(tbl TEXT, row_key TEXT, col TEXT, backcourt REAL, sql REAL);
CREATE TEMP TABLE counts(tbl TEXT, what TEXT, n INTEGER);

-- team_offense_game_summary
INSERT INTO counts SELECT 'team_offense', 'backcourt rows', count(*) FROM bc_off;
INSERT INTO counts SELECT 'team_offense', 'sql rows', count(*) FROM team_offense_game_summary;
INSERT INTO counts SELECT 'team_offense', 'only in backcourt', count(*) FROM bc_off b
  WHERE NOT EXISTS (SELECT 1 FROM team_offense_game_summary s WHERE s.game_id = b.game_id AND s.team = b.team);
INSERT INTO counts SELECT 'team_offense', 'only in sql', count(*) FROM team_offense_game_summary s
  WHERE NOT EXISTS (SELECT 1 FROM bc_off b WHERE s.game_id = b.game_id AND s.team = b.team);
INSERT INTO counts SELECT 'team_offense', 'compared', count(*) FROM team_offense_game_summary s
  JOIN bc_off b ON s.game_id = b.game_id AND s.team = b.team;
INSERT INTO mismatch
WITH cols(c) AS (VALUES ('team_minutes'), ('possessions'), ('pace'), ('offensive_rating'),
                        ('ts_pct'), ('efg_pct'), ('points')),
v AS (
  SELECT s.game_id || ' ' || s.team AS k, c,
         CASE c WHEN 'team_minutes' THEN b.team_minutes WHEN 'possessions' THEN b.possessions
                WHEN 'pace' THEN b.pace WHEN 'offensive_rating' THEN b.offensive_rating
                WHEN 'ts_pct' THEN b.ts_pct WHEN 'efg_pct' THEN b.efg_pct
                WHEN 'points' THEN b.points END AS bv,
         CASE c WHEN 'team_minutes' THEN s.team_minutes WHEN 'possessions' THEN s.possessions
                WHEN 'pace' THEN s.pace WHEN 'offensive_rating' THEN s.offensive_rating
                WHEN 'ts_pct' THEN s.ts_pct WHEN 'efg_pct' THEN s.efg_pct
                WHEN 'points' THEN s.points END AS sv
  FROM team_offense_game_summary s JOIN bc_off b ON s.game_id = b.game_id AND s.team = b.team, cols)
SELECT 'team_offense', k, c, bv, sv FROM v
WHERE (bv IS NULL) <> (sv IS NULL) OR abs(bv - sv) > 1e-9;

-- team_defense_game_summary
INSERT INTO counts SELECT 'team_defense', 'backcourt rows', count(*) FROM bc_def;
INSERT INTO counts SELECT 'team_defense', 'sql rows', count(*) FROM team_defense_game_summary;
INSERT INTO counts SELECT 'team_defense', 'only in backcourt', count(*) FROM bc_def b
  WHERE NOT EXISTS (SELECT 1 FROM team_defense_game_summary s WHERE s.game_id = b.game_id AND s.team = b.team);
INSERT INTO counts SELECT 'team_defense', 'only in sql', count(*) FROM team_defense_game_summary s
  WHERE NOT EXISTS (SELECT 1 FROM bc_def b WHERE s.game_id = b.game_id AND s.team = b.team);
INSERT INTO counts SELECT 'team_defense', 'compared', count(*) FROM team_defense_game_summary s
  JOIN bc_def b ON s.game_id = b.game_id AND s.team = b.team;
INSERT INTO mismatch
WITH cols(c) AS (VALUES ('possessions'), ('pace'), ('defensive_rating'), ('opp_ts_pct'),
                        ('opp_efg_pct'), ('opp_points')),
v AS (
  SELECT s.game_id || ' ' || s.team AS k, c,
         CASE c WHEN 'possessions' THEN b.possessions WHEN 'pace' THEN b.pace
                WHEN 'defensive_rating' THEN b.defensive_rating WHEN 'opp_ts_pct' THEN b.opp_ts_pct
                WHEN 'opp_efg_pct' THEN b.opp_efg_pct WHEN 'opp_points' THEN b.opp_points END AS bv,
         CASE c WHEN 'possessions' THEN s.possessions WHEN 'pace' THEN s.pace
                WHEN 'defensive_rating' THEN s.defensive_rating WHEN 'opp_ts_pct' THEN s.opp_ts_pct
                WHEN 'opp_efg_pct' THEN s.opp_efg_pct WHEN 'opp_points' THEN s.opp_points END AS sv
  FROM team_defense_game_summary s JOIN bc_def b ON s.game_id = b.game_id AND s.team = b.team, cols)
SELECT 'team_defense', k, c, bv, sv FROM v
WHERE (bv IS NULL) <> (sv IS NULL) OR abs(bv - sv) > 1e-9;

-- player_game_summary
CREATE TEMP TABLE pl_join AS
SELECT s.game_id, s.player_key, s.primary_source AS s_source, b.primary_source AS b_source,
       s.minutes_played AS s_min, b.minutes_played AS b_min, s.usage_rate AS s_usg,
       b.usage_rate AS b_usg, s.ts_pct AS s_ts, b.ts_pct AS b_ts, s.efg_pct AS s_efg,
       b.efg_pct AS b_efg, s.team_minutes AS s_tm, b.team_minutes AS b_tm,
       s.points AS s_pts, b.points AS b_pts,
       EXISTS (SELECT 1 FROM player_tie_candidates t WHERE t.game_id = s.game_id AND t.player_key = s.player_key) AS tie
FROM player_game_summary s JOIN bc_pl b ON s.game_id = b.game_id AND s.player_key = b.player_key;
INSERT INTO counts SELECT 'player_game', 'backcourt rows', count(*) FROM bc_pl;
INSERT INTO counts SELECT 'player_game', 'sql rows', count(*) FROM player_game_summary;
INSERT INTO counts SELECT 'player_game', 'only in backcourt', count(*) FROM bc_pl b
  WHERE NOT EXISTS (SELECT 1 FROM player_game_summary s WHERE s.game_id = b.game_id AND s.player_key = b.player_key);
INSERT INTO counts SELECT 'player_game', 'only in sql', count(*) FROM player_game_summary s
  WHERE NOT EXISTS (SELECT 1 FROM bc_pl b WHERE s.game_id = b.game_id AND s.player_key = b.player_key);
-- A tie row agrees when backcourt's values equal those of one of the tied candidates.
CREATE TEMP TABLE tie_check AS
SELECT j.game_id, j.player_key, b.minutes_played AS b_min, b.usage_rate AS b_usg,
       EXISTS (SELECT 1 FROM player_tie_candidates c
               WHERE c.game_id = j.game_id AND c.player_key = j.player_key
                 AND abs(c.minutes_played - b.minutes_played) <= 1e-9
                 AND c.points IS b.points AND abs(c.team_minutes - b.team_minutes) <= 1e-9
                 AND ((c.usage_rate IS NULL AND b.usage_rate IS NULL) OR abs(c.usage_rate - b.usage_rate) <= 1e-9)
                 AND ((c.ts_pct IS NULL AND b.ts_pct IS NULL) OR abs(c.ts_pct - b.ts_pct) <= 1e-9)
                 AND ((c.efg_pct IS NULL AND b.efg_pct IS NULL) OR abs(c.efg_pct - b.efg_pct) <= 1e-9)) AS agrees
FROM pl_join j JOIN bc_pl b ON b.game_id = j.game_id AND b.player_key = j.player_key
WHERE j.tie;
INSERT INTO counts SELECT 'player_game', 'compared (same-priority tie)', count(*) FROM tie_check;
INSERT INTO mismatch SELECT 'player_game', game_id || ' ' || player_key,
  'no tied candidate matches (minutes, usage)', b_min, b_usg FROM tie_check WHERE NOT agrees;
INSERT INTO counts SELECT 'player_game', 'left out: other source', count(*) FROM pl_join
  WHERE NOT tie AND s_source <> b_source;
INSERT INTO counts SELECT 'player_game', 'compared (one best row)', count(*) FROM pl_join
  WHERE NOT tie AND s_source = b_source;
INSERT INTO mismatch
WITH cols(c) AS (VALUES ('minutes_played'), ('usage_rate'), ('ts_pct'), ('efg_pct'),
                        ('team_minutes'), ('points')),
v AS (
  SELECT game_id || ' ' || player_key AS k, c,
         CASE c WHEN 'minutes_played' THEN b_min WHEN 'usage_rate' THEN b_usg
                WHEN 'ts_pct' THEN b_ts WHEN 'efg_pct' THEN b_efg WHEN 'team_minutes' THEN b_tm
                WHEN 'points' THEN b_pts END AS bv,
         CASE c WHEN 'minutes_played' THEN s_min WHEN 'usage_rate' THEN s_usg
                WHEN 'ts_pct' THEN s_ts WHEN 'efg_pct' THEN s_efg WHEN 'team_minutes' THEN s_tm
                WHEN 'points' THEN s_pts END AS sv
  FROM pl_join, cols WHERE NOT tie AND s_source = b_source)
SELECT 'player_game', k, c, bv, sv FROM v
WHERE (bv IS NULL) <> (sv IS NULL) OR abs(bv - sv) > 1e-9;

INSERT INTO counts SELECT tbl, 'mismatched values', count(*) FROM mismatch GROUP BY tbl;
SELECT 'counts', tbl, what, n FROM counts;
SELECT 'mismatch', tbl, row_key, col, backcourt, sql FROM mismatch LIMIT 10;
SELECT 'total_mismatches', count(*) FROM mismatch;
-- The comparison must cover the tables: a table with no backcourt rows, or with more than
-- 0.1% of its rows on one side only or from another source, fails too.
SELECT 'uncovered', tbl, u, r FROM (
  SELECT tbl, sum(CASE WHEN what IN ('only in backcourt', 'only in sql', 'left out: other source')
                       THEN n ELSE 0 END) AS u,
         sum(CASE WHEN what = 'backcourt rows' THEN n ELSE 0 END) AS r
  FROM counts GROUP BY tbl)
WHERE r = 0 OR u > 0.001 * r;
