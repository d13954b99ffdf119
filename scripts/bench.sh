#!/usr/bin/env bash
# Builds the benchmarks (Release, in build-bench/) and runs them all: the
# throughput and scaling benchmark (bench/bench.c), then single-invocation
# timings and peak RSS (bench/single.sh). Arguments go to dsjob-bench, e.g.
#   scripts/bench.sh --docs 1000 --min-time 0.3 --max-scale 2000000
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DDSJ_BENCH=ON -DDSJ_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
build-bench/bench/dsjob-bench "$@"
bench/single.sh build-bench
