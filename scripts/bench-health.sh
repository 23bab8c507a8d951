#!/usr/bin/env bash
# dbsage health against check_postgres on the same scratch PostgreSQL
# (bench/health/problems.sql: sequences near their end, dead tuples with
# autovacuum off, duplicate indexes, a NOT VALID constraint): what each
# reports for the checks they share, then the time of one dbsage health
# run against the thirteen check_postgres actions a Nagios setup runs for
# the same ground, each its own process. Wall time from /usr/bin/time.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
if ! command -v check_postgres >/dev/null; then
  echo "check_postgres is not installed (apt-get install check-postgres): skipped"
  exit 0
fi
dir=$(mktemp -d /tmp/dbsage-bench-health-XXXXXX)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/run.sh" <<'RUN'
set -u
conninfo=$1 dbsage=$2 dir=$3
eval "$(echo "$conninfo" | tr ' ' '\n' | sed 's/^/cp_/')"
cp() { check_postgres --host="$cp_host" --port="$cp_port" --dbuser="$cp_user" --dbname="$cp_dbname" "$@" 2>&1 | cut -c1-240; }
actions="backends txn_wraparound autovac_freeze sequence last_vacuum last_analyze disabled_triggers prepared_txns locks hitratio"
echo "== what each reports =="
cp --action=sequence
cp --action=bloat --warning='1 MB' --critical='1 GB' --perflimit=2
cp --action=txn_wraparound
"$dbsage" health --limit table_bloat_warning_bytes=1000000 --limit table_bloat_percent=40 --format json "$conninfo" |
  python3 -c 'import json,sys; r=json.load(sys.stdin); [print(f["check"], f["object"], "-", f["what"]) for f in r["findings"] if f["check"] in ("sequence-overflow","table-bloat","dead-tuples")]; [print("metric", m["name"], m["value"]) for m in r["metrics"] if m["name"] in ("xid_age","connections")]'
"$dbsage" health --exact --limit table_bloat_warning_bytes=1000000 --limit table_bloat_percent=40 --format json "$conninfo" |
  python3 -c 'import json,sys; r=json.load(sys.stdin); [print("--exact", f["object"], "-", f["what"]) for f in r["findings"] if f["check"]=="table-bloat"]'
echo
echo "== time: one dbsage health run =="
/usr/bin/time -f "%e s wall, %M KB peak RSS" "$dbsage" health --nagios "$conninfo" > /dev/null
echo "== time: check_postgres, 10 actions plus bloat, txn_idle and query_time, one process each =="
/usr/bin/time -f "%e s wall" sh -c "for a in $actions; do check_postgres --host=$cp_host --port=$cp_port --dbuser=$cp_user --dbname=$cp_dbname --action=\$a >/dev/null 2>&1; done;
  for a in bloat txn_idle query_time; do check_postgres --host=$cp_host --port=$cp_port --dbuser=$cp_user --dbname=$cp_dbname --action=\$a --warning=1000000 --critical=5000000000 >/dev/null 2>&1; done"
RUN
"$build/pg_sandbox" bench/health/problems.sql sh -c "psql -q -c 'CREATE EXTENSION pgstattuple' '{conninfo}'; bash $dir/run.sh '{conninfo}' $build/dbsage $dir"
