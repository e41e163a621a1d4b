-- Plain-SQL build of team_offense_game_summary, team_defense_game_summary and
-- player_game_summary from CSV files already `.import`ed into the staging tables
-- t_logs (team_game_logs_*), t_adv (box_score_advanced_*), p_logs (player_game_logs_*),
-- p_box (nba_stats_boxscores_*), p_gl448 (nba_stats_playergamelog_*_448_players),
-- p_gls (nba_stats_playergamelogs_*) and p_bbref (bbref_gamelogs_*), all TEXT columns.
-- The date range comes from the one-row table `params(first_date, last_date)`.
--
-- The formulas are DESIGN.md §4 as src/tables/formulas.cpp computes them; the source rules
-- follow src/tables/inputs.cpp: the schedule and team box from the team logs, team minutes
-- from the team advanced file rounded to 240 + 25·k (else the opponent's), player rows by
-- source priority NBA.com box > Basketball-Reference > reduced game logs, name-only rows
-- (Basketball-Reference) resolved to an NBA.com id through any row with both id and name of
-- the same season, by (name, team) and then by name alone when exactly one id fits, and a
-- name still unresolved joins the one id of its game whose box line matches.
-- What this script does NOT reproduce exactly (bench/vs_sql.sh counts those rows apart):
--   * ties between two rows of the same priority for one player-game (the 2023-24 NBA.com
--     boxscores file and the 448-player game logs overlap, with decimal vs whole minutes):
--     backcourt breaks them by a 64-bit content hash of the raw row, which SQL cannot compute;
--     this script takes the decimal-minutes boxscores row, keeps every candidate in
--     player_tie_candidates, and the comparison accepts backcourt's row when it equals one.
--   * Unicode folding beyond the accented letters listed in `folds` below (all those that
--     occur in these files, and some more).
--   * rules these files never reach (the comparison would show them as rows only on one
--     side): games no schedule row holds (inferred from MATCHUP), team rows rebuilt from
--     player rows and team minutes from Σ player minutes (the team logs and team advanced
--     files cover every game), a team given two games on one date (conflict gaps), and
--     did-not-play rows (none of these files has one; a row without minutes is skipped
--     here, where backcourt would keep it with status 'dnp').
.bail on
BEGIN;

CREATE TEMP TABLE team_alias(code TEXT PRIMARY KEY, tri TEXT);
INSERT INTO team_alias VALUES ('BRK','BKN'),('CHO','CHA'),('PHO','PHX'),('NJN','BKN'),
  ('SEA','OKC'),('VAN','MEM'),('NOH','NOP'),('NOK','NOP'),('CHH','CHA'),('GS','GSW'),
  ('NY','NYK'),('SA','SAS'),('NO','NOP'),('UTAH','UTA'),('WSH','WAS'),('CHB','CHA');

-- Schedule: one row per game of the team logs in the range that counts (final, not
-- preseason or All-Star; the team logs only hold final games).
CREATE TABLE games AS
SELECT substr('0000000000' || trim(game_id), -10) AS game_id, trim(game_date) AS game_date,
       trim(season) AS season,
       CASE lower(trim(game_type))
         WHEN 'nba_cup_semi' THEN 'cup_knockout' WHEN 'nba_cup_final' THEN 'cup_final'
         WHEN 'playin' THEN 'play_in' WHEN 'playoff' THEN 'playoffs'
         ELSE lower(trim(game_type)) END AS game_type,
       coalesce((SELECT tri FROM team_alias WHERE code = upper(trim(team_abbreviation_home))),
                upper(trim(team_abbreviation_home))) AS home,
       coalesce((SELECT tri FROM team_alias WHERE code = upper(trim(team_abbreviation_road))),
                upper(trim(team_abbreviation_road))) AS away,
       CAST(pts_home AS INTEGER) AS pts_home, CAST(fgm_home AS INTEGER) AS fgm_home,
       CAST(fga_home AS INTEGER) AS fga_home, CAST(fg3m_home AS INTEGER) AS fg3m_home,
       CAST(fg3a_home AS INTEGER) AS fg3a_home, CAST(ftm_home AS INTEGER) AS ftm_home,
       CAST(fta_home AS INTEGER) AS fta_home, CAST(oreb_home AS INTEGER) AS oreb_home,
       CAST(dreb_home AS INTEGER) AS dreb_home, CAST(reb_home AS INTEGER) AS reb_home,
       CAST(ast_home AS INTEGER) AS ast_home, CAST(stl_home AS INTEGER) AS stl_home,
       CAST(blk_home AS INTEGER) AS blk_home, CAST(tov_home AS INTEGER) AS tov_home,
       CAST(pf_home AS INTEGER) AS pf_home,
       CAST(pts_road AS INTEGER) AS pts_road, CAST(fgm_road AS INTEGER) AS fgm_road,
       CAST(fga_road AS INTEGER) AS fga_road, CAST(fg3m_road AS INTEGER) AS fg3m_road,
       CAST(fg3a_road AS INTEGER) AS fg3a_road, CAST(ftm_road AS INTEGER) AS ftm_road,
       CAST(fta_road AS INTEGER) AS fta_road, CAST(oreb_road AS INTEGER) AS oreb_road,
       CAST(dreb_road AS INTEGER) AS dreb_road, CAST(reb_road AS INTEGER) AS reb_road,
       CAST(ast_road AS INTEGER) AS ast_road, CAST(stl_road AS INTEGER) AS stl_road,
       CAST(blk_road AS INTEGER) AS blk_road, CAST(tov_road AS INTEGER) AS tov_road,
       CAST(pf_road AS INTEGER) AS pf_road
FROM t_logs, params
WHERE trim(game_date) BETWEEN first_date AND last_date
  AND lower(trim(game_type)) NOT IN ('preseason', 'all_star');
CREATE UNIQUE INDEX games_id ON games(game_id);
CREATE INDEX games_home ON games(game_date, home);
CREATE INDEX games_away ON games(game_date, away);

-- Team minutes per (game, team) from the advanced file, rounded to 240 + 25·k.
CREATE TABLE adv_minutes AS
SELECT game_id, team, 240.0 + 25.0 * max(0, round((minutes - 240.0) / 25.0)) AS minutes FROM (
  SELECT substr('0000000000' || trim(game_id), -10) AS game_id,
         coalesce((SELECT tri FROM team_alias WHERE code = upper(trim(team_abbreviation_home))),
                  upper(trim(team_abbreviation_home))) AS team,
         CAST(minutes_home AS REAL) AS minutes FROM t_adv
  UNION ALL
  SELECT substr('0000000000' || trim(game_id), -10),
         coalesce((SELECT tri FROM team_alias WHERE code = upper(trim(team_abbreviation_road))),
                  upper(trim(team_abbreviation_road))),
         CAST(minutes_road AS REAL) FROM t_adv)
WHERE minutes > 0;
CREATE UNIQUE INDEX adv_minutes_key ON adv_minutes(game_id, team);

-- Two sides per game with the box of the side and of its opponent.
CREATE TEMP TABLE sides AS
SELECT game_id, game_date, season, game_type, home AS team, away AS opponent, 1 AS is_home,
       pts_home AS pts, fgm_home AS fgm, fga_home AS fga, fg3m_home AS fg3m, fg3a_home AS fg3a,
       ftm_home AS ftm, fta_home AS fta, oreb_home AS oreb, dreb_home AS dreb, reb_home AS reb,
       ast_home AS ast, stl_home AS stl, blk_home AS blk, tov_home AS tov, pf_home AS pf,
       pts_road AS o_pts, fgm_road AS o_fgm, fga_road AS o_fga, fta_road AS o_fta,
       oreb_road AS o_oreb, dreb_road AS o_dreb, tov_road AS o_tov
FROM games
UNION ALL
SELECT game_id, game_date, season, game_type, away, home, 0,
       pts_road, fgm_road, fga_road, fg3m_road, fg3a_road, ftm_road, fta_road, oreb_road,
       dreb_road, reb_road, ast_road, stl_road, blk_road, tov_road, pf_road,
       pts_home, fgm_home, fga_home, fta_home, oreb_home, dreb_home, tov_home
FROM games;

CREATE TABLE team_offense_game_summary AS
WITH m AS (
  SELECT s.*,
         coalesce(own.minutes, opp.minutes) AS team_minutes,
         CASE WHEN own.minutes IS NOT NULL THEN 'team_advanced'
              WHEN opp.minutes IS NOT NULL THEN 'opponent' END AS team_minutes_source,
         -- each side's possessions: FGA + 0.4·FTA − 1.07·(ORB/(ORB+OppDRB))·(FGA−FGM) + TOV
         fga + 0.4 * fta - 1.07 * (CASE WHEN oreb + o_dreb > 0 THEN CAST(oreb AS REAL) / (oreb + o_dreb) ELSE 0.0 END)
             * (fga - fgm) + tov AS own_poss,
         o_fga + 0.4 * o_fta - 1.07 * (CASE WHEN o_oreb + dreb > 0 THEN CAST(o_oreb AS REAL) / (o_oreb + dreb) ELSE 0.0 END)
             * (o_fga - o_fgm) + o_tov AS opp_poss
  FROM sides s
  LEFT JOIN adv_minutes own ON own.game_id = s.game_id AND own.team = s.team
  LEFT JOIN adv_minutes opp ON opp.game_id = s.game_id AND opp.team = s.opponent),
p AS (SELECT m.*, 0.5 * (own_poss + opp_poss) AS possessions FROM m)
SELECT game_id, game_date, season, game_type, team, opponent, is_home,
       CASE WHEN pts > o_pts THEN 1 ELSE 0 END AS win, pts - o_pts AS margin,
       CASE WHEN team_minutes IS NOT NULL THEN max(0, CAST(round((team_minutes - 240.0) / 25.0) AS INTEGER)) END
         AS overtime_periods,
       team_minutes, team_minutes_source, pts AS points, fgm, fga, fg3m, fg3a, ftm, fta, oreb,
       dreb, reb, ast, stl, blk, tov, pf, possessions,
       CASE WHEN team_minutes > 0 THEN 48.0 * possessions / (team_minutes / 5.0) END AS pace,
       CASE WHEN possessions > 0 THEN 100.0 * pts / possessions END AS offensive_rating,
       CASE WHEN fga + 0.44 * fta > 0 THEN pts / (2.0 * (fga + 0.44 * fta)) END AS ts_pct,
       CASE WHEN fga > 0 THEN (fgm + 0.5 * fg3m) / fga END AS efg_pct
FROM p;
CREATE UNIQUE INDEX team_offense_key ON team_offense_game_summary(game_id, team);

CREATE TABLE team_defense_game_summary AS
SELECT o.game_id, o.game_date, o.season, o.game_type, o.team, o.opponent, o.is_home,
       o.team_minutes, x.points AS opp_points, x.fgm AS opp_fgm, x.fga AS opp_fga,
       x.fg3m AS opp_fg3m, x.fg3a AS opp_fg3a, x.ftm AS opp_ftm, x.fta AS opp_fta,
       x.oreb AS opp_oreb, x.dreb AS opp_dreb, x.reb AS opp_reb, x.ast AS opp_ast,
       x.tov AS opp_tov, x.pf AS opp_pf, o.possessions,
       CASE WHEN o.possessions > 0 THEN 100.0 * x.points / o.possessions END AS defensive_rating,
       o.pace, x.ts_pct AS opp_ts_pct, x.efg_pct AS opp_efg_pct, o.stl, o.blk, o.dreb
FROM team_offense_game_summary o
JOIN team_offense_game_summary x ON x.game_id = o.game_id AND x.team = o.opponent;

-- Player rows of every source, one shape. rank: NBA.com box 4, Basketball-Reference 3,
-- reduced game logs 1 (no shooting columns).
CREATE TEMP TABLE player_raw(
  rank INTEGER, source TEXT, game_id TEXT, game_date TEXT, team TEXT, player_id INTEGER,
  player_name TEXT, minutes REAL, has_shooting INTEGER, pts INTEGER, fgm INTEGER,
  fga INTEGER, fg3m INTEGER, fg3a INTEGER, ftm INTEGER, fta INTEGER, oreb INTEGER,
  dreb INTEGER, reb INTEGER, ast INTEGER, stl INTEGER, blk INTEGER, tov INTEGER, pf INTEGER,
  plus_minus REAL, prefer INTEGER);

-- Reduced game logs: no GAME_ID (placed by date and team), whole minutes, no shooting.
INSERT INTO player_raw
SELECT 1, 'reduced_log', NULL, trim(GAME_DATE),
       coalesce((SELECT tri FROM team_alias WHERE code = upper(trim(TEAM_ABBREVIATION))),
                upper(trim(TEAM_ABBREVIATION))),
       CAST(PLAYER_ID AS INTEGER), trim(PLAYER_NAME), CAST(MIN AS REAL), 0,
       CAST(PTS AS INTEGER), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       CAST(REB AS INTEGER), CAST(AST AS INTEGER), CAST(STL AS INTEGER), CAST(BLK AS INTEGER),
       CAST(TOV AS INTEGER), NULL, CAST(NULLIF(trim(PLUS_MINUS), '') AS REAL), 0
FROM p_logs WHERE trim(MIN) <> '';

-- NBA.com boxscores: GAME_ID without leading zeros, decimal minutes, TO for turnovers.
INSERT INTO player_raw
SELECT 4, 'nba_box', substr('0000000000' || trim(GAME_ID), -10), NULL,
       coalesce((SELECT tri FROM team_alias WHERE code = upper(trim(TEAM_ABBREVIATION))),
                upper(trim(TEAM_ABBREVIATION))),
       CAST(PLAYER_ID AS INTEGER), trim(PLAYER_NAME), CAST(MIN AS REAL), 1,
       CAST(PTS AS INTEGER), CAST(FGM AS INTEGER), CAST(FGA AS INTEGER), CAST(FG3M AS INTEGER),
       CAST(FG3A AS INTEGER), CAST(FTM AS INTEGER), CAST(FTA AS INTEGER), CAST(OREB AS INTEGER),
       CAST(DREB AS INTEGER), CAST(REB AS INTEGER), CAST(AST AS INTEGER), CAST(STL AS INTEGER),
       CAST(BLK AS INTEGER), CAST("TO" AS INTEGER), CAST(PF AS INTEGER),
       CAST(NULLIF(trim(PLUS_MINUS), '') AS REAL), 1
FROM p_box WHERE trim(MIN) <> '';

-- NBA.com playergamelog of 448 players: team = first word of MATCHUP, whole minutes.
INSERT INTO player_raw
SELECT 4, 'nba_box', substr('0000000000' || trim(Game_ID), -10), NULL,
       coalesce((SELECT tri FROM team_alias WHERE code = upper(substr(trim(MATCHUP), 1, instr(trim(MATCHUP), ' ') - 1))),
                upper(substr(trim(MATCHUP), 1, instr(trim(MATCHUP), ' ') - 1))),
       CAST(PLAYER_ID AS INTEGER), trim(PLAYER_NAME), CAST(MIN AS REAL), 1,
       CAST(PTS AS INTEGER), CAST(FGM AS INTEGER), CAST(FGA AS INTEGER), CAST(FG3M AS INTEGER),
       CAST(FG3A AS INTEGER), CAST(FTM AS INTEGER), CAST(FTA AS INTEGER), CAST(OREB AS INTEGER),
       CAST(DREB AS INTEGER), CAST(REB AS INTEGER), CAST(AST AS INTEGER), CAST(STL AS INTEGER),
       CAST(BLK AS INTEGER), CAST(TOV AS INTEGER), CAST(PF AS INTEGER),
       CAST(NULLIF(trim(PLUS_MINUS), '') AS REAL), 0
FROM p_gl448 WHERE trim(MIN) <> '';

-- NBA.com playergamelogs: minutes from MIN_SEC ("MM:SS" = MM + SS/60); when its seconds
-- are 60 or more ("30:60", a rounding artefact) the decimal MIN it was printed from.
INSERT INTO player_raw
SELECT 4, 'nba_box', substr('0000000000' || trim(GAME_ID), -10), NULL,
       coalesce((SELECT tri FROM team_alias WHERE code = upper(trim(TEAM_ABBREVIATION))),
                upper(trim(TEAM_ABBREVIATION))),
       CAST(PLAYER_ID AS INTEGER), trim(PLAYER_NAME),
       CASE WHEN instr(MIN_SEC, ':') > 0
                 AND CAST(substr(MIN_SEC, instr(MIN_SEC, ':') + 1) AS INTEGER) < 60
            THEN CAST(substr(MIN_SEC, 1, instr(MIN_SEC, ':') - 1) AS INTEGER)
                 + CAST(substr(MIN_SEC, instr(MIN_SEC, ':') + 1) AS INTEGER) / 60.0
            ELSE CAST(MIN AS REAL) END, 1,
       CAST(PTS AS INTEGER), CAST(FGM AS INTEGER), CAST(FGA AS INTEGER), CAST(FG3M AS INTEGER),
       CAST(FG3A AS INTEGER), CAST(FTM AS INTEGER), CAST(FTA AS INTEGER), CAST(OREB AS INTEGER),
       CAST(DREB AS INTEGER), CAST(REB AS INTEGER), CAST(AST AS INTEGER), CAST(STL AS INTEGER),
       CAST(BLK AS INTEGER), CAST(TOV AS INTEGER), CAST(PF AS INTEGER),
       CAST(NULLIF(trim(PLUS_MINUS), '') AS REAL), 1
FROM p_gls WHERE trim(coalesce(MIN_SEC, '')) <> '' OR trim(MIN) <> '';

-- Basketball-Reference: no ids, Date dd/mm/yyyy, decimal MP, BRK/CHO/PHO.
INSERT INTO player_raw
SELECT 3, 'bbref', NULL,
       CASE WHEN instr(Date, '/') > 0
            THEN substr(Date, 7, 4) || '-' || substr(Date, 4, 2) || '-' || substr(Date, 1, 2)
            ELSE trim(Date) END,
       coalesce((SELECT tri FROM team_alias WHERE code = upper(trim(Tm))), upper(trim(Tm))),
       NULL, trim(Player), CAST(MP AS REAL), 1,
       CAST(PTS AS INTEGER), CAST(FG AS INTEGER), CAST(FGA AS INTEGER), CAST("3P" AS INTEGER),
       CAST("3PA" AS INTEGER), CAST(FT AS INTEGER), CAST(FTA AS INTEGER), CAST(ORB AS INTEGER),
       CAST(DRB AS INTEGER), CAST(TRB AS INTEGER), CAST(AST AS INTEGER), CAST(STL AS INTEGER),
       CAST(BLK AS INTEGER), CAST(TOV AS INTEGER), CAST(PF AS INTEGER), NULL, 0
FROM p_bbref
WHERE trim(MP) <> '' AND trim(MP) NOT IN ('Did Not Play', 'Inactive', 'Did Not Dress',
                                           'Not With Team', 'Player Suspended');

-- Placement: by game id, else by (date, team) through the schedule; the team must play it.
CREATE TEMP TABLE player_placed AS
SELECT r.*, g.game_id AS gid, g.game_date AS gdate, g.season AS season,
       CASE WHEN g.home = r.team THEN g.away ELSE g.home END AS opponent,
       CASE WHEN g.home = r.team THEN 1 ELSE 0 END AS is_home
FROM player_raw r JOIN games g ON g.game_id = r.game_id AND r.team IN (g.home, g.away)
WHERE r.game_id IS NOT NULL
UNION ALL
SELECT r.*, g.game_id, g.game_date, g.season, g.away, 1
FROM player_raw r JOIN games g ON g.game_date = r.game_date AND g.home = r.team
WHERE r.game_id IS NULL
UNION ALL
SELECT r.*, g.game_id, g.game_date, g.season, g.home, 0
FROM player_raw r JOIN games g ON g.game_date = r.game_date AND g.away = r.team
WHERE r.game_id IS NULL;

-- Normalised names: lower case (SQLite's lower() folds ASCII only, so the accented letters,
-- capitals included, are folded one by one from `folds`), ". ' ’" dropped, "-" and "," as
-- spaces, a trailing Jr/Sr/II/III/IV removed, runs of spaces collapsed.
CREATE TEMP TABLE folds(id INTEGER PRIMARY KEY, c TEXT, ascii TEXT);
INSERT INTO folds(c, ascii) VALUES
  ('à','a'),('á','a'),('â','a'),('ã','a'),('ä','a'),('å','a'),('Á','a'),('Ä','a'),('ç','c'),
  ('ć','c'),('č','c'),('Ć','c'),('Č','c'),('đ','d'),('Đ','d'),('ď','d'),('è','e'),('é','e'),
  ('ê','e'),('ë','e'),('ě','e'),('É','e'),('ģ','g'),('ğ','g'),('ì','i'),('í','i'),('î','i'),
  ('ï','i'),('ı','i'),('Í','i'),('ł','l'),('ľ','l'),('ñ','n'),('ņ','n'),('ň','n'),('ò','o'),
  ('ó','o'),('ô','o'),('õ','o'),('ö','o'),('ø','o'),('Ö','o'),('ř','r'),('ş','s'),('š','s'),
  ('ș','s'),('Ş','s'),('Š','s'),('ț','t'),('ť','t'),('ù','u'),('ú','u'),('û','u'),('ü','u'),
  ('ū','u'),('ů','u'),('Ü','u'),('ý','y'),('ž','z'),('Ž','z'),('.',''),('''',''),('’',''),
  ('-',' '),(',',' ');
CREATE TEMP TABLE names AS
WITH RECURSIVE f(name, folded, step) AS (
  SELECT name, lower(name), 1 FROM (SELECT DISTINCT player_name AS name FROM player_placed)
  UNION ALL
  SELECT name, replace(folded, (SELECT c FROM folds WHERE id = step),
                       (SELECT ascii FROM folds WHERE id = step)), step + 1
  FROM f WHERE step <= (SELECT max(id) FROM folds)),
w AS (SELECT name, ' ' || trim(folded) || ' ' AS folded FROM f
      WHERE step = (SELECT max(id) FROM folds) + 1),
s AS (
  SELECT name, CASE
      WHEN folded LIKE '% jr ' OR folded LIKE '% sr ' OR folded LIKE '% ii '
        OR folded LIKE '% iv ' THEN substr(folded, 1, length(folded) - 3)
      WHEN folded LIKE '% iii ' THEN substr(folded, 1, length(folded) - 4)
      ELSE folded END AS folded
  FROM w)
SELECT name, trim(replace(replace(replace(folded, '   ', ' '), '  ', ' '), '  ', ' ')) AS norm
FROM s;
CREATE UNIQUE INDEX names_name ON names(name);

-- Ids known per (normalised name, season, team) and per (normalised name, season).
CREATE TEMP TABLE known_ids AS
SELECT DISTINCT n.norm, p.season, p.team, p.player_id
FROM player_placed p JOIN names n ON n.name = p.player_name WHERE p.player_id IS NOT NULL;
CREATE TEMP TABLE id_by_team AS
SELECT norm, season, team, min(player_id) AS player_id FROM known_ids
GROUP BY norm, season, team HAVING count(DISTINCT player_id) = 1;
CREATE TEMP TABLE id_by_name AS
SELECT norm, season, min(player_id) AS player_id FROM known_ids
GROUP BY norm, season HAVING count(DISTINCT player_id) = 1;
CREATE INDEX id_by_team_key ON id_by_team(norm, season, team);
CREATE INDEX id_by_name_key ON id_by_name(norm, season);

CREATE TEMP TABLE player_keyed AS
SELECT p.*, coalesce(CAST(p.player_id AS TEXT), CAST(t.player_id AS TEXT),
                     CAST(a.player_id AS TEXT), 'name:' || n.norm) AS player_key,
       coalesce(p.player_id, t.player_id, a.player_id) AS resolved_id
FROM player_placed p
JOIN names n ON n.name = p.player_name
LEFT JOIN id_by_team t ON p.player_id IS NULL AND t.norm = n.norm AND t.season = p.season AND t.team = p.team
LEFT JOIN id_by_name a ON p.player_id IS NULL AND a.norm = n.norm AND a.season = p.season;

-- A name key still unresolved in a game joins the one id key of the same game and team
-- whose row has the same box line: same points, rebounds, assists, steals, blocks and
-- turnovers (where both give them) and minutes within 1 (inputs.cpp MergeNameKeysIntoIds).
CREATE TEMP TABLE key_merge AS
SELECT u.gid, u.player_key AS name_key, min(c.player_key) AS id_key, min(c.resolved_id) AS id
FROM player_keyed u JOIN player_keyed c
  ON c.gid = u.gid AND c.team = u.team AND c.player_key NOT LIKE 'name:%'
 AND c.pts = u.pts AND abs(c.minutes - u.minutes) <= 1.0
 AND (c.reb IS NULL OR u.reb IS NULL OR c.reb = u.reb)
 AND (c.ast IS NULL OR u.ast IS NULL OR c.ast = u.ast)
 AND (c.stl IS NULL OR u.stl IS NULL OR c.stl = u.stl)
 AND (c.blk IS NULL OR u.blk IS NULL OR c.blk = u.blk)
 AND (c.tov IS NULL OR u.tov IS NULL OR c.tov = u.tov)
WHERE u.player_key LIKE 'name:%'
GROUP BY u.gid, u.player_key HAVING count(DISTINCT c.player_key) = 1;
UPDATE player_keyed SET
  player_key = (SELECT id_key FROM key_merge m WHERE m.gid = player_keyed.gid AND m.name_key = player_keyed.player_key),
  resolved_id = (SELECT id FROM key_merge m WHERE m.gid = player_keyed.gid AND m.name_key = player_keyed.player_key)
WHERE player_key LIKE 'name:%'
  AND EXISTS (SELECT 1 FROM key_merge m WHERE m.gid = player_keyed.gid AND m.name_key = player_keyed.player_key);

-- The best row per player-game: highest rank; within a rank, the preferred file (window
-- over the narrow key only: SQLite copies every column of a window's rows).
CREATE TEMP TABLE player_pick AS
SELECT rowid AS rid, row_number() OVER best AS pick,
       max(rank) OVER best AS best_rank  -- the frame starts at the best row
FROM player_keyed
WINDOW best AS (PARTITION BY gid, player_key ORDER BY rank DESC, prefer DESC);

-- The rows of the best rank with their rates (team values from the team offense row of
-- its side); player-games whose team has no offense row are not built.
CREATE TEMP TABLE player_rated AS
SELECT k.*, p.pick, p.best_rank, t.team_minutes,
       -- 100 × (FGA + 0.44·FTA + TOV) × (TmMIN/5) / (MIN × (TmFGA + 0.44·TmFTA + TmTOV))
       CASE WHEN k.has_shooting = 1 AND k.minutes > 0 AND t.team_minutes > 0
                 AND t.fga + 0.44 * t.fta + t.tov > 0
            THEN 100.0 * (k.fga + 0.44 * k.fta + k.tov) * (t.team_minutes / 5.0)
                 / (k.minutes * (t.fga + 0.44 * t.fta + t.tov)) END AS usage_rate,
       CASE WHEN k.has_shooting = 1 AND k.fga + 0.44 * k.fta > 0
            THEN k.pts / (2.0 * (k.fga + 0.44 * k.fta)) END AS ts_pct,
       CASE WHEN k.has_shooting = 1 AND k.fga > 0 THEN (k.fgm + 0.5 * k.fg3m) / k.fga END AS efg_pct
FROM player_pick p
JOIN player_keyed k ON k.rowid = p.rid
JOIN team_offense_game_summary t ON t.game_id = k.gid AND t.team = k.team
WHERE k.rank = p.best_rank;

CREATE TABLE player_game_summary AS
SELECT gid AS game_id, gdate AS game_date, season, player_key, resolved_id AS player_id,
       player_name, team, opponent, is_home, 'active' AS status, minutes AS minutes_played,
       pts AS points, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb,
       coalesce(reb, oreb + dreb) AS reb, ast, stl, blk, tov, pf, plus_minus, usage_rate,
       ts_pct, efg_pct, has_shooting AS shooting_provided, source AS primary_source, team_minutes
FROM player_rated WHERE pick = 1;
CREATE UNIQUE INDEX player_game_key ON player_game_summary(game_id, player_key);

-- Player-games with two rows of the best rank that differ in a value the table uses:
-- backcourt's choice between them (content hash) is not reproduced, so every candidate is
-- kept here and bench/vs_sql/compare.sql accepts backcourt's row when it equals one of them.
CREATE TEMP TABLE player_tied AS
SELECT gid, player_key FROM player_rated WHERE rank = best_rank GROUP BY gid, player_key
HAVING count(DISTINCT printf('%.12f|%d|%d|%d|%d|%d|%d', minutes, pts, fgm, fga, fg3m, fta, tov)) > 1;
CREATE UNIQUE INDEX player_tied_key ON player_tied(gid, player_key);
CREATE TABLE player_tie_candidates AS
SELECT r.gid AS game_id, r.player_key, r.minutes AS minutes_played, r.pts AS points,
       r.usage_rate, r.ts_pct, r.efg_pct, r.team_minutes
FROM player_rated r JOIN player_tied t ON t.gid = r.gid AND t.player_key = r.player_key
WHERE r.rank = r.best_rank;
CREATE INDEX player_tie_key ON player_tie_candidates(game_id, player_key);

COMMIT;
