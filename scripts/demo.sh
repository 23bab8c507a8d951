#!/usr/bin/env bash
# `make demo`: dbsage's main job on the bundled example, from SQL files, from
# the SQLite edition of the same shop, and from a scratch PostgreSQL loaded
# with the same script when a PostgreSQL server is installed.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
dbsage=$build/dbsage
title() { printf '\n\033[1m== %s ==\033[0m\n\n' "$1"; }

title "dbsage lint examples/shop/schema.sql examples/shop/queries.sql"
"$dbsage" lint --fail-on never examples/shop/schema.sql examples/shop/queries.sql

title "dbsage lint $build/examples/shop.db   (the SQLite edition, with data)"
"$dbsage" lint --fail-on never "$build/examples/shop.db"

title "dbsage lint --schema examples/shop/schema.sql examples/shop/migrations/"
"$dbsage" lint --fail-on never --schema examples/shop/schema.sql examples/shop/migrations/

title "dbsage migrate locks --schema examples/shop/schema.sql examples/shop/migrations/"
"$dbsage" migrate locks --schema examples/shop/schema.sql examples/shop/migrations/

if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  title "dbsage migrate trace --schema examples/shop/schema.sql examples/shop/migrations/   (proof on a scratch PostgreSQL)"
  "$dbsage" migrate trace --schema examples/shop/schema.sql examples/shop/migrations/ | tail -n 3
  title "dbsage lint 'host=… dbname=postgres'   (a scratch PostgreSQL loaded with schema.sql)"
  "$build/pg_sandbox" examples/shop/schema.sql "$dbsage" lint --fail-on never "{conninfo}"
else
  title "live PostgreSQL skipped: no server installed (apt-get install postgresql-15)"
fi
