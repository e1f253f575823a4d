#!/bin/sh
# Builds the reference-area store shipped with Brandpunt from data/geography.
#
#   build-reference-db.sh TOOL SOURCE_DIR OUTPUT [PYTHON]
#
# TOOL is brandpunt-tool, SOURCE_DIR holds the GeoJSON files, OUTPUT is the
# store to write. The levels are imported in order (each one's parents must
# be in the store). The store is built under a temporary name and moved
# into place at the end, so a failed build never leaves a half-built OUTPUT.
# PYTHON (default python3, the one Meson runs on) switches the finished file
# from WAL to a rollback journal: a WAL store cannot be read from a folder the
# user may not write to, such as /usr/share.
set -eu

if [ $# -lt 3 ]; then
  echo "usage: $0 TOOL SOURCE_DIR OUTPUT [PYTHON]" >&2
  exit 2
fi

tool=$1
src=$2
out=$3
python=${4:-python3}
tmp="$out.tmp.$$"

cleanup () {
  rm -f "$tmp" "$tmp-wal" "$tmp-shm" "$tmp-journal"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

rm -f "$out"
cleanup

statbel_licence="Statbel open-data licence (Licentie open data): free reuse, cite Statbel and the date of last update (1/1/2025)"
pic_licence="Derived from Statbel open data (cite Statbel, 1/1/2025); provincies.incijfers.be states no licence for its area definitions"

import () {
  file=$1; level=$2; source=$3; licence=$4
  "$tool" import-areas "$src/$file" --level "$level" --store "$tmp" \
    --source "$source" --licence "$licence"
}

import region.geojson region \
  "Statbel, gewesten uit statistische sectoren 1/1/2025 via provincies.incijfers.be (March 2026); bevolking Statbel 1/1/2020" \
  "$statbel_licence"
import province.geojson province \
  "Statbel, provincies uit statistische sectoren 1/1/2025 via provincies.incijfers.be (March 2026); bevolking Statbel 1/1/2020" \
  "$statbel_licence"
import elz.geojson elz \
  "provincies.incijfers.be, eerstelijnszones (March 2026) uit Statbel statistische sectoren 1/1/2025; bevolking Statbel 1/1/2020" \
  "$pic_licence"
import municipality.geojson municipality \
  "Statbel, gemeenten 1/1/2025 via provincies.incijfers.be (March 2026); bevolking Statbel 1/1/2020" \
  "$statbel_licence"
import wijk.geojson.gz wijk \
  "Wijken voor omgevingsanalyse (ggw7, March 2026 via provincies.incijfers.be), unions of whole Statbel sectors 1/1/2025" \
  "Modellicentie Gratis Hergebruik v1.0: Wijken voor omgevingsanalyse. © gemeentebesturen, verzameld door Data & Analyse van de Vlaamse provincies"
import statistical_sector.geojson.gz sector \
  "Statbel, statistische sectoren 1/1/2025 via provincies.incijfers.be (March 2026); bevolking Statbel 1/1/2019; 8,801 of 10,594 outlines are synthetic splits of real cells" \
  "$statbel_licence"

"$python" - "$tmp" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
mode = db.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
if mode != "delete":
    sys.exit("could not leave WAL mode: " + mode)
db.execute("VACUUM")
db.close()
PY

mv "$tmp" "$out"
