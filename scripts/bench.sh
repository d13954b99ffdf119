#!/usr/bin/env bash
# Builds the benchmarks (Release, in build-bench/) and runs them all: the
# throughput and scaling benchmark (bench/bench.c, with the `dsjob --jsonl`
# batch runs side by side with their floors), then single-invocation timings
# and peak RSS (bench/single.sh). Other arguments go to dsjob-bench, e.g.
#   scripts/bench.sh --docs 1000 --min-time 0.6 --max-scale 2000000
# --build-dir DIR uses an existing build (its bench/ tools and dsjob) instead;
# --smoke runs everything once on a tiny corpus (ctest's bench.smoke: the
# commands must keep working; the numbers mean nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
build=""
smoke=0
args=()
while [ $# -gt 0 ]; do
	case "$1" in
	--build-dir) build=$2; shift 2 ;;
	--smoke) smoke=1; shift ;;
	*) args+=("$1"); shift ;;
	esac
done
if [ -z "$build" ]; then
	build=build-bench
	cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DDSJ_BENCH=ON -DDSJ_TESTS=OFF >/dev/null
	cmake --build "$build" -j"$(nproc)" >/dev/null
fi
if [ "$smoke" = 1 ]; then
	args=(--docs 12 --min-time 0 --max-scale 2000 "${args[@]}")
	export DSJ_BENCH_RUNS=3
fi
echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
"$build/bench/dsjob-bench" --cli "$build/dsjob" "${args[@]}"
bench/single.sh "$build"
