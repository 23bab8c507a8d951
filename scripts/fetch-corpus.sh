#!/usr/bin/env bash
# Downloads real PostgreSQL migration files from Debian packages (never
# committed: they are fetched by the test setup) into DIR:
#   DIR/mediawiki/archives/*.sql   MediaWiki 1.39's PostgreSQL schema patches
#   DIR/mediawiki/baseline.sql     its generated PostgreSQL schema (a --schema baseline)
#   DIR/gnumed/*.sql               GNUmed's v21 -> v22 psql migration scripts
# Idempotent: a DIR that already holds them is left as it is.
set -euo pipefail
dir=${1:?usage: fetch-corpus.sh DIR}
mkdir -p "$dir"
# Tests run in parallel (ctest -j): one fetches while the others wait.
exec 9>"$dir/.lock"
flock 9
[ -f "$dir/.complete" ] && exit 0
mkdir -p "$dir/debs"
cd "$dir/debs"
if ! ls mediawiki_*.deb gnumed-server_*.deb >/dev/null 2>&1; then
  # apt-get download needs package lists; a fresh machine may have none.
  if ! apt-get download mediawiki gnumed-server >/dev/null 2>&1; then
    apt-get update >/dev/null 2>&1 || true
    apt-get download mediawiki gnumed-server >/dev/null
  fi
fi
rm -rf ../x && mkdir -p ../x
for deb in mediawiki_*.deb gnumed-server_*.deb; do dpkg-deb -x "$deb" ../x; done
cd ..
mw=x/usr/share/mediawiki/maintenance/postgres
mkdir -p mediawiki/archives gnumed
cp "$mw"/archives/*.sql mediawiki/archives/
cp "$mw"/tables-generated.sql mediawiki/baseline.sql
for f in x/var/lib/gnumed/server/sql/v21-v22/{static,dynamic}/*.sql; do cp "$f" gnumed/; done
rm -rf x
touch .complete
