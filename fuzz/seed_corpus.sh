#!/usr/bin/env bash
# Writes each fuzz target's seed corpus under BUILD/fuzz-seeds/<target>/ from tests/data,
# replacing what was there. Seeds are generated, never committed.
# Usage: fuzz/seed_corpus.sh BUILD
set -euo pipefail
build=${1:?usage: fuzz/seed_corpus.sh BUILD}
data="$(cd "$(dirname "$0")/.." && pwd)/tests/data"
seeds="$build/fuzz-seeds"
csv_head_lines=40  # header + rows: every code path, inputs small enough to mutate fast

# The fixtures each reader detects (as the reader tests use them).
declare -A fixtures=(
  [fuzz_nba_stats_json]="boxscoretraditionalv2_0022200552.json boxscoretraditionalv2_0022400561.json
    boxscoretraditionalv3_0022200552.json leaguegamelog_player_2025-03-15.json
    playergamelog_2025-26.json scoreboardv2.json scoreboardv2_b.json"
  [fuzz_bdl_json]="box_scores_2024-01-15.json box_scores_b.json games.json stats_player_box_scores.json"
  [fuzz_schedule_json]="scheduleleaguev2_2024-25_sample.json"
  [fuzz_nba_stats_csv]="nba_stats_boxscores_2023-24_head.csv nba_stats_playergamelog_2023-24_head.csv
    nba_stats_playergamelogs_2024-25_head.csv player_game_logs_2023-24_head.csv"
  [fuzz_bbref_csv]="bbref_gamelogs_2024-25_head.csv"
  [fuzz_team_log_csv]="team_game_logs_2023-24.csv"
  [fuzz_team_advanced_csv]="box_score_advanced_2023-24_head.csv"
  [fuzz_odds_api_json]="odds/event_odds_player_props_shape_example.json
    odds/historical_event_odds_h2h_2024-01-25T0355Z.json
    odds/historical_event_odds_spreads_totals_2024-01-25T0355Z.json
    odds/historical_events_2024-01-25T0355Z.json odds/historical_events_b.json"
  [fuzz_odds_props_csv]="odds/raw_20251111_170000.csv odds/pickem_01_02_2025.csv odds/pickem_10_22_2024.csv"
  [fuzz_game_lines_csv]="odds/game_lines_nba_2008-2025_sample.csv odds/consensus_close_2025-26_head.csv"
  [fuzz_injury_report_pdf]="Injury-Report_2024-01-04_12PM.pdf injury_report_synthetic.pdf"
)

# A JSON fixture with every list of records cut to two records (rowSet rows, players, games):
# the same shapes in a few KiB, which the fuzzer mutates far faster than a 160 KiB file.
shrink_json() {
  python3 -c '
import json, sys
def shrink(v):
    if isinstance(v, list):
        if v and all(isinstance(x, (dict, list)) for x in v):
            v = v[:2]
        return [shrink(x) for x in v]
    if isinstance(v, dict):
        return {k: shrink(x) for k, x in v.items()}
    return v
sys.stdout.write(json.dumps(shrink(json.load(open(sys.argv[1]))), ensure_ascii=False))
' "$1"
}
json_full_max_bytes=65536  # larger fixtures go in only as their shrunk copy (needs python3)

rm -rf "$seeds"
for target in "${!fixtures[@]}"; do
  mkdir -p "$seeds/$target"
  for name in ${fixtures[$target]}; do
    base=${name##*/}  # fixtures in subfolders (odds/) are seeds by their file name
    if [[ $name == *.pdf ]]; then
      cp "$data/$name" "$seeds/$target/$base"
    elif [[ $name == *.csv ]]; then
      head -n "$csv_head_lines" "$data/$name" > "$seeds/$target/$base"
    elif ! command -v python3 > /dev/null; then
      cp "$data/$name" "$seeds/$target/$base"
    else
      shrink_json "$data/$name" > "$seeds/$target/small-$base"
      if [ "$(stat -c %s "$data/$name")" -le $json_full_max_bytes ]; then
        cp "$data/$name" "$seeds/$target/$base"
      fi
    fi
  done
done

# Minutes: every format the fixtures use, and the edge values of minutes.h.
mkdir -p "$seeds/fuzz_minutes"
i=0
for text in "34:12" "240:00" "265:00" "PT34M12.00S" "PT00M00.00S" "28" "29.01666667" "0" "00" \
            "0:00" "" "-" "null" "DNP" "59:59" "70:00" "400:00" " 12:05\r"; do
  printf '%b' "$text" > "$seeds/fuzz_minutes/$((i++))"
done

# Gunzip: a few fixtures gzipped, one truncated, and plain bytes that must pass through.
mkdir -p "$seeds/fuzz_gunzip"
for name in games.json bbref_gamelogs_2024-25_head.csv; do
  gzip -9 -n -c "$data/$name" > "$seeds/fuzz_gunzip/$name.gz"
done
head -c 200 "$seeds/fuzz_gunzip/games.json.gz" > "$seeds/fuzz_gunzip/truncated.gz"
head -c 300 "$data/games.json" > "$seeds/fuzz_gunzip/plain"

echo "fuzz seeds written to $seeds"
