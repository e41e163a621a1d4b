#!/usr/bin/env bash
# End-to-end validation benchmark: ingests SHARED (default ../shared/data/nba) into a fresh
# database and backfills 2021-10-19..2026-01-02 (both untimed), then times `validate` over
# that range 5 times and prints the median seconds and its verdict. Target: under 1 s.
# Usage: bench/validate.sh [BACKCOURT] [SHARED]
set -euo pipefail
BACKCOURT=${1:-build/backcourt}
SHARED=${2:-../shared/data/nba}
START=2021-10-19
END=2026-01-02
RUNS=5

if [ ! -d "$SHARED" ]; then
  echo "skipped: ../shared/data/nba not found"
  exit 0
fi
[ -x "$BACKCOURT" ] || { echo "bench/validate.sh: $BACKCOURT is not an executable" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/backcourt-bench-validate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/validate.db"
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }  # floating point without bc

"$BACKCOURT" --db "$db" ingest "$SHARED" > "$tmp/ingest.log"
# Partial partitions are written (and recorded) so validation has everything to judge.
"$BACKCOURT" --db "$db" backfill --start-date "$START" --end-date "$END" \
  > "$tmp/backfill.log" 2>&1 || true

times=()
cpus=()
for run in $(seq "$RUNS"); do
  start=$(now)
  rc=0
  # CPU seconds too: on a shared machine the wall clock also measures the neighbours.
  /usr/bin/time -f '%U %S' -o "$tmp/cpu_$run" "$BACKCOURT" --db "$db" validate \
    --start-date "$START" --end-date "$END" > "$tmp/validate_$run.log" 2>&1 || rc=$?
  end=$(now)
  cpus+=("$(tail -n 1 "$tmp/cpu_$run" | awk '{ printf "%.3f", $1 + $2 }')")
  # 0 pass, 1 a blocking check failed: both are a completed validation.
  if [ "$rc" -gt 1 ]; then
    echo "bench/validate.sh: validate exited with $rc" >&2
    tail -n 5 "$tmp/validate_$run.log" >&2
    exit 1
  fi
  times+=("$(calc "$end - $start")")
  printf 'run %d: %.3f s (%.3f s CPU)\n' "$run" "${times[-1]}" "${cpus[-1]}"
done
median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
median_cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
grep '^VERDICT' "$tmp/validate_1.log" || true
rows=$(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM player_game_summary)
  + (SELECT COUNT(*) FROM team_offense_game_summary)
  + (SELECT COUNT(*) FROM team_defense_game_summary)")
printf 'validate %s..%s over %d derived rows: median of %d runs %.3f s, %.3f s CPU (target < 1 s)\n' \
  "$START" "$END" "$rows" "$RUNS" "$median" "$median_cpu"
uptime
