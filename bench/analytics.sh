#!/usr/bin/env bash
# End-to-end analytics benchmark: ingests SHARED (default ../shared/data/nba) into a fresh
# database (untimed), then times a full rebuild of 2021-10-19..2026-01-02 3 times and prints
# the median seconds, dates/s and rows/s. Target: under 5 s.
# Usage: bench/analytics.sh [BACKCOURT] [SHARED]
set -euo pipefail
BACKCOURT=${1:-build/backcourt}
SHARED=${2:-../shared/data/nba}
START=2021-10-19
END=2026-01-02
RUNS=3
# The three analytics tables (features are bench-model's).
TABLES=team_offense_game_summary,team_defense_game_summary,player_game_summary

if [ ! -d "$SHARED" ]; then
  echo "skipped: ../shared/data/nba not found"
  exit 0
fi
[ -x "$BACKCOURT" ] || { echo "bench/analytics.sh: $BACKCOURT is not an executable" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/backcourt-bench-analytics.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/analytics.db"
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }  # floating point without bc

"$BACKCOURT" --db "$db" ingest "$SHARED" > "$tmp/ingest.log"

times=()
for run in $(seq "$RUNS"); do
  start=$(now)
  rc=0
  "$BACKCOURT" --db "$db" backfill --start-date "$START" --end-date "$END" --no-resume \
    --tables "$TABLES" > "$tmp/backfill_$run.log" 2>&1 || rc=$?
  end=$(now)
  if [ "$rc" -ne 0 ]; then
    echo "warning: run $run: backfill exited with $rc (last lines of its output below)" >&2
    tail -n 5 "$tmp/backfill_$run.log" >&2
  fi
  times+=("$(calc "$end - $start")")
  printf 'run %d: %.2f s\n' "$run" "${times[-1]}"
done
median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
# What one rebuild writes: every partition of the range, and the rows of the ok ones.
read -r dates rows < <(sqlite3 -separator ' ' "$db" \
  "SELECT COUNT(DISTINCT game_date), COALESCE(SUM(CASE WHEN status = 'ok' THEN rows END), 0)
   FROM partitions WHERE game_date BETWEEN '$START' AND '$END'")
tables=$(sqlite3 "$db" "SELECT COUNT(DISTINCT table_name) FROM partitions")
printf 'backfill %s..%s: %d dates, %d tables, %d rows per rebuild\n' "$START" "$END" \
  "$dates" "$tables" "$rows"
printf 'median of %d runs: %.2f s, %.0f dates/s, %.0f rows/s (target < 5 s)\n' "$RUNS" \
  "$median" "$(calc "$dates / $median")" "$(calc "$rows / $median")"
