#!/usr/bin/env bash
# MySQL dialect files: a mariadb-dump of the shop schema, then the same dump
# with DUMP_MB megabytes of INSERT data (default 1024). The data is counted
# by the splitter and never run or held, so both should cost about the same;
# the figures go into docs/benchmarks.md. For scale, the time to load the
# data dump into MariaDB with the mariadb client is timed too (what running
# the file would cost). Wall time and peak RSS from /usr/bin/time.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
mb=${DUMP_MB:-1024}
dir=$(mktemp -d /tmp/dbsage-bench-mysql-XXXXXX)
trap 'rm -rf "$dir"' EXIT
schema=$dir/schema-dump.sql
data=$dir/data-dump.sql
"$build/maria_sandbox" examples/shop-mysql/schema.sql sh -c \
  "mariadb-dump --no-defaults -uroot --socket=\$(echo '{url}' | sed 's/.*socket=//') --databases main --triggers --routines > $schema"
python3 - "$schema" "$data" "$mb" <<'PY'
import sys
schema, data, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(schema).read()
head, sep, tail = text.partition("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;")
row = "(%d,'customer%d@example.com','Customer number %d','DE','2024-01-01 00:00:00')"
with open(data, "w") as out:
    out.write(head)
    out.write("LOCK TABLES `customers` WRITE;\n")
    written, n = 0, 0
    while written < mb << 20:
        values = ",".join(row % (n + i, n + i, n + i) for i in range(1000))
        line = "INSERT INTO `customers` VALUES " + values + ";\n"
        out.write(line)
        written += len(line)
        n += 1000
    out.write("UNLOCK TABLES;\n")
    out.write(sep + tail)
PY
measure() {
  /usr/bin/time -f "%e s, %M KB peak RSS" "$@" > /dev/null 2> "$dir/time" || true
  tail -n 1 "$dir/time"
}
echo "schema-only dump ($(du -h "$schema" | cut -f1)): $(measure "$build/dbsage" lint --fail-on never "$schema")"
echo "dump with ${mb} MB of INSERTs ($(du -h "$data" | cut -f1)): $(measure "$build/dbsage" lint --fail-on never "$data")"
"$build/maria_sandbox" /dev/null sh -c "/usr/bin/time -f 'loading the data dump with the mariadb client: %e s' \
  mariadb --no-defaults -uroot --socket=\$(echo '{url}' | sed 's/.*socket=//') < $data" 2>&1 | tail -n 1
