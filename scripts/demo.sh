#!/usr/bin/env bash
# make demo: the product's story on the bundled real 2023-24 sample (data/sample).
#  1. ingest the sample with March 2024's player rows held back, and backfill;
#  2. validate fails, naming the missing games;
#  3. ingest the held-back month; backfill rebuilds exactly what it touches (and says so);
#  4. validate passes, the play-in and Cup-final gaps (no source has their player rows)
#     listed as warnings; train the points model; write the HTML report.
# Each step's full output is in build/demo/*.log; the script fails when a step does not end
# the way the story says (a demo that "passes" while the tool misbehaves is worse than none).
# Usage: scripts/demo.sh BACKCOURT OUT_DIR
set -euo pipefail
BACKCOURT=$1
OUT=$2
DB="$OUT/demo.db"
SAMPLE=data/sample
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm" "$OUT"/*.log "$OUT"/*.csv "$OUT"/demo-model.json*

step() { printf '\n== %s\n' "$*"; }
# Runs a command, keeps its whole output in a log, and checks its exit code.
run() {
  local expect=$1 log=$2
  shift 2
  local code=0
  "$@" > "$OUT/$log" 2>&1 || code=$?
  if [ "$code" -ne "$expect" ]; then
    cat "$OUT/$log"
    echo "demo: '$*' exited $code, the story expects $expect (log: $OUT/$log)" >&2
    exit 1
  fi
}

# The held-back month: the complete player logs split into March 2024 and the rest.
LOGS="$SAMPLE/player_game_logs_2023-24.csv"
HELD="$OUT/player_game_logs_2024-03.csv"
REST="$OUT/player_game_logs_2023-24_without_2024-03.csv"
awk -F, -v held="$HELD" -v rest="$REST" \
  'NR == 1 { print > held; print > rest; next }
   $4 ~ /^2024-03-/ { print > held; next }
   { print > rest }' "$LOGS"

step "1. Ingest the sample with March 2024's player rows held back ($(($(wc -l < "$HELD") - 1)) rows), then backfill"
run 0 ingest1.log "$BACKCOURT" --db "$DB" ingest "$SAMPLE/team_game_logs_2023-24.csv" \
  "$SAMPLE/box_score_advanced_2023-24.csv" "$SAMPLE/nba_stats_boxscores_2023-24_to_2024-01-18.csv" "$REST"
tail -n 1 "$OUT/ingest1.log"
run 1 backfill1.log "$BACKCOURT" --db "$DB" backfill --start-date 2023-10-24 --end-date 2024-06-17
sed -n '/^BACKFILL SUMMARY/,/^$/p' "$OUT/backfill1.log"
grep -E '^Gaps:' "$OUT/backfill1.log"

step "2. Validate: the missing month fails player_game_summary.completeness, game by game"
run 1 validate1.log "$BACKCOURT" --db "$DB" validate --start-date 2023-10-24 --end-date 2024-06-17
grep -E '^  ✗ ' "$OUT/validate1.log"
sed -n '/^FAILED player_game_summary.completeness/,/^$/p' "$OUT/validate1.log" | head -n 9
grep -E '^(GAPS|VERDICT)' "$OUT/validate1.log"

step "3. Ingest the held-back month; backfill rebuilds exactly the partitions it changes, and their downstream"
run 0 ingest2.log "$BACKCOURT" --db "$DB" ingest "$HELD"
tail -n 1 "$OUT/ingest2.log"
run 0 backfill2.log "$BACKCOURT" --db "$DB" backfill --start-date 2023-10-24 --end-date 2024-06-17
sed -n '/^BACKFILL SUMMARY/,/^$/p' "$OUT/backfill2.log"

step "4. Validate: passes; every gap still listed (no source has player rows for these games)"
run 0 validate2.log "$BACKCOURT" --db "$DB" validate --start-date 2023-10-24 --end-date 2024-06-17
grep -E '^  [✓✗!] player_game_summary.completeness' "$OUT/validate2.log"
sed -n '/^GAPS/,$p' "$OUT/validate2.log"

step "5. Train the points model (train through January, test February onwards)"
run 0 train.log "$BACKCOURT" --db "$DB" train --train-end 2024-01-31 --test-start 2024-02-01 \
  --model "$OUT/demo-model.json"
sed -n '1,/^Model vs last-10/p' "$OUT/train.log"

step "6. Report"
run 0 report.log "$BACKCOURT" --db "$DB" report --html "$OUT/report.html" \
  --start-date 2023-10-24 --end-date 2024-06-17
cat "$OUT/report.log"
echo
echo "demo: done. Database $DB, report $OUT/report.html, every step's output in $OUT/*.log"
