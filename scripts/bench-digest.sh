#!/usr/bin/env bash
# Generates a real PostgreSQL log (pgbench, simple and prepared protocol, on a
# scratch cluster logging every statement), repeats it to BENCH_MB megabytes,
# and digests it with dbsage and with pgBadger (one core each) in the same run.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/dbsage-digest-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix='%m [%p] %q%u@%d '
echo "select 1;" > "$work/empty.sql"
"$build/pg_sandbox" --set log_min_duration_statement=0 --set "log_line_prefix='$prefix'" --keep-log "$work/seed.log" \
  "$work/empty.sql" sh -c 'pgbench -i -s 2 "{conninfo}" >/dev/null 2>&1 &&
                           pgbench -c 2 -t 2000 "{conninfo}" >/dev/null 2>&1 &&
                           pgbench -c 2 -t 2000 -M prepared "{conninfo}" >/dev/null 2>&1'
target=$(( ${BENCH_MB:-200} * 1048576 ))
seed_size=$(stat -c %s "$work/seed.log")
: > "$work/big.log"
while [ "$(stat -c %s "$work/big.log")" -lt "$target" ]; do cat "$work/seed.log" >> "$work/big.log"; done
size_mb=$(echo "scale=1; $(stat -c %s "$work/big.log") / 1048576" | bc)
lines=$(wc -l < "$work/big.log")
echo "log: ${size_mb} MB, ${lines} lines (a ${seed_size}-byte pgbench log repeated)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {  # prints "seconds peak_kb"
  /usr/bin/time -f "%e %M" "$@" > /dev/null 2> "$work/time.txt" || true
  tail -n 1 "$work/time.txt"
}
for i in 1 2 3; do run "$build/dbsage" digest --format json "$work/big.log"; done > "$work/dbsage.txt"
dbsage_s=$(cut -d' ' -f1 "$work/dbsage.txt" | median)
dbsage_kb=$(cut -d' ' -f2 "$work/dbsage.txt" | sort -n | tail -n 1)
echo "dbsage digest:  ${dbsage_s} s  $(echo "scale=0; $size_mb / $dbsage_s" | bc) MB/s  $(echo "scale=0; $lines / $dbsage_s" | bc) lines/s  peak ${dbsage_kb} KB"
if command -v pgbadger >/dev/null; then
  read -r pgb_s pgb_kb < <(run pgbadger -q -j 1 -x json -o "$work/pgbadger.json" --prefix "$prefix" "$work/big.log")
  echo "pgbadger -j 1:  ${pgb_s} s  $(echo "scale=1; $size_mb / $pgb_s" | bc) MB/s  peak ${pgb_kb} KB"
  echo "ratio: $(echo "scale=0; $pgb_s / $dbsage_s" | bc)x"
fi
