#!/usr/bin/env bash
# End-to-end ingest benchmark: ingests SHARED (default ../shared/data/nba) into a fresh
# database 3 times and prints the median seconds and input MB/s.
# Usage: bench/ingest.sh [BACKCOURT] [SHARED]
set -euo pipefail
BACKCOURT=${1:-build/backcourt}
SHARED=${2:-../shared/data/nba}
RUNS=3

if [ ! -d "$SHARED" ]; then
  echo "skipped: ../shared/data/nba not found"
  exit 0
fi
[ -x "$BACKCOURT" ] || { echo "bench/ingest.sh: $BACKCOURT is not an executable" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/backcourt-bench-ingest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }  # floating point without bc

bytes=$(find "$SHARED" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
times=()
for run in $(seq "$RUNS"); do
  db="$tmp/ingest_$run.db"
  start=$(now)
  "$BACKCOURT" --db "$db" ingest "$SHARED" > "$tmp/ingest_$run.log"
  end=$(now)
  times+=("$(calc "$end - $start")")
  printf 'run %d: %.2f s\n' "$run" "${times[-1]}"
done
median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
rows=$(sqlite3 "$tmp/ingest_1.db" \
  "SELECT (SELECT COUNT(*) FROM schedule) + (SELECT COUNT(*) FROM raw_team_box) + (SELECT COUNT(*) FROM raw_player_box)")
printf 'ingest %s: %.1f MB, %d raw rows\n' "$SHARED" "$(calc "$bytes / 1000000")" "$rows"
printf 'median of %d runs: %.2f s, %.1f MB/s, %.0f rows/s\n' "$RUNS" "$median" \
  "$(calc "$bytes / 1000000 / $median")" "$(calc "$rows / $median")"
