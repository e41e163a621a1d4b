#!/usr/bin/env bash
# Renders the HTML report of a database in headless Chromium and saves a screenshot, to check
# that the page opens without network access and shows the heatmaps.
# Usage: tests/validate/report_screenshot.sh [BACKCOURT] [DB] [OUT_PNG] [REPORT_ARGS...]
#   DB defaults to build/demo.db (`make demo` creates it); OUT_PNG to build/report.png;
#   REPORT_ARGS go to `backcourt report` (e.g. --start-date 2021-10-19 --end-date 2026-01-02).
set -euo pipefail
BACKCOURT=${1:-build/backcourt}
DB=${2:-build/demo.db}
OUT=${3:-build/report.png}
shift $(( $# < 3 ? $# : 3 ))

command -v chromium > /dev/null || { echo "skipped: chromium not installed (apt-get install -y chromium)"; exit 0; }
[ -x "$BACKCOURT" ] || { echo "$0: $BACKCOURT is not an executable" >&2; exit 2; }
[ -f "$DB" ] || { echo "$0: $DB not found (run make demo first)" >&2; exit 2; }

profile=$(mktemp -d "${TMPDIR:-/tmp}/backcourt-chromium.XXXXXX")
trap 'rm -rf "$profile"' EXIT
html="$profile/report.html"
"$BACKCOURT" --db "$DB" report --html "$html" "$@"
rm -f "$OUT"
# --disable-background-networking and friends: the page must render with no network at all.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile/profile" --screenshot="$(realpath -m "$OUT")" \
  --window-size=1400,2000 "file://$html" > "$profile/chromium.log" 2>&1 || true
if [ ! -s "$OUT" ]; then
  echo "$0: no screenshot written; chromium said:" >&2
  tail -n 20 "$profile/chromium.log" >&2
  exit 1
fi
echo "screenshot: $OUT ($(stat -c %s "$OUT") bytes)"
