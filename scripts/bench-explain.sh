#!/usr/bin/env bash
# Times dbsage explain on plans captured from a real PostgreSQL in this run:
# one plan of about 10,000 nodes (a UNION ALL of 3,334 sorted LIMIT 1
# subqueries, EXPLAIN ANALYZE BUFFERS) as JSON and as text, and a directory
# of 1,000 plans (500 JSON, 500 text) read in one invocation. Medians of 5
# runs with /usr/bin/time; peak RSS is the largest of the runs.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/dbsage-explain-bench-XXXXXX)
[ -n "${KEEP_BENCH:-}" ] && echo "kept in $work" || trap 'rm -rf "$work"' EXIT
arms=3334
{
  echo "CREATE TABLE t (id int PRIMARY KEY, k int NOT NULL, v int NOT NULL);"
  echo "INSERT INTO t SELECT g, g % 500, g % 977 FROM generate_series(1, 20000) g;"
  echo "ANALYZE t;"
} > "$work/setup.sql"
{
  printf "SELECT * FROM (SELECT id FROM t WHERE k = 0 ORDER BY v LIMIT 1) s0"
  for i in $(seq 1 $((arms - 1))); do printf "\nUNION ALL SELECT * FROM (SELECT id FROM t WHERE k = %d ORDER BY v LIMIT 1) s%d" $((i % 500)) "$i"; done
  echo
} > "$work/big.sql"
{
  for i in $(seq 1 500); do
    q="SELECT a.id, b.v FROM t a JOIN t b ON b.k = a.k WHERE a.id < $((i * 7 % 400 + 20)) ORDER BY b.v LIMIT $((i % 50 + 1))"
    echo "\\o $work/plans/p$i.json"
    echo "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) $q;"
    echo "\\o $work/plans/p$i.txt"
    echo "EXPLAIN (ANALYZE, BUFFERS) $q;"
  done
  echo "\\o"
} > "$work/many.sql"
{ printf "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "; cat "$work/big.sql"; echo ";"; } > "$work/big-json.sql"
{ printf "EXPLAIN (ANALYZE, BUFFERS) "; cat "$work/big.sql"; echo ";"; } > "$work/big-text.sql"
mkdir -p "$work/plans"
"$build/pg_sandbox" "$work/setup.sql" sh -c "
  psql -X -q -At '{conninfo}' -f $work/big-json.sql > $work/big.json &&
  psql -X -q '{conninfo}' -f $work/big-text.sql > $work/big.txt &&
  psql -X -q '{conninfo}' -f $work/many.sql > /dev/null"
nodes=$(grep -c '"Node Type"' "$work/big.json")
echo "big plan: $nodes nodes; JSON $(du -k "$work/big.json" | cut -f1) kB, text $(du -k "$work/big.txt" | cut -f1) kB"
echo "directory: $(ls "$work/plans" | wc -l) plans, $(du -sk "$work/plans" | cut -f1) kB"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {  # label, command... -> median seconds and peak RSS over 5 runs
  local label=$1; shift
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" "$@" > /dev/null 2> "$work/time.txt" || true
    tail -n 1 "$work/time.txt"
  done > "$work/runs.txt"
  printf "%-34s %8.3f s  %8d kB peak RSS\n" "$label" "$(cut -d' ' -f1 "$work/runs.txt" | median)" "$(cut -d' ' -f2 "$work/runs.txt" | sort -n | tail -n 1)"
}
measure "big plan ($nodes nodes), JSON out" "$build/dbsage" explain --format json --fail-on never "$work/big.json"
measure "big plan, text in, JSON out" "$build/dbsage" explain --format json --fail-on never "$work/big.txt"
measure "big plan, JSON in, terminal tree" "$build/dbsage" explain --fail-on never "$work/big.json"
measure "1,000 plans in one run" "$build/dbsage" explain --format json --fail-on never "$work"/plans/*
measure "startup (an empty plan list)" "$build/dbsage" rules plan-sort-spilled
