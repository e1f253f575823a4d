#!/usr/bin/env bash
# Renders every statistical sector of a demo store, filled with its class
# colour, with municipality boundaries, at 1920×1080 to PNG: once with
# `brandpunt-tool render-map` and once with Mapnik on the same polygons
# exported to GeoJSON with the same colours. Both run under hyperfine; prints
# both medians and their ratio (target: Brandpunt ≤ 0.5 × Mapnik). The first
# render-map on a store also builds the sector map and keeps it in the store;
# that first run is timed too, on fresh copies of the store.
#   bench-map.sh BUILD_ROOT
set -euo pipefail

build_root=$(cd "${1:?usage: bench-map.sh BUILD_ROOT}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tool="$build_root/src/tool/brandpunt-tool"
export BRANDPUNT_DATA_DIR="$build_root/data/geography"
# Mapnik's Python bindings are for the system Python, not the first on PATH.
python=/usr/bin/python3
runs=${BENCH_RUNS:-10}

for program in hyperfine "$python"; do
  command -v "$program" >/dev/null || { echo "bench-map: $program is missing (build-aux/install-deps.sh --test)" >&2; exit 77; }
done
if ! "$python" -c 'import mapnik' 2>/dev/null; then
  echo "bench-map: python3-mapnik is missing (build-aux/install-deps.sh --test)" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tool" demo --store "$work/demo.db" >/dev/null
# A copy as the demo left it, without the built sector map; it is copied
# again and flushed to disk before each first run, as a store would be.
cp "$work/demo.db" "$work/first.db"
options=(--metric incidence14 --date 2026-11-15 --no-labels)
common=(--store "$work/demo.db" "${options[@]}")
first=(--store "$work/first-run.db" "${options[@]}")
"$tool" render-map "${common[@]}" --export-geojson "$work/geo"
"$python" "$here/make-mapnik-style.py" "$work/geo"

hyperfine --warmup 1 --runs "$runs" --export-json "$work/results.json" \
  --prepare true --prepare true \
  --prepare "rm -f $work/first-run.db-wal $work/first-run.db-shm && cp $work/first.db $work/first-run.db && sync $work/first-run.db" \
  -n brandpunt "$tool render-map ${common[*]} --size 1920x1080 --out $work/brandpunt.png" \
  -n mapnik "$python $here/render-mapnik.py $work/geo/style.xml $work/mapnik.png 1920 1080" \
  -n brandpunt-first-run "$tool render-map ${first[*]} --size 1920x1080 --out $work/first-run.png"

"$python" - "$work/results.json" <<'PY'
import json, sys
results = {r['command']: r for r in json.load(open(sys.argv[1]))['results']}
b, m = results['brandpunt']['median'], results['mapnik']['median']
f = results['brandpunt-first-run']['median']
print(f"render-map 1920x1080: brandpunt median {b * 1000:.0f} ms, mapnik median {m * 1000:.0f} ms, "
      f"ratio {b / m:.2f} (target <= 0.5)")
print(f"first render-map on a store, building the sector map: median {f * 1000:.0f} ms, ratio {f / m:.2f}")
PY

if [ -n "${BENCH_KEEP:-}" ]; then
  cp "$work/brandpunt.png" "$work/mapnik.png" "$BENCH_KEEP/"
fi
