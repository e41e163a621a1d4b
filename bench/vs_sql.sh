#!/usr/bin/env bash
# Side by side: backcourt vs an analyst's plain SQL in the sqlite3 shell, on the same files
# and the same three analytics tables (team_offense_game_summary, team_defense_game_summary,
# player_game_summary) over 2021-10-19..2026-01-02.
#   backcourt: `ingest` of the files into a fresh database, then
#              `backfill --no-resume --tables <the three>` over the range;
#   SQL:       CSV `.import` of the same files into a fresh database, then
#              bench/vs_sql/build.sql (INSERT … SELECT with the formulas of DESIGN.md §4).
# The input: five seasons (2021-22..2025-26) of team logs, team advanced files and player
# logs, and the four player_box files of SHARED. The two are run alternately three times
# (A B A B A B); the medians and the ratio SQL/backcourt (backcourt's speedup; > 1 means
# backcourt is faster) are printed. Then both last databases are attached and the rows are
# compared (bench/vs_sql/compare.sql): within 1e-9 on team minutes, possessions, pace,
# offensive and defensive rating, ts/efg, minutes played and usage. Fails when any compared
# value differs, or when more than 0.1% of a table's rows cannot be compared (on one side
# only, or from another primary source). What the SQL cannot reproduce exactly (see
# bench/vs_sql/build.sql): player-games with two same-priority rows that differ (backcourt
# picks one by a content hash): there backcourt's row must equal one of the candidates;
# name folding beyond the accented letters the SQL lists (rows would differ in source).
# Usage: bench/vs_sql.sh [BACKCOURT] [SHARED]
set -euo pipefail
BACKCOURT=${1:-build/backcourt}
SHARED=${2:-../shared/data/nba}
START=2021-10-19
END=2026-01-02
SEASONS=(2021-22 2022-23 2023-24 2024-25 2025-26)
TABLES=team_offense_game_summary,team_defense_game_summary,player_game_summary
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -d "$SHARED" ]; then
  echo "skipped: ../shared/data/nba not found"
  exit 0
fi
[ -x "$BACKCOURT" ] || { echo "bench/vs_sql.sh: $BACKCOURT is not an executable" >&2; exit 2; }
command -v sqlite3 > /dev/null || { echo "bench/vs_sql.sh: sqlite3 not found (scripts/install-deps.sh)" >&2; exit 2; }

team_logs=() team_adv=() player_logs=()
for s in "${SEASONS[@]}"; do
  team_logs+=("$SHARED/team_games/team_game_logs_$s.csv")
  team_adv+=("$SHARED/team_games/box_score_advanced_$s.csv")
  player_logs+=("$SHARED/player_logs/player_game_logs_$s.csv")
done
box="$SHARED/player_box"
p_box=("$box"/nba_stats_boxscores_*.csv)
p_gl448=("$box"/nba_stats_playergamelog_*_448_players.csv)
p_gls=("$box"/nba_stats_playergamelogs_*.csv)
p_bbref=("$box"/bbref_gamelogs_*.csv)
files=("${team_logs[@]}" "${team_adv[@]}" "${player_logs[@]}" "${p_box[@]}" "${p_gl448[@]}"
       "${p_gls[@]}" "${p_bbref[@]}")
for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "bench/vs_sql.sh: missing input $f" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/backcourt-bench-vs-sql.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }  # floating point without bc

# The shell script an analyst would write: the range, one `.import` per file (the first of
# each kind names the columns from its header), then the SQL.
{
  echo ".bail on"
  echo "CREATE TABLE params(first_date TEXT, last_date TEXT);"
  echo "INSERT INTO params VALUES ('$START', '$END');"
  # The 448-player logs have both Player_ID and PLAYER_ID, which one table cannot name.
  echo "CREATE TABLE p_gl448(SEASON_ID, Player_ID_, Game_ID, GAME_DATE, MATCHUP, WL, MIN,
    FGM, FGA, FG_PCT, FG3M, FG3A, FG3_PCT, FTM, FTA, FT_PCT, OREB, DREB, REB, AST, STL, BLK,
    TOV, PF, PTS, PLUS_MINUS, VIDEO_AVAILABLE, PLAYER_ID, PLAYER_NAME, SEASON);"
  import() {  # table file...
    local table=$1 skip=""
    shift
    [ "$table" = p_gl448 ] && skip="--skip 1 "
    for f in "$@"; do
      echo ".import --csv $skip'$f' $table"
      skip="--skip 1 "
    done
  }
  import t_logs "${team_logs[@]}"
  import t_adv "${team_adv[@]}"
  import p_logs "${player_logs[@]}"
  import p_box "${p_box[@]}"
  import p_gl448 "${p_gl448[@]}"
  import p_gls "${p_gls[@]}"
  import p_bbref "${p_bbref[@]}"
  echo ".read '$here/vs_sql/build.sql'"
} > "$tmp/analyst.sql"

