#!/usr/bin/env bash
# Lints a generated corpus of 2,000 migration files with dbsage and, in the
# same run, with squawk-cli from the npm registry (installed into the build
# directory when npm is available). Prints each tool's median of 3 runs.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
corpus=$(mktemp -d /tmp/dbsage-migrations-XXXXXX)
trap 'rm -rf "$corpus"' EXIT
"$build/bench/make_migrations" "$corpus/m" "${BENCH_FILES:-2000}"
plain=$corpus/plain
mkdir -p "$plain"
# squawk cannot read psql meta-commands; give it the same files without them.
for f in "$corpus"/m/*.sql; do grep -v '^\\' "$f" > "$plain/$(basename "$f")"; done
echo "corpus: $(ls "$corpus/m" | wc -l) files, $(cat "$corpus"/m/*.sql | wc -l) lines, $(du -sh "$corpus/m" | cut -f1)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_runs() {
  for i in 1 2 3; do
    local start end
    start=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median
}

dbsage_s=$(time_runs "$build/dbsage" lint --fail-on never "$corpus/m")
dbsage_plain_s=$(time_runs "$build/dbsage" lint --fail-on never "$plain")
echo "dbsage lint (psql scripts):       ${dbsage_s} s"
echo "dbsage lint (meta-commands cut):  ${dbsage_plain_s} s"
squawk=$build/bench/squawk/node_modules/.bin/squawk
if [ ! -x "$squawk" ] && command -v npm >/dev/null; then
  npm install --silent --no-audit --no-fund --prefix "$build/bench/squawk" squawk-cli >/dev/null 2>&1 || true
fi
if [ -x "$squawk" ]; then
  squawk_s=$(time_runs "$squawk" "$plain"/*.sql)
  echo "squawk $("$squawk" --version | cut -d' ' -f2) (meta-commands cut): ${squawk_s} s"
  echo "ratio squawk / dbsage (same files): $(echo "scale=2; $squawk_s / $dbsage_plain_s" | bc)"
  if "$squawk" "$corpus"/m/0003_change.sql > /dev/null 2>&1; then echo "squawk reads psql scripts"
  else echo "squawk on a psql script starting with \\set: reports a syntax error"; fi
else
  echo "squawk: not available (no npm)"
fi
