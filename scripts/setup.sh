#!/usr/bin/env bash
# Installs the Debian packages dbsage needs to build and test; does nothing when
# they are all present. Idempotent, so `make demo` and `make test` can call it.
# Extra packages for optional targets are given as arguments (`make fuzz`).
set -euo pipefail
packages=(
  build-essential cmake pkg-config ninja-build ccache lld clang
  libpg-query-dev libpq-dev libmariadb-dev libsqlite3-dev libcli11-dev libfmt-dev
  nlohmann-json3-dev libsimdjson-dev libtomlplusplus-dev libzstd-dev zlib1g-dev libxxhash-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-15-hypopg sqlite3 pgbadger check-postgres mariadb-server mariadb-client python3 gzip zstd
  "$@"
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists; refresh them once before installing.
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
