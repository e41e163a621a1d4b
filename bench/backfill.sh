#!/usr/bin/env bash
# Backfill engine benchmark: ingests SHARED (default ../shared/data/nba) into a fresh database
# (untimed), then times a full rebuild of every derived table over 2021-10-19..2026-01-02
# with 1 and 2 workers, and a rerun with nothing to do. Prints the median of 3 runs each.
# Targets on a 2-core machine: full run under 5 s, no-op rerun under 0.5 s. Then the four
# tables issue 16 names (team offense and defense, player game summary and features, the
# rest built and fresh): full rebuild with 2 workers and no-op, targets 1.0 s and 0.15 s,
# and a fresh build of the four with player_availability (which reads player game summary
# and feeds the features): their rows and records deleted before each run, untimed.
# A rebuild whose partitions come out as stored keeps their rows (only records written).
# Usage: bench/backfill.sh [BACKCOURT] [SHARED]
set -euo pipefail
BACKCOURT=${1:-build/backcourt}
SHARED=${2:-../shared/data/nba}
RANGE=(--start-date 2021-10-19 --end-date 2026-01-02)
if [ ! -d "$SHARED" ]; then
  echo "skipped: ../shared/data/nba not found"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/backcourt-bench-backfill.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/backfill.db"
"$BACKCOURT" --db "$db" ingest "$SHARED" --quiet > /dev/null

before_run() { :; }  # called (untimed) before each run
# Prints the median wall time of 3 runs of the backfill with the given extra flags.
median_of_3() {
  local times=()
  for _ in 1 2 3; do
    local start end
    before_run
    start=$(date +%s.%N)
    "$BACKCOURT" --db "$db" backfill "${RANGE[@]}" "$@" > "$tmp/last.log" 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(awk "BEGIN { print $end - $start }")")
  done
  printf '%s\n' "${times[@]}" | sort -g | sed -n 2p
}

full1=$(median_of_3 --no-resume --workers 1)
full2=$(median_of_3 --no-resume --workers 2)
"$BACKCOURT" --db "$db" backfill "${RANGE[@]}" > /dev/null 2>&1 || true
noop=$(median_of_3)
partitions=$(sqlite3 "$db" "SELECT COUNT(*) FROM partitions WHERE game_date BETWEEN '2021-10-19' AND '2026-01-02'")
grep -A8 "BACKFILL SUMMARY" "$tmp/last.log" | head -8
FOUR=team_offense_game_summary,team_defense_game_summary,player_game_summary,player_game_features
four_full=$(median_of_3 --no-resume --workers 2 --tables "$FOUR")
"$BACKCOURT" --db "$db" backfill "${RANGE[@]}" --tables "$FOUR" > /dev/null 2>&1 || true
four_noop=$(median_of_3 --tables "$FOUR")
FIVE=$FOUR,player_availability
before_run() {
  { echo "BEGIN;"; for t in ${FIVE//,/ }; do
      echo "DELETE FROM $t; DELETE FROM partitions WHERE table_name = '$t';"
      echo "DELETE FROM partition_gaps WHERE table_name = '$t';"; done
    echo "COMMIT;"; } | sqlite3 "$db"
}
five_fresh=$(median_of_3 --workers 2 --tables "$FIVE")
grep -q "every planned partition is built" "$tmp/last.log" || {
  echo "bench/backfill.sh: the fresh build did not build every partition:" >&2
  tail -n 5 "$tmp/last.log" >&2; exit 1; }
printf 'full backfill, 1 worker : %6.2f s (median of 3)\n' "$full1"
printf 'full backfill, 2 workers: %6.2f s (median of 3)  target < 5 s\n' "$full2"
printf 'no-op rerun             : %6.2f s (median of 3)  target < 0.5 s\n' "$noop"
printf 'partitions in range     : %d\n' "$partitions"
printf 'four tables, 2 workers  : %6.2f s (median of 3)  target <= 1.0 s\n' "$four_full"
printf 'four tables, no-op      : %6.2f s (median of 3)  target <= 0.15 s\n' "$four_noop"
printf 'four + availability, fresh: %4.2f s (median of 3)  (rows and records deleted first)\n' "$five_fresh"
