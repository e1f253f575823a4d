#!/usr/bin/env bash
# Frame times of the Map page while it pans and zooms across the whole region
# on the full demo store (target: p95 <= 16 ms).
#   tests/bench/bench-map-frames.sh BUILD_DIR
set -euo pipefail

build=$(cd "${1:-_build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export BRANDPUNT_DATA_DIR="$build/data/geography"
export GSETTINGS_SCHEMA_DIR="$build/data"
export GSETTINGS_BACKEND=memory
export GTK_A11Y=none
export XDG_DATA_HOME="$work/xdg"

"$build/src/tool/brandpunt-tool" demo --store "$work/demo.db" > /dev/null
for renderer in cairo ngl; do
  echo "== GSK_RENDERER=$renderer =="
  GSK_RENDERER=$renderer xvfb-run -a -s "-screen 0 1920x1080x24" \
    "$build/tests/bench/bench-map-frames" "$work/demo.db" 240
  echo "-- the same without the sector layer (window and libshumate alone)"
  GSK_RENDERER=$renderer xvfb-run -a -s "-screen 0 1920x1080x24" \
    "$build/tests/bench/bench-map-frames" "$work/demo.db" 240 --without-layer
done
