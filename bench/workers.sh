#!/usr/bin/env bash
# Usage: bench/workers.sh BACKCOURT_BIN [DATA_DIR] [N_WORKERS]
# Wall time of one plain backfill (--workers 1) against `backfill --queue` plus N worker
# processes on one SQLite file, from the same ingested database; the partitions of both must
# carry the same data_version (compared at the end).
set -euo pipefail
BIN=$1; DATA=${2:-data/sample}; N=${3:-3}
OUT=$(mktemp -d /tmp/workers_bench.XXXXXX)
"$BIN" --db "$OUT/base.db" ingest "$DATA" --quiet > /dev/null
now() { date +%s.%N; }
cp "$OUT/base.db" "$OUT/plain.db"
s=$(now); "$BIN" --db "$OUT/plain.db" backfill --workers 1 > "$OUT/plain.log" 2>&1 || true
echo "plain backfill --workers 1: $(echo "$(now) - $s" | bc) s"
cp "$OUT/base.db" "$OUT/queue.db"
s=$(now); "$BIN" --db "$OUT/queue.db" backfill --queue > "$OUT/queue.log"
echo "backfill --queue: $(echo "$(now) - $s" | bc) s"
s=$(now)
for i in $(seq "$N"); do "$BIN" --db "$OUT/queue.db" worker --max-idle 0 > "$OUT/worker$i.log" 2>&1 & done
wait
echo "$N worker(s): $(echo "$(now) - $s" | bc) s"
q="SELECT table_name, game_date, status, data_version FROM partitions ORDER BY 1, 2"
if diff <(sqlite3 "$OUT/plain.db" "$q") <(sqlite3 "$OUT/queue.db" "$q") > /dev/null; then
  echo "data versions identical"
else
  echo "DATA VERSIONS DIFFER ($OUT)"
fi
