#!/usr/bin/env bash
# Dashboard refresh after changing scope or date, measured in-process on the
# full demo store (target: p95 <= 50 ms).
#   tests/bench/dashboard/bench-dashboard.sh BUILD_DIR
set -euo pipefail

build=$(cd "${1:-_build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export BRANDPUNT_DATA_DIR="$build/data/geography"
export GSETTINGS_SCHEMA_DIR="$build/data"
export GSETTINGS_BACKEND=memory
export GTK_A11Y=none
export GSK_RENDERER=${GSK_RENDERER:-cairo}
export XDG_DATA_HOME="$work/xdg"

"$build/src/tool/brandpunt-tool" demo --store "$work/demo.db" > /dev/null
xvfb-run -a -s "-screen 0 1920x1080x24" "$build/tests/bench/dashboard/bench-dashboard" "$work/demo.db" "${BENCH_CHANGES:-60}"
