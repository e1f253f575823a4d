#!/usr/bin/env bash
# Builds Brandpunt in _build and opens it, uninstalled, on the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build
exec meson devenv -C _build brandpunt --demo "$@"
