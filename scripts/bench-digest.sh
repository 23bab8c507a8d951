#!/usr/bin/env bash
# Generates a real PostgreSQL log of about BENCH_MB megabytes (pgbench in
# simple and prepared protocol against a scratch cluster logging every
# statement; no repetition, so every simple-protocol statement has its own
# constants) and digests it with dbsage on one and on two threads and with
# pgBadger on one core, in the same run. BENCH_REPEAT_GB=N also repeats the
# log to N GB and digests that, to show that memory does not grow with it.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/dbsage-digest-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix='%m [%p] %q%u@%d '
mb=${BENCH_MB:-200}
# About 2 KB of log per transaction (5 statements, parse/bind/execute lines).
per_client=$(( mb * 1048576 / 2048 / 8 ))
echo "select 1;" > "$work/empty.sql"
"$build/pg_sandbox" --set log_min_duration_statement=0 --set "log_line_prefix='$prefix'" --keep-log "$work/real.log" \
  "$work/empty.sql" sh -c "pgbench -i -s 10 '{conninfo}' >/dev/null 2>&1 &&
                           pgbench -c 4 -t $per_client '{conninfo}' >/dev/null 2>&1 &&
                           pgbench -c 4 -t $per_client -M prepared '{conninfo}' >/dev/null 2>&1"
log="$work/real.log"
size_mb() { echo "scale=1; $(stat -c %s "$1") / 1048576" | bc; }
echo "log: $(size_mb "$log") MB, $(wc -l < "$log") lines (pgbench, 4 clients, simple and prepared)"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {  # prints "seconds cpu_seconds peak_kb"
  /usr/bin/time -f "%e %U %S %M" "$@" > /dev/null 2> "$work/time.txt" || true
  tail -n 1 "$work/time.txt" | awk '{print $1, $2 + $3, $4}'
}
dbsage() {  # file threads -> prints the median of 5 runs and the peak RSS
  local file=$1 threads=$2
  for i in 1 2 3 4 5; do run "$build/dbsage" digest --threads "$threads" --format json "$file"; done > "$work/dbsage.txt"
  local s cpu kb
  s=$(cut -d' ' -f1 "$work/dbsage.txt" | median)
  cpu=$(cut -d' ' -f2 "$work/dbsage.txt" | median)
  kb=$(cut -d' ' -f3 "$work/dbsage.txt" | sort -n | tail -n 1)
  echo "$s $cpu $kb"
}
size=$(size_mb "$log")
lines=$(wc -l < "$log")
read -r one_s one_cpu one_kb < <(dbsage "$log" 1)
read -r two_s two_cpu two_kb < <(dbsage "$log" 2)
echo "dbsage --threads 1:  ${one_s} s (cpu ${one_cpu} s)  $(echo "scale=0; $size / $one_s" | bc) MB/s  $(echo "scale=0; $lines / $one_s" | bc) lines/s  peak ${one_kb} KB"
echo "dbsage --threads 2:  ${two_s} s (cpu ${two_cpu} s)  $(echo "scale=0; $size / $two_s" | bc) MB/s  peak ${two_kb} KB  scaling $(echo "scale=2; $one_s / $two_s" | bc)x"
if command -v pgbadger >/dev/null; then
  read -r pgb_s pgb_cpu pgb_kb < <(run pgbadger -q -j 1 -x json -o "$work/pgbadger.json" --prefix "$prefix" "$log")
  echo "pgbadger -j 1:       ${pgb_s} s  $(echo "scale=1; $size / $pgb_s" | bc) MB/s  peak ${pgb_kb} KB"
  echo "ratio, one core each: $(echo "scale=0; $pgb_s / $one_s" | bc)x"
fi
if [ -n "${BENCH_REPEAT_GB:-}" ]; then
  target=$(( BENCH_REPEAT_GB * 1073741824 ))
  : > "$work/big.log"
  while [ "$(stat -c %s "$work/big.log")" -lt "$target" ]; do cat "$log" >> "$work/big.log"; done
  rm -f "$log"
  big=$(size_mb "$work/big.log")
  read -r s cpu kb < <(run "$build/dbsage" digest --threads 1 --format json "$work/big.log")
  echo "repeated to ${big} MB, --threads 1: ${s} s  $(echo "scale=0; $big / $s" | bc) MB/s  peak ${kb} KB"
  read -r s cpu kb < <(run "$build/dbsage" digest --threads 2 --format json "$work/big.log")
  echo "repeated to ${big} MB, --threads 2: ${s} s  $(echo "scale=0; $big / $s" | bc) MB/s  peak ${kb} KB"
fi
