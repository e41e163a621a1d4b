#!/usr/bin/env bash
# Runs fuzz targets one after the other (never two at once), each for SECONDS, on its corpus
# (BUILD/fuzz-corpus/<target>, kept between runs) and seeds (BUILD/fuzz-seeds/<target>).
# Appends one line per run to BUILD/fuzz-runs.tsv. Exits 1 when any target found something,
# naming the target, its log and the input that crashed it.
# Usage: fuzz/run_fuzzers.sh BUILD SECONDS [TARGET...]   (default: every target)
set -uo pipefail
build=${1:?usage: fuzz/run_fuzzers.sh BUILD SECONDS [TARGET...]}
seconds=${2:?usage: fuzz/run_fuzzers.sh BUILD SECONDS [TARGET...]}
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_nba_stats_json fuzz_bdl_json fuzz_schedule_json fuzz_nba_stats_csv fuzz_bbref_csv
           fuzz_team_log_csv fuzz_team_advanced_csv fuzz_odds_api_json fuzz_odds_props_csv
           fuzz_game_lines_csv fuzz_injury_report_pdf fuzz_minutes fuzz_gunzip)
fi
dicts="$(cd "$(dirname "$0")" && pwd)"
runs="$build/fuzz-runs.tsv"
[ -f "$runs" ] || printf 'date\ttarget\tseconds\texecs\tcorpus\tpeak_rss_mb\tresult\n' > "$runs"
export UBSAN_OPTIONS=print_stacktrace=1

dict_of() {
  case $1 in
    *_json) echo "$dicts/json.dict" ;;
    *_csv) echo "$dicts/csv.dict" ;;
    fuzz_minutes) echo "$dicts/minutes.dict" ;;
    *_pdf) echo "$dicts/pdf.dict" ;;
  esac
}

findings=()
for target in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$target"
  artifacts="$build/fuzz-artifacts/$target"
  log="$build/fuzz-logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  # Inputs up to 64 KiB: every fixture's shape fits (seed_corpus.sh), and time goes to
  # structure rather than to bulk.
  # PDFs: the real report (67 KiB, its fonts embedded) must fit whole, or every seed is truncated.
  max_len=65536
  [[ $target == *_pdf ]] && max_len=131072
  args=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 -max_len="$max_len"
        -print_final_stats=1 -artifact_prefix="$artifacts/")
  dict=$(dict_of "$target")
  [ -n "$dict" ] && args+=(-dict="$dict")
  echo "== $target: ${seconds}s (log: $log)"
  "$build/fuzz/$target" "${args[@]}" "$corpus" "$build/fuzz-seeds/$target" > "$log" 2>&1
  rc=$?
  execs=$(grep -oP 'stat::number_of_executed_units:\s*\K[0-9]+' "$log" | tail -1)
  rss=$(grep -oP 'stat::peak_rss_mb:\s*\K[0-9]+' "$log" | tail -1)
  ran=$(grep -oP 'Done [0-9]+ runs in \K[0-9]+' "$log" | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  result=clean
  if [ $rc -ne 0 ]; then
    input=$(grep -oP 'Test unit written to \K\S+' "$log" | tail -1)
    result="FINDING (exit $rc): input ${input:-none written}"
    what=$(grep -m1 -E 'ERROR: |runtime error|deadly signal' "$log" || tail -n 2 "$log")
    findings+=("$target: $what; input ${input:-none}; log $log")
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -Is)" "$target" "${ran:-?}" "${execs:-?}" \
    "$size" "${rss:-?}" "$result" | tee -a "$runs"
done

if [ ${#findings[@]} -ne 0 ]; then
  echo "fuzzing found problems:" >&2
  printf '  %s\n' "${findings[@]}" >&2
  exit 1
fi
echo "fuzzing clean: ${targets[*]}"
