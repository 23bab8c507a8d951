#!/usr/bin/env bash
# Per-rule agreement of dbsage and squawk-cli (npm) on real migration files
# from Debian packages, each file linted alone (the CI case, no baseline).
# The table goes into docs/benchmarks.md with a verdict per disagreement class.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
corpus="$build/corpus"
scripts/fetch-corpus.sh "$corpus"
squawk=$build/bench/squawk/node_modules/.bin/squawk
if [ ! -x "$squawk" ]; then
  npm install --silent --no-audit --no-fund --prefix "$build/bench/squawk" squawk-cli >/dev/null 2>&1 || true
fi
[ -x "$squawk" ] || { echo "squawk-cli could not be installed from npm" >&2; exit 2; }
echo "dbsage vs squawk $("$squawk" --version | cut -d' ' -f2): $(ls "$corpus"/mediawiki/archives/*.sql "$corpus"/gnumed/*.sql | wc -l) files"
python3 scripts/squawk_agreement.py "$build/dbsage" "$squawk" "$corpus"/mediawiki/archives/*.sql "$corpus"/gnumed/*.sql
