#!/usr/bin/env bash
# Usage: bench/pg_workers.sh BACKCOURT_BIN [DATA_DIR] [ROUNDS] [MODE]
# The full range 2021-10-19..2026-01-02 built from DATA_DIR by: a plain SQLite backfill, a
# plain PostgreSQL backfill, and `backfill --queue` plus 1 and 2 `worker` processes on
# PostgreSQL (a throwaway server on a Unix socket, bench/pg_server.sh). Each round builds
# every partition (--no-resume) of the ingested stores, the four kinds alternating; prints
# each run's wall time and peak RSS (the largest process), then the medians and the ratios
# to SQLite (target: within 3x). Every PostgreSQL run's data versions must equal SQLite's.
# MODE fresh (the default) empties the derived tables and their records before each run
# (untimed), so every partition is built and written as on a first backfill; MODE rebuild
# keeps them, so the rebuilt partitions come out as stored and only their records are
# written.
set -euo pipefail
BIN=$(realpath "$1"); DATA=${2:-../shared/data/nba}; ROUNDS=${3:-3}; MODE=${4:-fresh}
case "$MODE" in fresh|rebuild) ;; *) echo "MODE must be fresh or rebuild, not $MODE" >&2; exit 2;; esac
[ -d "$DATA" ] || { echo "bench-workers skipped: no $DATA"; exit 0; }
source "$(dirname "$0")/pg_server.sh"
OUT=$(mktemp -d /tmp/pg_workers_bench.XXXXXX)
RANGE=(--start-date 2021-10-19 --end-date 2026-01-02)
SQLITE="$OUT/sqlite.db"
PG=$(pg_createdb bench)
"$BIN" --db "$SQLITE" ingest "$DATA" --quiet > /dev/null
"$BIN" --db "$PG" ingest "$DATA" --quiet > /dev/null
# A first build of both (untimed) creates the derived tables.
"$BIN" --db "$SQLITE" backfill "${RANGE[@]}" > /dev/null 2>&1 || true
"$BIN" --db "$PG" backfill "${RANGE[@]}" > /dev/null 2>&1 || true

q="SELECT table_name, game_date, status, data_version FROM partitions ORDER BY 1, 2"
pg_versions() { psql -XAtq "$PG" -c "$q" | tr '|' '\t' | md5sum | cut -c1-8; }
sqlite_versions() { sqlite3 -separator $'\t' "$SQLITE" "$q" | md5sum | cut -c1-8; }

# The derived tables: what a first backfill builds.
DERIVED=$("$BIN" --db "$SQLITE" backfill --dry-run "${RANGE[@]}" 2>/dev/null |
  awk '$2 ~ /^[0-9]+$/ && $3 ~ /^[0-9]+$/ {print $1}')
[ -n "$DERIVED" ] || { echo "bench-workers: no derived tables planned" >&2; exit 1; }
# empty VERB SQL-CLIENT... : the derived tables' rows, records and gaps deleted (MODE fresh)
empty() {
  [ "$MODE" = fresh ] || return 0
  local verb=$1; shift
  { echo "BEGIN;"; for t in $DERIVED partition_gaps partitions; do echo "$verb $t;"; done
    echo "COMMIT;"; } | "$@" > /dev/null
}
empty_sqlite() { empty "DELETE FROM" sqlite3 "$SQLITE"; }
empty_pg() { empty TRUNCATE psql -XAtq "$PG"; }

# run NAME CMD... : wall seconds and peak RSS (MB) of CMD, appended to $OUT/NAME
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" > "$OUT/$name.log" 2>&1 || {
    echo "$name failed:"; tail -n 5 "$OUT/$name.log"; exit 1; }
  read -r secs kb < "$OUT/time"
  echo "$secs $((kb / 1024))" >> "$OUT/$name"
}
# workers N : backfill --queue, then N worker processes; wall time of both steps, largest RSS
workers() {
  local n=$1 start peak=0
  start=$(date +%s.%N)
  empty_pg
  run queue "$BIN" --db "$PG" backfill --queue --no-resume "${RANGE[@]}"
  peak=$(tail -n 1 "$OUT/queue" | cut -d' ' -f2)
  for i in $(seq "$n"); do
    /usr/bin/time -f "%M" -o "$OUT/w$i.time" "$BIN" --db "$PG" worker --max-idle 0 \
      > "$OUT/w$i.log" 2>&1 &
  done
  wait
  for i in $(seq "$n"); do
    kb=$(tail -n 1 "$OUT/w$i.time"); [ $((kb / 1024)) -gt "$peak" ] && peak=$((kb / 1024))
  done
  echo "$(echo "$(date +%s.%N) - $start" | bc) $peak" >> "$OUT/workers$n"
}

for r in $(seq "$ROUNDS"); do
  empty_sqlite
  run sqlite "$BIN" --db "$SQLITE" backfill --no-resume "${RANGE[@]}"
  empty_pg
  run pg_plain "$BIN" --db "$PG" backfill --no-resume "${RANGE[@]}"
  [ "$(pg_versions)" = "$(sqlite_versions)" ] || { echo "DATA VERSIONS DIFFER (plain)"; exit 1; }
  workers 1
  [ "$(pg_versions)" = "$(sqlite_versions)" ] || { echo "DATA VERSIONS DIFFER (1 worker)"; exit 1; }
  workers 2
  [ "$(pg_versions)" = "$(sqlite_versions)" ] || { echo "DATA VERSIONS DIFFER (2 workers)"; exit 1; }
  echo "round $r: sqlite $(tail -n1 "$OUT/sqlite") | pg backfill $(tail -n1 "$OUT/pg_plain") |" \
       "pg 1 worker $(tail -n1 "$OUT/workers1") | pg 2 workers $(tail -n1 "$OUT/workers2")  (s MB)"
done
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
base=$(cut -d' ' -f1 "$OUT/sqlite" | median)
for kind in sqlite pg_plain workers1 workers2; do
  t=$(cut -d' ' -f1 "$OUT/$kind" | median); m=$(cut -d' ' -f2 "$OUT/$kind" | median)
  printf "%-9s median %6.2f s  peak %5.0f MB  %.2fx SQLite  (%s)\n" "$kind" "$t" "$m" \
    "$(echo "$t / $base" | bc -l)" "$MODE"
done
echo "data versions identical on every run"
rm -rf "$OUT"
