#!/usr/bin/env bash
# The indicators of every statistical sector for one day and window, three
# ways in the same run on the same counts of a full demo store (730 days):
#   (a) Brandpunt: the count cube, in process (bench-indicators);
#   (b) DuckDB through @duckdb/node-api, the same GROUP BY on the counts that
#       `brandpunt-tool export-counts` wrote, loaded into a table first;
#   (c) SQLite: the same GROUP BY on the store (in bench-indicators).
# Loading is timed apart for both Brandpunt and DuckDB. Prints the three
# medians and the ratio Brandpunt/DuckDB (target: <= 1), then, with
# hyperfine, whole commands: `brandpunt-tool indicators` against a node
# script that loads the CSV into DuckDB and queries it once.
#   bench-indicators.sh BUILD_ROOT
# BENCH_STORE=FILE reuses a demo store; BENCH_DATE, BENCH_WINDOW and
# BENCH_RUNS change the day (2026-11-15), window (14) and repetitions (200).
set -euo pipefail

build_root=$(cd "${1:?usage: bench-indicators.sh BUILD_ROOT}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tool="$build_root/src/tool/brandpunt-tool"
bench="$build_root/tests/bench/indicators/bench-indicators"
export BRANDPUNT_DATA_DIR="$build_root/data/geography"
date=${BENCH_DATE:-2026-11-15}
window=${BENCH_WINDOW:-14}
runs=${BENCH_RUNS:-200}

for program in node npm; do
  command -v "$program" >/dev/null || { echo "bench-indicators: $program is missing (build-aux/install-deps.sh --test)" >&2; exit 77; }
done

# @duckdb/node-api, not the old duckdb package, which downloads its binary
# at install time. The lock file lacks the binaries of other platforms than
# Linux x64 (the registry it was made with held no others), and npm ci
# refuses a lock file without them; package.json and @duckdb/node-api pin
# exact versions, so npm install then gets the same packages.
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
  (cd "$here" && { npm ci --no-audit --no-fund >&2 || npm install --no-save --no-audit --no-fund >&2; })
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

store=${BENCH_STORE:-}
if [ -z "$store" ]; then
  store="$work/demo.db"
  "$tool" demo --store "$store" >/dev/null
fi

"$tool" export-counts --store "$store" --out "$work/counts.csv" >/dev/null
"$tool" indicators --store "$store" --date "$date" --window "$window" --level sector > "$work/sectors.csv"

"$bench" "$store" "$date" "$window" "$runs" > "$work/brandpunt.txt"
node "$here/bench-duckdb.mjs" "$work/counts.csv" "$work/sectors.csv" "$date" "$window" "$runs" > "$work/duckdb.txt"

figure () {
  awk -F'\t' -v key="$1" '$1 == key { print $2 }' "$work/brandpunt.txt" "$work/duckdb.txt"
}

brandpunt=$(figure brandpunt-sectors-median-ms)
duckdb=$(figure duckdb-sectors-median-ms)
sqlite=$(figure sqlite-sectors-median-ms)

echo "== indicators of every sector ($(figure cube-sectors) sectors, $(figure cube-rows) count rows), $date, $window-day window =="
cat "$work/brandpunt.txt" "$work/duckdb.txt"
echo
printf 'median of %s: brandpunt %s ms, duckdb %s ms (the faster of %s threads: %s ms, 1 thread: %s ms), sqlite %s ms\n' \
  "$runs" "$brandpunt" "$duckdb" "$(figure duckdb-threads)" \
  "$(figure "duckdb-sectors-$(figure duckdb-threads)-threads-median-ms")" \
  "$(figure duckdb-sectors-1-thread-median-ms)" "$sqlite"
printf 'loading: brandpunt cube %s ms (%s MiB), duckdb tables from CSV %s ms\n' \
  "$(figure cube-load-median-ms)" "$(figure cube-memory-mib)" "$(figure duckdb-load-ms)"
awk -v b="$brandpunt" -v d="$duckdb" -v s="$sqlite" \
  'BEGIN { printf "ratio brandpunt/duckdb %.3f (target <= 1); brandpunt/sqlite %.3f\n", b / d, b / s }'

if command -v hyperfine >/dev/null; then
  echo
  echo "== whole commands: load and query once =="
  hyperfine --warmup 1 --runs "${BENCH_COMMAND_RUNS:-10}" --export-json "$work/commands.json" \
    -n brandpunt-tool "$tool indicators --store $store --date $date --window $window --level sector" \
    -n node-duckdb "node $here/bench-duckdb.mjs $work/counts.csv $work/sectors.csv $date $window --once" \
    >/dev/null
  node -e '
    const results = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).results;
    const by = Object.fromEntries(results.map((r) => [r.command, r]));
    const b = by["brandpunt-tool"].median, d = by["node-duckdb"].median;
    console.log(`brandpunt-tool indicators median ${(b * 1000).toFixed(0)} ms, node + duckdb median ${(d * 1000).toFixed(0)} ms, ratio ${(b / d).toFixed(2)}`);
  ' "$work/commands.json"
else
  echo "bench-indicators: hyperfine is missing, so no whole-command times" >&2
fi
