#!/usr/bin/env bash
# Build and test time from a fresh clone (docs/benchmarks.md, "Build and
# test time"): make test, a second make test, a change to a model header, a
# full build of every target. ccache is disabled, so every compile is cold.
# Usage: scripts/bench-build.sh [REV]   (default HEAD; takes ~12 minutes on 2 cores)
set -euo pipefail
rev=${1:-HEAD}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/dbsage-bench-build-XXXXXX)
trap 'rm -rf "$work"' EXIT
export CCACHE_DISABLE=1
git clone -q "$repo" "$work/src"
cd "$work/src"
git checkout -q "$rev"
timed() {  # label, command...: wall seconds of the command, its output in $work/log
  local label=$1; shift
  /usr/bin/time -f "%e" -o "$work/time" "$@" > "$work/log" 2>&1 || { tail -20 "$work/log"; exit 1; }
  printf '%-52s %8.1f s\n' "$label" "$(cat "$work/time")"
}
timed "make test (fresh clone, cold)" make test
grep -E 'tests passed|Total Test time' "$work/log"
timed "make test again (nothing changed)" make test
for header in src/model/statement.h src/model/schema.h; do
  touch "$header"
  timed "rebuild after touching $header" cmake --build build -j "$(nproc)" --target dbsage dbsage_tests example_db
done
rm -rf build
timed "make build (every target, clean build/)" make build
du -sh build/libdbsage_core.a build/dbsage build/tests/dbsage_tests
