#!/usr/bin/env bash
# Builds Brandpunt and runs every test suite twice: in a normal build, and in a
# build with AddressSanitizer and UndefinedBehaviorSanitizer. UI tests run under
# Xvfb. Ends with one line "N passed, N failed, N skipped" over both builds.
set -u
cd "$(dirname "$0")/.."

export CI="${CI:-}"
export GTK_A11Y=none
export NO_AT_BRIDGE=1

run_build () {
  local dir=$1; shift
  local test_args=("--print-errorlogs" "--num-processes" "2")

  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" || return 1
  fi
  meson compile -C "$dir" || return 1
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    meson test -C "$dir" "${test_args[@]}" $EXTRA_TEST_ARGS
  return 0
}

count () {
  local log=$1/meson-logs/testlog.json
  [ -f "$log" ] || { echo "0 0 0"; return; }
  python3 - "$log" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    result = json.loads(line).get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(passed, failed, skipped)
PY
}

status=0
rm -f _build-test/meson-logs/testlog.json _build-asan/meson-logs/testlog.json

EXTRA_TEST_ARGS="" run_build _build-test -Dbuildtype=debugoptimized -Dwerror=true || status=1

# The sanitizer build skips the slow suite (the two-year demo run), which the
# first build covers. Unoptimised and instrumented, its tests take several
# times as long: they get three times the time.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
EXTRA_TEST_ARGS="--no-suite slow --timeout-multiplier 3" run_build _build-asan -Db_sanitize=address,undefined \
  -Db_lundef=false -Dbuildtype=debug -Dwerror=true || status=1

# Name each failed test with the end of its output, so that a short CI log
# still says what broke.
report_failures () {
  local log=$1/meson-logs/testlog.json
  [ -f "$log" ] || return 0
  python3 - "$log" "$1" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    test = json.loads(line)
    if test.get("result") in ("OK", "EXPECTEDFAIL", "SKIP"):
        continue
    print(f"FAILED in {sys.argv[2]}: {test.get('name')} ({test.get('result')}, {test.get('duration', 0):.1f} s)")
    output = (test.get("stdout") or "").splitlines()
    for out in output[-25:]:
        print(f"    {out}")
PY
}

report_failures _build-test
report_failures _build-asan

read -r p1 f1 s1 < <(count _build-test)
read -r p2 f2 s2 < <(count _build-asan)
passed=$((p1 + p2)); failed=$((f1 + f2)); skipped=$((s1 + s2))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A build that failed ran no test: count it as a failure, never as a pass.
  failed=1
fi

echo "normal build: $p1 passed, $f1 failed, $s1 skipped; sanitizer build: $p2 passed, $f2 failed, $s2 skipped"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
