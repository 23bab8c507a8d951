#!/usr/bin/env bash
# `make bench`: parse + lint throughput on a generated 50 MB corpus, single
# thread, median of 3 runs. Paste the result into docs/benchmarks.md.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$build/bench/lint_throughput" "${BENCH_MB:-50}" "${BENCH_RUNS:-3}"
