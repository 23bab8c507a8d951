#!/usr/bin/env bash
# `make demo`: dbsage's main job on the bundled example. The shop's schema is
# linted from its SQL files, from the SQLite edition and from a scratch
# PostgreSQL loaded with the same script; then its migrations are checked and
# their locks proven; the scratch PostgreSQL and the SQLite file get a health
# check and tuning advice; then a real PostgreSQL log is digested. The parts that
# need a server are skipped when none is installed.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
dbsage=$build/dbsage
# Scratch servers start from a data directory initialized once (src/sandbox).
export DBSAGE_SCRATCH_TEMPLATES="$(cd "$build" && pwd)/scratch-templates"
title() { printf '\n\033[1m== %s ==\033[0m\n\n' "$1"; }
have_postgres() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
have_mariadb() { command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; }

title "dbsage lint examples/shop/schema.sql examples/shop/queries.sql"
"$dbsage" lint --fail-on never examples/shop/schema.sql examples/shop/queries.sql

title "dbsage lint $build/examples/shop.db   (the SQLite edition, with data)"
"$dbsage" lint --fail-on never "$build/examples/shop.db"

if have_mariadb; then
  title "dbsage lint examples/shop-mysql/schema.sql examples/shop-mysql/queries.sql   (MySQL dialect: the schema run statement by statement in a scratch MariaDB)"
  "$dbsage" lint --fail-on never examples/shop-mysql/schema.sql examples/shop-mysql/queries.sql
  title "dbsage lint mysql://root@localhost/main?socket=…   (a scratch MariaDB loaded with the same file: the same findings)"
  "$build/maria_sandbox" examples/shop-mysql/schema.sql "$dbsage" lint --fail-on never --format markdown "{url}" | tail -n 4
  title "dbsage migrate trace --schema examples/shop-mysql/schema.sql examples/shop-mysql/migrations/   (online DDL: predicted, then asked of MariaDB)"
  "$dbsage" migrate trace --schema examples/shop-mysql/schema.sql examples/shop-mysql/migrations/ || true
fi

title "dbsage advise indexes $build/examples/shop.db --queries examples/shop-sqlite/queries.sql   (the method of sqlite3 .expert)"
"$dbsage" advise indexes "$build/examples/shop.db" --queries examples/shop-sqlite/queries.sql

if have_postgres; then
  title "dbsage lint 'host=… dbname=postgres'   (a scratch PostgreSQL loaded with schema.sql)"
  "$build/pg_sandbox" examples/shop/schema.sql "$dbsage" lint --fail-on never "{conninfo}"

  title "dbsage advise indexes 'host=…' --queries examples/shop/queries.sql   (the shop with 200,000 orders; what-if costs by HypoPG, --verify times them on a copy)"
  shop_data=$(mktemp /tmp/dbsage-demo-shop-XXXXXX.sql)
  cat examples/shop/schema.sql examples/shop-data/postgres-data.sql > "$shop_data"
  "$build/pg_sandbox" "$shop_data" "$dbsage" advise indexes "{conninfo}" --queries examples/shop/queries.sql --verify

  title "dbsage explain plan.json   (EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of a shop report, captured on the scratch PostgreSQL with a small work_mem)"
  plan=$(mktemp /tmp/dbsage-demo-plan-XXXXXX.json)
  "$build/pg_sandbox" "$shop_data" sh -c "psql -X -At -c \"SET work_mem = '64kB'; SET max_parallel_workers_per_gather = 0; EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT customer_id, total FROM orders WHERE status = 'pending' ORDER BY total DESC\" '{conninfo}' > $plan"
  "$dbsage" explain --fail-on never "$plan"

  title "dbsage explain diff 'host=…' -c 'SELECT …' --index 'CREATE INDEX …' --analyze   (the same query before and after an index, built on a scratch copy of the table)"
  "$build/pg_sandbox" "$shop_data" "$dbsage" explain diff "{conninfo}" --analyze \
    -c "SELECT id, total FROM orders WHERE customer_id = 42 ORDER BY placed_at DESC LIMIT 10" \
    --index "CREATE INDEX CONCURRENTLY orders_customer_placed_idx ON orders (customer_id, placed_at DESC)"

  title "dbsage health 'host=…'   (the scratch PostgreSQL with the shop's data: pgHero's and check_postgres's checks; the sandbox runs with fsync off, so settings is red)"
  "$build/pg_sandbox" "$shop_data" sh -c "$dbsage health '{conninfo}' --limit unused_index_bytes=0; $dbsage health --nagios '{conninfo}'; $dbsage tune '{conninfo}' --ram 16GB --cpus 8" || true
  rm -f "$shop_data" "$plan"
fi

title "dbsage health $build/examples/shop.db   (SQLite: quick_check, foreign_key_check, free pages, statistics, journal mode)"
"$dbsage" health "$build/examples/shop.db" || true

title "dbsage tune $build/examples/shop.db   (the PRAGMAs for an application's connections)"
"$dbsage" tune "$build/examples/shop.db"

title "dbsage lint --schema examples/shop/schema.sql examples/shop/migrations/"
"$dbsage" lint --fail-on never --schema examples/shop/schema.sql examples/shop/migrations/

title "dbsage migrate locks examples/shop/migrations/001_fulfillment.sql   (a lone file in CI: unknown tables assumed busy, marked *)"
"$dbsage" migrate locks examples/shop/migrations/001_fulfillment.sql

title "dbsage migrate locks --schema examples/shop/schema.sql examples/shop/migrations/"
"$dbsage" migrate locks --schema examples/shop/schema.sql examples/shop/migrations/

if ! have_postgres; then
  title "live PostgreSQL parts skipped: no server installed (apt-get install postgresql-15)"
  exit 0
fi

title "dbsage migrate trace --schema examples/shop/schema.sql examples/shop/migrations/   (proof on a scratch PostgreSQL)"
"$dbsage" migrate trace --schema examples/shop/schema.sql examples/shop/migrations/ | tail -n 3

title "dbsage digest   (a real PostgreSQL log: pgbench on a scratch cluster, every statement logged)"
log=$(mktemp /tmp/dbsage-demo-XXXXXX.log)
trap 'rm -f "$log" "$log.sql"' EXIT
echo "select 1;" > "$log.sql"
"$build/pg_sandbox" --set log_min_duration_statement=0 --set "log_line_prefix='%m [%p] %q%u@%d '" --keep-log "$log" \
  "$log.sql" sh -c 'pgbench -i -s 1 "{conninfo}" >/dev/null 2>&1 && pgbench -c 2 -t 300 "{conninfo}" >/dev/null 2>&1 &&
                    pgbench -c 2 -t 300 -M prepared "{conninfo}" >/dev/null 2>&1'
"$dbsage" digest --top 8 "$log"

title "dbsage digest tests/data/logs/mariadb-10.11-slow.log   (a MariaDB 10.11 slow log with EXPLAIN, FLUSH and a restart in it)"
"$dbsage" digest --top 5 tests/data/logs/mariadb-10.11-slow.log
