#!/usr/bin/env bash
# Installs every Debian package Brandpunt needs to build, run and test on a fresh Debian 12.
#   build-aux/install-deps.sh          build and run dependencies
#   build-aux/install-deps.sh --test   also what the test suites and benchmarks need
set -euo pipefail

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd="sudo"
fi

packages=(
  build-essential pkg-config git meson ninja-build gettext itstool
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libepoxy-dev libadwaita-1-dev libshumate-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libproj-dev proj-data libsodium-dev
  desktop-file-utils appstream gsettings-desktop-schemas adwaita-icon-theme librsvg2-common
  fonts-cantarell fonts-dejavu-core sqlite3
)
if [ "$want_test" -eq 1 ]; then
  packages+=(
    xvfb xauth imagemagick poppler-utils hyperfine dbus-daemon
    clang libclang-rt-14-dev valgrind python3-mapnik
  )
  # The indicators benchmark gets DuckDB from npm. A Node.js from elsewhere,
  # such as NodeSource, brings its own npm and conflicts with Debian's.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -q
  $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
