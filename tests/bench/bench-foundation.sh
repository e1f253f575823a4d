#!/usr/bin/env bash
# Foundation figures: first start (store creation + reference areas), warm start
# to the first frame, demo generation, store size and peak memory.
#   tests/bench/bench-foundation.sh BUILD_DIR
# Needs hyperfine, xvfb-run and GNU time (/usr/bin/time).
set -euo pipefail

build=$(cd "${1:-_build}" && pwd)
tool="$build/src/tool/brandpunt-tool"
app="$build/src/ui/brandpunt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export BRANDPUNT_DATA_DIR="$build/data/geography"
export GSETTINGS_SCHEMA_DIR="$build/data"
export GSETTINGS_BACKEND=memory
export GTK_A11Y=none
export NO_AT_BRIDGE=1
export XDG_DATA_HOME="$work/xdg"

echo "== demo generation (730 days, all sectors) =="
hyperfine --runs 3 --export-json "$work/demo.json" \
  --prepare "rm -f $work/demo.db $work/demo.db-wal $work/demo.db-shm" \
  "$tool demo --store $work/demo.db --seed 1"
/usr/bin/time -v "$tool" demo --store "$work/peak.db" --seed 1 2> "$work/demo.time" >/dev/null
echo "demo peak memory: $(awk -F': ' '/Maximum resident/ {printf "%.0f MiB", $2/1024}' "$work/demo.time")"
echo "demo store size: $(du -m "$work/peak.db" | cut -f1) MiB (reference areas alone: $(du -m "$BRANDPUNT_DATA_DIR/reference-areas.db" | cut -f1) MiB)"

echo
echo "== first start: new store, reference areas loaded, first frame =="
xvfb-run -a hyperfine --runs 5 \
  --prepare "rm -f $work/first.db $work/first.db-wal $work/first.db-shm" \
  "$app --store $work/first.db --quit-after-first-frame"

echo
echo "== warm start on the demo store to the first frame =="
xvfb-run -a hyperfine --warmup 2 --runs 10 \
  "$app --store $work/demo.db --quit-after-first-frame"
xvfb-run -a bash -c "for i in 1 2 3 4 5; do $app --store $work/demo.db --quit-after-first-frame; done" |
  awk -F'\t' '/first-frame-ms/ { print "in-process time to first frame: " $2 " ms" }'
xvfb-run -a /usr/bin/time -v "$app" --store "$work/demo.db" --quit-after-first-frame 2> "$work/app.time" >/dev/null
echo "app peak memory (warm start): $(awk -F': ' '/Maximum resident/ {printf "%.0f MiB", $2/1024}' "$work/app.time")"