# shellcheck disable=SC2317  # run_backcourt and run_sql are called through `timed`
run_backcourt() {
  rm -f "$tmp"/bc.db*
  "$BACKCOURT" --db "$tmp/bc.db" ingest "${files[@]}" --quiet > "$tmp/bc_ingest.log" 2>&1 || {
    cat "$tmp/bc_ingest.log" >&2; return 1; }
  "$BACKCOURT" --db "$tmp/bc.db" backfill --start-date "$START" --end-date "$END" --no-resume \
    --tables "$TABLES" > "$tmp/bc_backfill.log" 2>&1 || {
    tail -n 5 "$tmp/bc_backfill.log" >&2; return 1; }
}
# shellcheck disable=SC2317
run_sql() {
  rm -f "$tmp"/sql.db*
  sqlite3 "$tmp/sql.db" < "$tmp/analyst.sql" > "$tmp/sql.log" 2>&1 || { cat "$tmp/sql.log" >&2; return 1; }
}
# Prints "WALL CPU" seconds of "$@" (CPU: user + system of the processes it ran, from the
# `times` of the subshell it runs in; on a loaded machine CPU is the steadier figure).
timed() {
  local start end
  start=$(now)
  "$@" || { echo failed; return; }
  end=$(now)
  times > "$tmp/times"  # a redirection, not a pipe: a forked `times` would report nothing
  printf '%s %s\n' "$(calc "$end - $start")" \
    "$(sed -n 2p "$tmp/times" | awk '{ s = 0; for (i = 1; i <= 2; ++i) { split($i, p, "m");
        s += p[1] * 60 + p[2] } printf "%.3f", s }')"
}

bc_wall=() bc_cpu=() sql_wall=() sql_cpu=()
for pair in 1 2 3; do
  read -r wall cpu < <(timed run_backcourt)
  [ "$wall" != failed ] || { echo "bench/vs_sql.sh: backcourt failed (above)" >&2; exit 1; }
  bc_wall+=("$wall") bc_cpu+=("$cpu")
  read -r wall cpu < <(timed run_sql)
  [ "$wall" != failed ] || { echo "bench/vs_sql.sh: the SQL script failed (above)" >&2; exit 1; }
  sql_wall+=("$wall") sql_cpu+=("$cpu")
  printf 'pair %d: backcourt %5.2f s (cpu %5.2f s), sql %5.2f s (cpu %5.2f s)\n' "$pair" \
    "${bc_wall[-1]}" "${bc_cpu[-1]}" "${sql_wall[-1]}" "${sql_cpu[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
bc_median=$(median "${bc_wall[@]}") bc_cpu_median=$(median "${bc_cpu[@]}")
sql_median=$(median "${sql_wall[@]}") sql_cpu_median=$(median "${sql_cpu[@]}")

# Agreement of the last two builds.
out=$(sqlite3 "$tmp/sql.db" "ATTACH '$tmp/bc.db' AS bc;" ".read '$here/vs_sql/compare.sql'")
echo "comparison (within 1e-9):"
grep '^counts|' <<< "$out" | awk -F'|' '{ printf "  %-13s %-28s %7d\n", $2, $3, $4 }'
total=$(grep '^total_mismatches|' <<< "$out" | cut -d'|' -f2)
printf 'inputs: %d files, %.1f MB\n' "${#files[@]}" \
  "$(calc "$(du -cbL "${files[@]}" | tail -1 | cut -f1) / 1000000")"
printf 'backcourt (ingest + backfill of 3 tables): %6.2f s, cpu %6.2f s (medians of 3)\n' \
  "$bc_median" "$bc_cpu_median"
printf 'sqlite3 shell (.import + SQL)            : %6.2f s, cpu %6.2f s (medians of 3)\n' \
  "$sql_median" "$sql_cpu_median"
printf 'backcourt speedup (SQL / backcourt)      : %6.2fx wall, %.2fx cpu (target >= 3x wall)\n' \
  "$(calc "$sql_median / $bc_median")" "$(calc "$sql_cpu_median / $bc_cpu_median")"
status=0
if [ "$total" != "0" ]; then
  echo "FAIL: $total values differ by more than 1e-9; first ones (table, row, column, backcourt, sql):" >&2
  grep '^mismatch|' <<< "$out" | cut -d'|' -f2- | sed 's/^/  /' >&2
  status=1
fi
if grep -q '^uncovered|' <<< "$out"; then
  grep '^uncovered|' <<< "$out" | awk -F'|' '{ printf "FAIL: %s: %d of %d rows not compared\n", $2, $3, $4 }' >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "agreement: every compared value within 1e-9"
exit "$status"

