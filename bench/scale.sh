#!/usr/bin/env bash
# Scale benchmark: for the last 5, 10 and 26 seasons of SHARED/team_games (2000-01..2025-26),
# player box scores are generated from the real team game logs (untimed, backcourt_scale_gen),
# then, into a fresh database, `ingest` of the team logs, advanced files and generated player
# files, and a full `backfill --workers 2` of every derived table over the
# seasons' whole range, each under /usr/bin/time -v (wall time, peak memory).
# Targets on a 2-core machine: 26 seasons under 60 s end to end, peak memory under 2 GB,
# seconds per season roughly constant from 5 to 26 seasons.
# Usage: bench/scale.sh [BACKCOURT] [SHARED] [GENERATOR]   (SCALE_SIZES="5 10 26" to change)
set -euo pipefail
BACKCOURT=${1:-build/backcourt}
SHARED=${2:-../shared/data/nba}
GENERATOR=${3:-$(dirname "$BACKCOURT")/backcourt_scale_gen}
SIZES=${SCALE_SIZES:-5 10 26}
WORKERS=2

if [ ! -d "$SHARED" ]; then
  echo "skipped: ../shared/data/nba not found"
  exit 0
fi
for tool in "$BACKCOURT" "$GENERATOR"; do
  [ -x "$tool" ] || { echo "bench/scale.sh: $tool is not an executable" >&2; exit 2; }
done
command -v sqlite3 > /dev/null || { echo "bench/scale.sh: needs sqlite3 (scripts/install-deps.sh)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/scale.sh: needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/backcourt-bench-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }  # floating point without bc
# Wall seconds and peak RSS in MB from a /usr/bin/time -v report.
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"
}
cpu_seconds() { awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$1"; }
peak_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

# Per-season files are independent of which seasons are generated: generate all once.
# Wall times on a shared machine depend on its load: print it, and CPU seconds beside.
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "generating player box scores for every season (untimed)..."
"$GENERATOR" --data "$SHARED/team_games" --out "$tmp/players" > "$tmp/generate.log"
tail -1 "$tmp/generate.log"

results=()
per_season=()
for n in $SIZES; do
  mapfile -t seasons < <(find "$SHARED/team_games" -name 'team_game_logs_*.csv' -printf '%f\n' |
    sed 's/^team_game_logs_//; s/\.csv$//' | sort | tail -n "$n")
  files=()
  for s in "${seasons[@]}"; do
    files+=("$SHARED/team_games/team_game_logs_$s.csv" "$SHARED/team_games/box_score_advanced_$s.csv"
            "$tmp/players/player_box_$s.csv")
  done
  db="$tmp/scale_$n.db"
  echo "== ${#seasons[@]} seasons (${seasons[0]}..${seasons[-1]})"
  /usr/bin/time -v -o "$tmp/ingest_$n.time" \
    "$BACKCOURT" --db "$db" ingest "${files[@]}" --quiet > "$tmp/ingest_$n.log"
  read -r first last < <(sqlite3 -separator ' ' "$db" "SELECT MIN(game_date), MAX(game_date) FROM schedule")
  backfill_rc=0
  /usr/bin/time -v -o "$tmp/backfill_$n.time" \
    "$BACKCOURT" --db "$db" backfill --start-date "$first" --end-date "$last" \
    --workers "$WORKERS" > "$tmp/backfill_$n.log" 2>&1 || backfill_rc=$?
  sed -n '/BACKFILL SUMMARY/,/^$/p' "$tmp/backfill_$n.log"
  grep -i 'verdict' "$tmp/backfill_$n.log" | head -3 || true
  [ "$backfill_rc" -eq 0 ] || echo "(backfill exit code $backfill_rc)"
  raw=$(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM schedule) + (SELECT COUNT(*) FROM raw_team_box)
                       + (SELECT COUNT(*) FROM raw_player_box)")
  derived=$(sqlite3 "$db" "SELECT COALESCE(SUM(rows), 0) FROM partitions")
  ingest_s=$(wall_seconds "$tmp/ingest_$n.time")
  backfill_s=$(wall_seconds "$tmp/backfill_$n.time")
  total_s=$(calc "$ingest_s + $backfill_s")
  cpu_s=$(calc "$(cpu_seconds "$tmp/ingest_$n.time") + $(cpu_seconds "$tmp/backfill_$n.time")")
  ingest_mb=$(peak_mb "$tmp/ingest_$n.time")
  backfill_mb=$(peak_mb "$tmp/backfill_$n.time")
  peak=$(( ingest_mb > backfill_mb ? ingest_mb : backfill_mb ))
  results+=("$(printf '%7d %10d %10d %8.2f %10.2f %8.2f %7.1f %9.0f %8.2f %6d %7d %6d' \
    "${#seasons[@]}" "$raw" "$derived" "$ingest_s" "$backfill_s" "$total_s" "$cpu_s" \
    "$(calc "($raw + $derived) / $total_s")" "$(calc "$total_s / ${#seasons[@]}")" "$peak" \
    "$ingest_mb" "$backfill_mb")")
  last_total=$total_s last_peak=$peak
  per_season+=("$(calc "$total_s / ${#seasons[@]}")")
  rm -f "$db" "$db-wal" "$db-shm"
done

echo
echo "total s = ingest + backfill wall time; cpu s = their user + system time; rows/s = (raw rows"
echo "ingested + derived rows written) / total s; peak MB = max RSS (also per command)"
printf '%7s %10s %10s %8s %10s %8s %7s %9s %8s %6s %7s %6s\n' seasons "raw rows" derived \
  "ingest s" "backfill s" "total s" "cpu s" rows/s s/season "peak" "ingest" "backfill"
printf '%s\n' "${results[@]}"
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"MISSED\" }"; }
printf 'target total < 60 s: %s (%.1f s); peak < 2048 MB: %s (%d MB); s/season largest/smallest run: %.2f\n' \
  "$(verdict "$last_total < 60")" "$last_total" "$(verdict "$last_peak < 2048")" "$last_peak" \
  "$(calc "${per_season[-1]} / ${per_season[0]}")"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (wall times grow with it; cpu s much less)"
